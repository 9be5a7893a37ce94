namespace PartnerKarte.Sync;

/// <summary>
/// Durable sync state, kept per connector <see cref="KarteConnector.StateKey"/>: watermarks, last-written hashes,
/// the failure ledger, incremental engine state and run history. The embedded SQLite store implements it
/// and serves every connector. Each method is atomic; <see cref="CommitBatchAsync"/> is the checkpoint after a written batch.
/// </summary>
public interface ISyncStateStore
{
    /// <summary>Reads the watermark saved after the last completed run.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The watermark, or <see langword="null"/> before the first completed run.</returns>
    Task<string?> GetWatermarkAsync(string stateKey, CancellationToken cancellationToken = default);

    /// <summary>Saves the watermark.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="watermark">The watermark; <see langword="null"/> forgets it (next run is a full run).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SaveWatermarkAsync(string stateKey, string? watermark, CancellationToken cancellationToken = default);

    /// <summary>Reads the content hashes last written for the given targets.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="keys">The targets.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hashes of the targets that were ever written.</returns>
    Task<IReadOnlyDictionary<EnrichmentKey, string>> GetWrittenHashesAsync(string stateKey, IReadOnlyList<EnrichmentKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Stores one batch's outcome in one transaction: written hashes, failures, resolved ledger entries.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="checkpoint">The batch outcome.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CommitBatchAsync(string stateKey, SyncCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Reads the failure ledger.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open failures.</returns>
    Task<IReadOnlyList<SyncFailure>> GetFailuresAsync(string stateKey, CancellationToken cancellationToken = default);

    /// <summary>Reads entries of engine state (for example per-rep scoring accumulators), as opaque bytes.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="scope">The kind of state, such as <c>scoring</c>.</param>
    /// <param name="keys">Entry keys (rep ids ...).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries that exist.</returns>
    Task<IReadOnlyDictionary<string, byte[]>> GetStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces entries of engine state.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="scope">The kind of state.</param>
    /// <param name="entries">The entries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SaveStateEntriesAsync(string stateKey, string scope, IReadOnlyDictionary<string, byte[]> entries, CancellationToken cancellationToken = default);

    /// <summary>Streams every entry of one scope of engine state (for example the karte mirror the nightly run evaluates from).</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="scope">The kind of state.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries, in key order.</returns>
    IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateEntriesAsync(string stateKey, string scope, CancellationToken cancellationToken = default);

    /// <summary>Deletes entries of engine state.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="scope">The kind of state.</param>
    /// <param name="keys">The keys to delete, or <see langword="null"/> for every entry of the scope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string>? keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes or renews the run lease of a state key, atomically: granted when no lease is held, the held one has expired,
    /// or <paramref name="owner"/> already holds it. Only one sync runs on a state key at a time.
    /// </summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="owner">Who asks (the run, see <see cref="SyncLease.Owner"/>).</param>
    /// <param name="now">The current time.</param>
    /// <param name="duration">How long the lease lasts unless renewed or released.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease in force after the call: held by <paramref name="owner"/> when granted, else the other holder's.</returns>
    Task<SyncLease> AcquireLeaseAsync(string stateKey, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Releases the run lease when <paramref name="owner"/> holds it.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="owner">The holder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ReleaseLeaseAsync(string stateKey, string owner, CancellationToken cancellationToken = default);

    /// <summary>Appends a finished run to the run history.</summary>
    /// <param name="report">The run's report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task RecordRunAsync(SyncReport report, CancellationToken cancellationToken = default);

    /// <summary>Reads the most recent runs, newest first.</summary>
    /// <param name="stateKey">The connector's state key.</param>
    /// <param name="count">How many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reports.</returns>
    Task<IReadOnlyList<SyncReport>> GetRunHistoryAsync(string stateKey, int count = 20, CancellationToken cancellationToken = default);
}
