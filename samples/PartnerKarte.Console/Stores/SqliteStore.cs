using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Stores;

/// <summary>The SQLite store file (<c>--db</c>).</summary>
internal sealed class SqliteStore(SqliteKarteConnector store) : IKarteStore
{
    public KarteConnector Connector => store;

    public Task<IReadOnlyList<KarteSearchHit>> SearchAsync(string text, KarteRecordKind kind, int max, CancellationToken cancellationToken) =>
        store.SearchAsync(text, kind, max, cancellationToken);

    public Task<EnrichmentRecord?> ReadEnrichmentAsync(EnrichmentKey key, CancellationToken cancellationToken) =>
        store.ReadEnrichmentAsync(key, cancellationToken);

    public Task<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>> ReadEnrichmentAsync(IReadOnlyCollection<EnrichmentKey> keys, CancellationToken cancellationToken) =>
        store.ReadEnrichmentAsync(keys, cancellationToken);

    public Task<int> SaveTeamAsync(IReadOnlyList<TeamMember> members, CancellationToken cancellationToken) =>
        store.SaveTeamAsync(members, cancellationToken);
}
