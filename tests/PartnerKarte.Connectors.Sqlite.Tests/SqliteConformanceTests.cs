using PartnerKarte.Testing.Conformance;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>The shared connector conformance suite against the embedded store (small pages to exercise paging).</summary>
public sealed class SqliteConformanceTests : KarteConnectorConformanceTests, IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

    protected override Task<KarteConnector> CreateConnectorAsync() =>
        Task.FromResult<KarteConnector>(new SqliteKarteConnector(store.Options));

    protected override async Task SeedAsync(KarteConnector connector, KarteRecordBatch records) =>
        (await ((SqliteKarteConnector)connector).UpsertKarteAsync(records)).Should().OnlyContain(r => r.Succeeded);

    protected override Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key) =>
        ((SqliteKarteConnector)connector).ReadEnrichmentAsync(key);

    protected override Task<int?> CountTasksAsync(KarteConnector connector, KarteRecordKind recordKind, string recordId) =>
        Task.FromResult<int?>(((SqliteKarteConnector)connector).CountTasks(recordKind, recordId));
}
