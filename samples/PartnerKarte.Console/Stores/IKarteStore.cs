using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Stores;

/// <summary>
/// What the console needs of a karte store beyond the connector contract: name/kana search, the stored enrichment
/// values, and our team's roster. Both stores (SQLite and PostgreSQL) provide it, so <c>import</c>, <c>karte</c>
/// and <c>report</c> read and write either the same way.
/// </summary>
internal interface IKarteStore
{
    /// <summary>The store as a connector.</summary>
    KarteConnector Connector { get; }

    /// <summary>Companies or reps whose name or kana contains the text (widths, kana and spaces do not matter).</summary>
    Task<IReadOnlyList<KarteSearchHit>> SearchAsync(string text, KarteRecordKind kind, int max, CancellationToken cancellationToken);

    /// <summary>The enrichment values stored for one target, or null before its first sync.</summary>
    Task<EnrichmentRecord?> ReadEnrichmentAsync(EnrichmentKey key, CancellationToken cancellationToken);

    /// <summary>The enrichment values stored for many targets at once.</summary>
    Task<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>> ReadEnrichmentAsync(IReadOnlyCollection<EnrichmentKey> keys, CancellationToken cancellationToken);

    /// <summary>Adds or updates members of our team by id; returns the number written.</summary>
    Task<int> SaveTeamAsync(IReadOnlyList<TeamMember> members, CancellationToken cancellationToken);
}
