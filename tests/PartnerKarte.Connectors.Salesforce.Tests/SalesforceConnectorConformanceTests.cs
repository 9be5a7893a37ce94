using PartnerKarte.Connectors.Conformance;
using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>The shared connector conformance suite against the Salesforce emulator over real HTTP.</summary>
public sealed class SalesforceConnectorConformanceTests : KarteConnectorConformanceTests, IAsyncLifetime
{
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    protected override Task<KarteConnector> CreateConnectorAsync() => Task.FromResult<KarteConnector>(_org.Connector());

    protected override Task SeedAsync(KarteConnector connector, KarteRecordBatch records)
    {
        _org.Seed(records);
        return Task.CompletedTask;
    }

    protected override Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key) =>
        Task.FromResult(_org.ReadEnrichment(key));
}
