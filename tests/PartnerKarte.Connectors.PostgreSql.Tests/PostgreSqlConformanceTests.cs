using PartnerKarte.Testing.Conformance;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>The shared connector conformance suite against the PostgreSQL store on a real server (small pages to exercise paging).</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConformanceTests(PostgreSqlTestServer server) : KarteConnectorConformanceTests
{
    protected override Task<KarteConnector> CreateConnectorAsync() =>
        Task.FromResult<KarteConnector>(new PostgreSqlKarteConnector(server.DataSource, server.NewOptions()));

    protected override async Task SeedAsync(KarteConnector connector, KarteRecordBatch records) =>
        (await ((PostgreSqlKarteConnector)connector).UpsertKarteAsync(records)).Should().OnlyContain(r => r.Succeeded);

    protected override Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key) =>
        ((PostgreSqlKarteConnector)connector).ReadEnrichmentAsync(key);

    protected override Task<int?> CountTasksAsync(KarteConnector connector, KarteRecordKind recordKind, string recordId) =>
        Task.FromResult<int?>(((PostgreSqlKarteConnector)connector).CountTasks(recordKind, recordId));
}
