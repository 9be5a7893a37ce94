using PartnerKarte.Sync;
using PartnerKarte.Testing.Conformance;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>The shared sync-state store conformance suite against the SQLite store.</summary>
public sealed class SqliteSyncStateStoreConformanceTests : SyncStateStoreConformanceTests, IDisposable
{
    private readonly TempStore store = new();
    private readonly List<SqliteSyncStateStore> opened = [];

    public void Dispose()
    {
        opened.ForEach(s => s.Dispose());
        store.Dispose();
    }

    protected override Task<ISyncStateStore> CreateStoreAsync()
    {
        var state = new SqliteSyncStateStore(store.Options);
        opened.Add(state);
        return Task.FromResult<ISyncStateStore>(state);
    }
}
