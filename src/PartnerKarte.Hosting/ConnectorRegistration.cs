namespace PartnerKarte;

/// <summary>A connector added to the builder: its name and, when it has options, how to read (and so validate) them.</summary>
/// <param name="Name">The connector's name, lower case.</param>
/// <param name="ReadOptions">Reads the connector's options (running their validators); <see langword="null"/> when it has none to validate.</param>
internal sealed record ConnectorRegistration(string Name, Func<IServiceProvider, object>? ReadOptions)
{
    /// <summary>The embedded store's connector: registered for its sync state, selected only when no other connector is added.</summary>
    public const string EmbeddedStore = "sqlite";
}
