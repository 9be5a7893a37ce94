using PartnerKarte.Connectors.Conformance;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

/// <summary>The shared connector conformance suite, against the Dataverse emulator over real HTTP on 127.0.0.1.</summary>
public sealed class DataverseConnectorConformanceTests : KarteConnectorConformanceTests, IAsyncLifetime
{
    private DataverseTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await DataverseTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    protected override Task<KarteConnector> CreateConnectorAsync() => Task.FromResult<KarteConnector>(_env.CreateConnector());

    protected override Task SeedAsync(KarteConnector connector, KarteRecordBatch records)
    {
        _env.Seed(records);
        return Task.CompletedTask;
    }

    protected override Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key) =>
        ((DataverseConnector)connector).ReadEnrichmentAsync(key);
}
