using PartnerKarte.Testing.Conformance;
using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>The shared connector conformance suite against the Salesforce emulator over real HTTP.</summary>
public sealed class SalesforceConnectorConformanceTests : KarteConnectorConformanceTests, IAsyncLifetime
{
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    protected override Task<KarteConnector> CreateConnectorAsync() => Task.FromResult<KarteConnector>(_org.Connector(o => o.BulkThreshold = 1_000)); // a full batch (2,000) then goes through Bulk API 2.0

    protected override Task SeedAsync(KarteConnector connector, KarteRecordBatch records)
    {
        _org.Seed(records);
        return Task.CompletedTask;
    }

    protected override Task<int?> CountTasksAsync(KarteConnector connector, KarteRecordKind recordKind, string recordId)
    {
        var type = recordKind switch { KarteRecordKind.Company => "Account", KarteRecordKind.Rep => "Contact", _ => "Opportunity" };
        var id = _org.IdOf(type, recordId);
        return Task.FromResult<int?>(_org.Org.Records("Task").Count(t => (t["WhoId"] as string == id || t["WhatId"] as string == id) && t["Status"] as string != "Completed"));
    }

    protected override Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key) =>
        Task.FromResult(_org.ReadEnrichment(key));
}
