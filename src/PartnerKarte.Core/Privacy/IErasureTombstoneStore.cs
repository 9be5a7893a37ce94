using PartnerKarte.Sync;

namespace PartnerKarte.Privacy;

/// <summary>
/// Where erasures are remembered (a keyed hash per erased rep, no personal data) and where the sync state kept about a rep is
/// forgotten. The SQLite sync-state store implements it; the enrichment sync reads the tombstones at the start of every run
/// when its state store implements this interface, and neither reads nor writes an erased rep.
/// </summary>
public interface IErasureTombstoneStore
{
    /// <summary>Reads every tombstone.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tombstones.</returns>
    Task<ErasureTombstones> ReadTombstonesAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that the rep with this id was erased (only its keyed hash and the instant are kept).</summary>
    /// <param name="id">The rep's karte id.</param>
    /// <param name="erasedAt">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the tombstone is new, <see langword="false"/> when the rep was already erased.</returns>
    Task<bool> AddTombstoneAsync(string id, DateTimeOffset erasedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets, under every state key, the sync state about one target: its written hash and failure ledger entry, and the
    /// listed engine-state entries (scope and key).
    /// </summary>
    /// <param name="key">The target (a rep).</param>
    /// <param name="entries">Engine-state entries to delete, as scope and key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many rows were deleted.</returns>
    Task<int> ForgetSyncStateAsync(EnrichmentKey key, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken cancellationToken = default);
}
