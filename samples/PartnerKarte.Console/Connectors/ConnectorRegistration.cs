using PartnerKarte.Sync;

namespace PartnerKarte.Console.Connectors;

/// <summary>One connector the console knows by name; <see cref="Factory"/> is <see langword="null"/> while it is not in this build.</summary>
internal sealed record ConnectorRegistration(string Name, string Description, Func<ConnectorContext, KarteConnector>? Factory)
{
    public bool IsAvailable => Factory is not null;
}
