using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerKarte.Karte;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration;

/// <summary>
/// Moves every karte record from one connector to another (sqlite, Salesforce, Dataverse, in any pair): streams the
/// source's full change read page by page, upserts by external id (the karte id) in the target's batch size, keeps
/// every relationship (rep → company, employment episodes, proposal → company and rep, interaction → rep and
/// proposal) by writing parents before children, and checkpoints after each committed batch.
/// </summary>
/// <remarks>
/// <para>Resuming: the checkpoint is the source watermark up to which every record is committed in the target, saved
/// in the <see cref="ISyncStateStore"/> under <see cref="CheckpointKey"/>. A run killed at any point is simply run again:
/// it reads from the checkpoint and upserts again what may already be there (idempotent by external id), so the target
/// ends in the same state with no duplicates. A completed run leaves the final watermark, so the next run migrates only
/// what changed since (<see cref="KarteMigrationOptions.Restart"/> reads everything again).</para>
/// <para>A record the target rejects keeps the checkpoint before its page, so the next run retries it; the run goes on.</para>
/// <para>Logs carry ids, counts and error codes only, never names, e-mail addresses or field values.</para>
/// </remarks>
public sealed class KarteMigration
{
    private readonly KarteConnector source;
    private readonly KarteConnector target;
    private readonly ISyncStateStore state;
    private readonly KarteMigrationOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <summary>Creates a migration.</summary>
    /// <param name="source">Where the kartes are read.</param>
    /// <param name="target">Where they are upserted; must support karte upserts.</param>
    /// <param name="state">Where the checkpoint is kept (the SQLite state store serves every connector).</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for the report's timestamps.</param>
    /// <param name="logger">The logger.</param>
    public KarteMigration(KarteConnector source, KarteConnector target, ISyncStateStore state, KarteMigrationOptions? options = null, TimeProvider? timeProvider = null, ILogger<KarteMigration>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(state);
        this.source = source;
        this.target = target;
        this.state = state;
        this.options = options ?? new KarteMigrationOptions();
        time = timeProvider ?? TimeProvider.System;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    private const string ProofScope = "migrate-proof";
    private const string ProofKey = "last-committed";

    /// <summary>
    /// The sync-state key of this source/target pair, from both ends' <see cref="KarteConnector.StateKey"/> (which name
    /// the store file, org or environment), e.g. <c>migrate:sqlite:5f0c…&gt;dataverse:contoso.crm7.dynamics.com</c>.
    /// </summary>
    public string CheckpointKey => $"migrate:{source.StateKey}>{target.StateKey}";

    /// <summary>Runs the migration (or continues it from the saved checkpoint).</summary>
    /// <param name="progress">Receives progress after each source page and each write call.</param>
    /// <param name="cancellationToken">Stops the run; committed batches and the checkpoint stay.</param>
    /// <returns>The report. A connector failure of a whole call ends the run as <see cref="SyncOutcome.Aborted"/> with the reason.</returns>
    /// <exception cref="ConnectorNotSupportedException">The target cannot upsert kartes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<MigrationReport> RunAsync(IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (!target.Capabilities.SupportsKarteUpsert)
        {
            throw new ConnectorNotSupportedException(target.Name, "karte upserts (it cannot be a migration target)");
        }

        var started = time.GetUtcNow();
        var checkpoint = options.Restart ? null : await state.GetWatermarkAsync(CheckpointKey, cancellationToken).ConfigureAwait(false);
        string? restartReason = null;
        if (checkpoint is not null && !await TargetHoldsCheckpointAsync(cancellationToken).ConfigureAwait(false))
        {
            // The target no longer holds what the checkpoint says was copied (re-created, restored from an older
            // backup, emptied): skipping to the checkpoint would copy nothing, so start over (upserts are idempotent).
            restartReason = "The target no longer holds the records the checkpoint says were migrated; migrating from the start.";
            logger.LogWarning("Migration {Key}: {Reason}", CheckpointKey, restartReason);
            checkpoint = null;
        }

        logger.LogInformation("Migration {Key} started: resumed {Resumed}, dry run {DryRun}", CheckpointKey, checkpoint is not null, options.DryRun);
        var run = new Run(this, checkpoint, progress);
        if (state is IErasureTombstoneStore erasures)
        {
            // A person erased on request must not come back with a migration from a CRM that still holds them.
            run.Tombstones = await erasures.ReadTombstonesAsync(cancellationToken).ConfigureAwait(false);
        }

        string? error = null;
        var unreachable = false;
        try
        {
            await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is PartnerKarteException or HttpRequestException or IOException or TimeoutException)
        {
            error = ex.Message;
            unreachable = ex is HttpRequestException or TimeoutException;
            logger.LogError("Migration {Key} aborted after {Calls} write calls: {Error}", CheckpointKey, run.Writer.WriteCalls, ex.GetType().Name);
        }

        var write = run.Writer.Report();
        var outcome = error is not null ? SyncOutcome.Aborted : write.Failures.Count > 0 ? SyncOutcome.PartiallyFailed : SyncOutcome.Succeeded;
        var report = new MigrationReport
        {
            Source = source.Name,
            CheckpointKey = CheckpointKey,
            Outcome = outcome,
            Resumed = checkpoint is not null,
            RestartReason = restartReason,
            StartedAt = started,
            FinishedAt = time.GetUtcNow(),
            Read = run.ReadCounts(),
            DeletionsIgnored = run.Deletions,
            Deferred = run.DeferredCount,
            ErasedSkipped = run.Erased.Count,
            Write = write,
            Checkpoint = run.SavedCheckpoint ?? checkpoint,
            Error = error,
            IsUnreachable = unreachable,
        };
        logger.LogInformation(
            "Migration {Key} {Outcome}: read {Read}, written {Written}, failed {Failed}, write calls {Calls}",
            CheckpointKey, outcome, report.Read.Total, write.Written, write.Failures.Count, write.WriteCalls);
        return report;
    }

