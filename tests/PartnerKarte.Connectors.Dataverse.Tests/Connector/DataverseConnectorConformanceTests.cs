using PartnerKarte.Testing.Conformance;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

/// <summary>The shared connector conformance suite, against the Dataverse emulator over real HTTP on 127.0.0.1.</summary>
public sealed class DataverseConnectorConformanceTests : KarteConnectorConformanceTests, IAsyncLifetime
{
    private DataverseTestEnvironment _env = null!;

    public async Task InitializeAsync()
    {
        _env = await DataverseTestEnvironment.StartAsync();

        // The organisation's users exist in the environment, as they would in a real one (owners are bound to systemusers).
        _env.EnsureUser(ConformanceData.Manager);
        _env.EnsureUser(ConformanceData.Successor);
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    protected override Task<KarteConnector> CreateConnectorAsync() => Task.FromResult<KarteConnector>(_env.CreateConnector());

    protected override Task SeedAsync(KarteConnector connector, KarteRecordBatch records)
    {
        _env.Seed(records);
        return Task.CompletedTask;
    }

    protected override Task<int?> CountTasksAsync(KarteConnector connector, KarteRecordKind recordKind, string recordId)
    {
        var regarding = recordKind switch { KarteRecordKind.Company => "account", KarteRecordKind.Proposal => "opportunity", _ => "contact" };
        var id = _env.FindByExternalId(regarding, recordId)?.ToString();
        return Task.FromResult<int?>(_env.Emulator.Rows("task").Values.Count(t =>
            t["_regardingobjectid_value"]?.GetValue<string>() == id && t["pk_externalid"]?.GetValue<string>()?.StartsWith(DataverseConnector.TaskIdPrefix, StringComparison.Ordinal) == true));
    }

    protected override Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key) =>
        ((DataverseConnector)connector).ReadEnrichmentAsync(key);
}
