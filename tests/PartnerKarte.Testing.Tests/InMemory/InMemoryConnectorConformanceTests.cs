using PartnerKarte.Sync;
using PartnerKarte.Testing.Conformance;

namespace PartnerKarte.Testing.Tests.InMemory;

/// <summary>The shared connector conformance suite against the in-memory connector (small pages to exercise paging).</summary>
public sealed class InMemoryConnectorConformanceTests : KarteConnectorConformanceTests
{
    protected override Task<KarteConnector> CreateConnectorAsync() =>
        Task.FromResult<KarteConnector>(new InMemoryKarteConnector(new InMemoryKarteConnectorOptions { PageSize = 2 }));

    protected override Task SeedAsync(KarteConnector connector, KarteRecordBatch records)
    {
        ((InMemoryKarteConnector)connector).Seed(records);
        return Task.CompletedTask;
    }

    protected override Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key) =>
        Task.FromResult(((InMemoryKarteConnector)connector).ReadEnrichment(key));

    protected override Task<int?> CountTasksAsync(KarteConnector connector, KarteRecordKind recordKind, string recordId) =>
        Task.FromResult<int?>(((InMemoryKarteConnector)connector).GetTasks(recordKind, recordId).Count);
}
