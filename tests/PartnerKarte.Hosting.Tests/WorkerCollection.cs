namespace PartnerKarte.Hosting.Tests;

/// <summary>Tests that run syncs, one at a time: the telemetry test listens to every PartnerKarte activity and meter in the process.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerCollection
{
    public const string Name = "workers";
}
