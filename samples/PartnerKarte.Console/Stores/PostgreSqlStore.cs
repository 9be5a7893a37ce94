using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Karte;
using PartnerKarte.Sync;
using SqliteHit = PartnerKarte.Connectors.Sqlite.KarteSearchHit;

namespace PartnerKarte.Console.Stores;

/// <summary>The PostgreSQL store (<c>--connector postgres --connection-string …</c>).</summary>
internal sealed class PostgreSqlStore(PostgreSqlKarteConnector store) : IKarteStore
{
    public KarteConnector Connector => store;

    public async Task<IReadOnlyList<SqliteHit>> SearchAsync(string text, KarteRecordKind kind, int max, CancellationToken cancellationToken) =>
        [.. (await store.SearchAsync(text, kind, max, cancellationToken).ConfigureAwait(false)).Select(h => new SqliteHit(h.Kind, h.Id, h.Name, h.Kana, h.CompanyId))];

    public Task<EnrichmentRecord?> ReadEnrichmentAsync(EnrichmentKey key, CancellationToken cancellationToken) =>
        store.ReadEnrichmentAsync(key, cancellationToken);

    public Task<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>> ReadEnrichmentAsync(IReadOnlyCollection<EnrichmentKey> keys, CancellationToken cancellationToken) =>
        store.ReadEnrichmentAsync(keys, cancellationToken);

    public Task<int> SaveTeamAsync(IReadOnlyList<TeamMember> members, CancellationToken cancellationToken) =>
        store.SaveTeamAsync(members, cancellationToken);
}
