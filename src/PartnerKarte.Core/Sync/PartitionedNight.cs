using System.Globalization;

namespace PartnerKarte.Sync;

/// <summary>
/// One night of the enrichment sync shared by several workers: the companies are split into <see cref="Partitions"/> shares
/// (<see cref="KartePartition"/>), and each worker running <see cref="RunAsync"/> takes the shares one after the other, each
/// under a claim and the share's run lease, skipping those another worker holds or has already synced for the same instant. Every worker
/// starts at a different share (its worker number), so N workers on N shares run side by side. Because a company's
/// karte is the unit of recomputation, the night's result equals one unpartitioned run's.
/// </summary>
/// <remarks>
/// Each share keeps its own sync state under <c>StateKey#part-i-of-n</c> (watermark, karte mirror, failure ledger, lease,
/// run history), so changing the number of shares makes the next night of every share a full run. The state store must be
/// shared by the workers (the PostgreSQL store, for example). Retention (<see cref="EnrichmentSyncOptions.RetentionMonths"/>)
/// is not applied by a partitioned night; run it with an unpartitioned sync or <c>partnerkarte privacy retention</c>.
/// </remarks>
/// <param name="connector">The store or CRM (shared by the workers).</param>
/// <param name="state">The shared sync-state store.</param>
/// <param name="createSync">Creates the sync of one share from its connector (the calculator, options, clock and logger of the app).</param>
/// <param name="partitions">How many shares; the same number on every worker.</param>
/// <param name="timeProvider">The clock of the share claims; <see langword="null"/> for the system clock.</param>
public sealed class PartitionedNight(KarteConnector connector, ISyncStateStore state, Func<KarteConnector, EnrichmentSync> createSync, int partitions, TimeProvider? timeProvider = null)
{
    /// <summary>
    /// How long a worker's claim on a share lasts (taken before it looks whether the share is done, released after its run):
    /// a worker that dies while holding one stops blocking the share after this long.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(30);

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    /// <summary>How many shares the companies are split into.</summary>
    public int Partitions { get; } = partitions >= 1 ? partitions : throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "At least one partition.");

    /// <summary>
    /// Syncs every share not synced yet for <see cref="SyncRunOptions.AsOf"/> and not held by another worker, one after the other.
    /// </summary>
    /// <param name="run">The night's options; <see cref="SyncRunOptions.AsOf"/> is required, the same on every worker.</param>
    /// <param name="worker">This worker's number (0, 1, ...): where it starts among the shares.</param>
    /// <param name="cancellationToken">Stops after the current share's batch.</param>
    /// <returns>The reports of the shares this worker synced.</returns>
    public async Task<IReadOnlyList<SyncReport>> RunAsync(SyncRunOptions run, int worker = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var asOf = run.AsOf ?? throw new ArgumentException("A partitioned night needs SyncRunOptions.AsOf, the same instant on every worker.", nameof(run));
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        var reports = new List<SyncReport>();
        var claimant = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N} {Environment.MachineName} {Environment.ProcessId} worker {worker}");
        for (var i = 0; i < Partitions; i++)
        {
            var partition = new KartePartition((worker + i) % Partitions, Partitions);
            var share = new PartitionedKarteConnector(connector, partition);

            // The claim (a lease of its own) makes "is the share done? then sync it" one step among the workers: a worker
            // that gets the claim after another released it sees that worker's run in the history.
            var claimKey = share.StateKey + "#claim";
            var claim = await state.AcquireLeaseAsync(claimKey, claimant, time.GetUtcNow(), ClaimDuration, cancellationToken).ConfigureAwait(false);
            if (claim.Owner != claimant)
            {
                continue; // Another worker is on this share.
            }

            try
            {
                var last = await state.GetRunHistoryAsync(share.StateKey, 1, cancellationToken).ConfigureAwait(false);
                if (last.Count == 1 && last[0].AsOf == asOf && !last[0].DryRun && last[0].Outcome is SyncOutcome.Succeeded)
                {
                    continue; // Synced for this night already.
                }

                reports.Add(await createSync(share).RunAsync(run, null, cancellationToken).ConfigureAwait(false));
            }
            catch (SyncAlreadyRunningException)
            {
                // A worker whose claim lapsed still runs this share under its run lease: it finishes the share.
            }
            finally
            {
                await state.ReleaseLeaseAsync(claimKey, claimant, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return reports;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"night of {Partitions} partitions of {connector.StateKey}");
}