    /// <summary>Whether the record saved with the checkpoint as proof is still in the target (true when no proof was saved).</summary>
    private async Task<bool> TargetHoldsCheckpointAsync(CancellationToken cancellationToken)
    {
        var entries = await state.GetStateEntriesAsync(CheckpointKey, ProofScope, [ProofKey], cancellationToken).ConfigureAwait(false);
        if (!entries.TryGetValue(ProofKey, out var bytes))
        {
            return true;
        }

        var proof = System.Text.Encoding.UTF8.GetString(bytes);
        var colon = proof.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return true;
        }

        var id = proof[(colon + 1)..];
        var selection = proof[..colon] == "company" ? new KarteSelection { CompanyIds = [new CompanyId(id)] } : new KarteSelection { RepIds = [new RepId(id)] };
        await foreach (var batch in target.ReadKarteAsync(selection, cancellationToken).ConfigureAwait(false))
        {
            if (batch.Companies.Any(c => c.Id.Value == id) || batch.Reps.Any(r => r.Id.Value == id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Upserts a data set (for example an import's result) into a connector in full batches of its size, companies
    /// first, then reps, proposals and interactions, so every parent is written before its children.
    /// </summary>
    /// <param name="target">The connector; must support karte upserts.</param>
    /// <param name="data">The records.</param>
    /// <param name="batchSize">Records per call, or <see langword="null"/> for the target's maximum.</param>
    /// <param name="dryRun">Plan only: count the calls, write nothing.</param>
    /// <param name="progress">Receives progress after each call.</param>
    /// <param name="cancellationToken">Stops between calls; committed batches stay.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ConnectorNotSupportedException">The target cannot upsert kartes.</exception>
    public static async Task<KarteWriteReport> WriteAsync(KarteConnector target, KarteDataSet data, int? batchSize = null, bool dryRun = false, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(data);
        new KarteMigrationOptions { BatchSize = batchSize }.Validate();
        if (!target.Capabilities.SupportsKarteUpsert)
        {
            throw new ConnectorNotSupportedException(target.Name, "karte upserts");
        }

        long total = data.Companies.Count + data.Reps.Count + data.Proposals.Count + data.Interactions.Count;
        KarteBatchWriter? writer = null;
        writer = new KarteBatchWriter(target, batchSize ?? Math.Max(1, target.Capabilities.MaxBatchSize), dryRun, NullLogger.Instance, (_, _) => { });
        var items = data.Companies.Select(c => new WriteItem(KarteRecordKind.Company, c.Id.Value, c, 0))
            .Concat(data.Reps.Select(r => new WriteItem(KarteRecordKind.Rep, r.Id.Value, r, 0)))
            .Concat(data.Proposals.Select(p => new WriteItem(KarteRecordKind.Proposal, p.Id.Value, p, 0)))
            .Concat(data.Interactions.Select(i => new WriteItem(KarteRecordKind.Interaction, i.Id.Value, i, 0)));
        var calls = 0;
        foreach (var item in items)
        {
            await writer.AddAsync(item, cancellationToken).ConfigureAwait(false);
            if (writer.WriteCalls != calls)
            {
                calls = writer.WriteCalls;
                progress?.Report(new MigrationProgress(total, writer.Written, writer.Failed, calls));
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new MigrationProgress(total, writer.Written, writer.Failed, writer.WriteCalls));
        return writer.Report();
    }

    /// <summary>The state of one run: page bookkeeping for the checkpoint, and records waiting for their parents.</summary>
    private sealed class Run
    {
        private readonly KarteMigration owner;
        private readonly IProgress<MigrationProgress>? progress;
        private readonly List<PageState> pages = [];
        private readonly long[] read = new long[4];

        // Ids buffered or written in this run, per kind (company, rep, proposal): a child may go once its parents are in.
        private readonly HashSet<string>[] available = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];

        // Records waiting for a parent not seen yet in this run, by the missing parent.
        private readonly Dictionary<(KarteRecordKind, string), List<WriteItem>> waiting = [];
        private int firstOpen;
        private string? lastSaved;
        private string? lastCommitted;

        public Run(KarteMigration owner, string? checkpoint, IProgress<MigrationProgress>? progress)
        {
            this.owner = owner;
            this.progress = progress;
            Checkpoint = checkpoint;
            var size = owner.options.BatchSize ?? Math.Max(1, owner.target.Capabilities.MaxBatchSize);
            Writer = new KarteBatchWriter(owner.target, size, owner.options.DryRun, owner.logger, OnCommitted);
        }

        public KarteBatchWriter Writer { get; }

        public string? Checkpoint { get; }

        public string? SavedCheckpoint { get; private set; }

        public long Deletions { get; private set; }

        public long DeferredCount { get; private set; }

        /// <summary>The reps erased before this run: dropped from every page read.</summary>
        public ErasureTombstones Tombstones { get; set; } = ErasureTombstones.Empty;

        /// <summary>The erased reps met in the source.</summary>
        public HashSet<string> Erased { get; } = new(StringComparer.Ordinal);

        public MigrationCounts ReadCounts() => new(read[0], read[1], read[2], read[3]);

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            await foreach (var page in owner.source.ReadChangesAsync(Checkpoint, cancellationToken).ConfigureAwait(false))
            {
                var index = pages.Count;
                var ps = new PageState(page.NextWatermark);
                pages.Add(ps);
                Deletions += page.Deletions.Count;
                read[0] += page.Companies.Count;
                read[1] += page.Reps.Count;
                read[2] += page.Proposals.Count;
                read[3] += page.Interactions.Count;
                var kept = Tombstones.Without(
                    new KarteRecordBatch { Companies = page.Companies, Reps = page.Reps, Proposals = page.Proposals, Interactions = page.Interactions },
                    id => Erased.Add(id.Value));
                ps.Outstanding = kept.Count;
                foreach (var c in kept.Companies)
                {
                    await OfferAsync(new WriteItem(KarteRecordKind.Company, c.Id.Value, c, index), cancellationToken).ConfigureAwait(false);
                }

                foreach (var r in kept.Reps)
                {
                    await OfferAsync(new WriteItem(KarteRecordKind.Rep, r.Id.Value, r, index), cancellationToken).ConfigureAwait(false);
                }

                foreach (var p in kept.Proposals)
                {
                    await OfferAsync(new WriteItem(KarteRecordKind.Proposal, p.Id.Value, p, index), cancellationToken).ConfigureAwait(false);
                }

                foreach (var i in kept.Interactions)
                {
                    await OfferAsync(new WriteItem(KarteRecordKind.Interaction, i.Id.Value, i, index), cancellationToken).ConfigureAwait(false);
                }

                ps.ReadDone = true;
                await AdvanceAsync(cancellationToken).ConfigureAwait(false);
                Report();
            }

            // Parents that never came (they were migrated by an earlier run, or are missing in the source): write the
            // waiting records now, parents' kinds first, and let the target judge them.
            var rest = waiting.Values.SelectMany(w => w).OrderBy(w => w.Kind).ThenBy(w => w.Page).ToList();
            waiting.Clear();
            foreach (var item in rest)
            {
                await AddAsync(item, cancellationToken).ConfigureAwait(false);
            }

            await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await AdvanceAsync(cancellationToken).ConfigureAwait(false);
            Report();
        }

        /// <summary>Buffers a record; after a committed batch, moves the checkpoint and reports progress.</summary>
        private async Task AddAsync(WriteItem item, CancellationToken cancellationToken)
        {
            var calls = Writer.WriteCalls;
            await Writer.AddAsync(item, cancellationToken).ConfigureAwait(false);
            if (Writer.WriteCalls != calls)
            {
                await AdvanceAsync(cancellationToken).ConfigureAwait(false);
                Report();
            }
        }

        private void Report() => progress?.Report(new MigrationProgress(read.Sum(), Writer.Written, Writer.Failed, Writer.WriteCalls));

        /// <summary>Buffers a record whose parents are in, or parks it under its first missing parent.</summary>
        private async Task OfferAsync(WriteItem item, CancellationToken cancellationToken)
        {
            var queue = new Queue<WriteItem>();
            queue.Enqueue(item);
            while (queue.Count > 0)
            {
                var next = queue.Dequeue();
                if (MissingParent(next) is { } missing)
                {
                    if (!waiting.TryGetValue(missing, out var list))
                    {
                        waiting[missing] = list = [];
                    }

                    if (ReferenceEquals(next.Record, item.Record))
                    {
                        DeferredCount++;
                    }

                    list.Add(next);
                    continue;
                }

                if (next.Kind != KarteRecordKind.Interaction)
                {
                    available[(int)next.Kind].Add(next.Id);
                }

                await AddAsync(next, cancellationToken).ConfigureAwait(false);
                if (next.Kind != KarteRecordKind.Interaction && waiting.Remove((next.Kind, next.Id), out var children))
                {
                    foreach (var child in children)
                    {
                        queue.Enqueue(child);
                    }
                }
            }
        }

        private (KarteRecordKind, string)? MissingParent(WriteItem item)
        {
            switch (item.Record)
            {
                case PartnerRep rep:
                    if (!available[0].Contains(rep.CompanyId.Value))
                    {
                        return (KarteRecordKind.Company, rep.CompanyId.Value);
                    }

                    foreach (var e in rep.Employment)
                    {
                        if (!available[0].Contains(e.CompanyId.Value))
                        {
                            return (KarteRecordKind.Company, e.CompanyId.Value);
                        }
                    }

                    return null;
                case Proposal p:
                    if (!available[0].Contains(p.CompanyId.Value))
                    {
                        return (KarteRecordKind.Company, p.CompanyId.Value);
                    }

                    return p.RepId is { } r && !available[1].Contains(r.Value) ? (KarteRecordKind.Rep, r.Value) : null;
                case Interaction i:
                    if (!available[1].Contains(i.RepId.Value))
                    {
                        return (KarteRecordKind.Rep, i.RepId.Value);
                    }

                    return i.ProposalId is { } pid && !available[2].Contains(pid.Value) ? (KarteRecordKind.Proposal, pid.Value) : null;
                default:
                    return null;
            }
        }

        private void OnCommitted(WriteItem item, bool succeeded)
        {
            var page = pages[item.Page];
            page.Outstanding--;
            page.Failed |= !succeeded;
            if (succeeded && item.Kind is KarteRecordKind.Company or KarteRecordKind.Rep)
            {
                lastCommitted = (item.Kind == KarteRecordKind.Company ? "company:" : "rep:") + item.Id;
            }
        }

        /// <summary>Moves the checkpoint over every leading page whose records are all committed.</summary>
        private async Task AdvanceAsync(CancellationToken cancellationToken)
        {
            string? reached = null;
            while (firstOpen < pages.Count && pages[firstOpen] is { ReadDone: true, Outstanding: 0, Failed: false } done)
            {
                reached = done.Watermark ?? reached;
                firstOpen++;
            }

            if (reached is null || reached == lastSaved || owner.options.DryRun)
            {
                return;
            }

            // A record the target holds once this checkpoint is saved: a later run checks it is still there before skipping.
            if (lastCommitted is not null)
            {
                await owner.state.SaveStateEntriesAsync(owner.CheckpointKey, ProofScope, new Dictionary<string, byte[]> { [ProofKey] = System.Text.Encoding.UTF8.GetBytes(lastCommitted) }, cancellationToken).ConfigureAwait(false);
            }

            await owner.state.SaveWatermarkAsync(owner.CheckpointKey, reached, cancellationToken).ConfigureAwait(false);
            lastSaved = reached;
            SavedCheckpoint = reached;
        }

        private sealed class PageState(string? watermark)
        {
            public string? Watermark { get; } = watermark;

            public int Outstanding { get; set; }

            public bool ReadDone { get; set; }

            public bool Failed { get; set; }
        }
    }
}
