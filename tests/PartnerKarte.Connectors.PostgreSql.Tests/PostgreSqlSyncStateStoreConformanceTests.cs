using PartnerKarte.Sync;
using PartnerKarte.Testing.Conformance;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>The shared sync-state store conformance suite against the PostgreSQL store on a real server (a fresh schema per test).</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSyncStateStoreConformanceTests(PostgreSqlTestServer server) : SyncStateStoreConformanceTests
{
    protected override Task<ISyncStateStore> CreateStoreAsync() =>
        Task.FromResult<ISyncStateStore>(new PostgreSqlSyncStateStore(server.DataSource, server.NewOptions()));
}
