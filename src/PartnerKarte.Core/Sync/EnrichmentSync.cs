using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerKarte.Karte;
using PartnerKarte.Privacy;

namespace PartnerKarte.Sync;

/// <summary>
/// The nightly enrichment sync: evaluates every rep and company as of the run's instant (trust scores decay, reps go
/// quiet, contracts expire without any record changing) and writes only the records whose written values changed, in
/// connector-sized batches with bounded parallelism, checkpointing after every committed batch.
/// </summary>
/// <remarks>
/// <para>What is read: the changes since the saved watermark are read from the connector, and the kartes they affect
/// (whole companies) are read again in full. Unchanged kartes are evaluated from the karte mirror the sync keeps in the
/// state store, refreshed from every karte it reads (for <see cref="KarteEnrichmentCalculator"/> a compact digest of what
/// its formulas read), so connector reads stay proportional to change. A full refresh (<see cref="SyncRunOptions.FullRefresh"/>, or
/// <see cref="EnrichmentSyncOptions.FullRefreshEvery"/>, or no local state) rebuilds the mirror from a full read.</para>
/// <para>One run at a time: a run takes the state key's lease in the state store first; a second run on the same state
/// throws <see cref="SyncAlreadyRunningException"/> without reading or writing anything.</para>
/// <para>Crash safety: the watermark is saved only after a run completes, and a written record's hash is stored right
/// after its batch commits. A run killed at any point is simply run again: it reads the same changes, recomputes the
/// same values, skips what was already written and writes the rest. Writes are idempotent, so a batch written but not
/// yet checkpointed is rewritten with the same values.</para>
/// <para>Records that fail validation or writing go to the failure ledger with the reason and are retried next run; the run continues.</para>
/// <para>Logs carry ids, counts and error codes only, never names, e-mail addresses or field values.</para>
/// </remarks>
public sealed class EnrichmentSync
{
    /// <summary>The name of the <see cref="Meter"/> the sync reports to.</summary>
    internal const string MeterName = PartnerKarteTelemetry.MeterName;

    private readonly KarteConnector connector;
    private readonly ISyncStateStore state;
    private readonly IEnrichmentCalculator calculator;
    private readonly EnrichmentSyncOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SyncMetrics metrics;

    /// <summary>Creates the sync.</summary>
    /// <param name="connector">The CRM or store to enrich.</param>
    /// <param name="state">Where watermarks, hashes, the ledger and run history live.</param>
    /// <param name="calculator">The computation step (normally <see cref="KarteEnrichmentCalculator"/>).</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for run timestamps and the default as-of instant.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="meterFactory">Creates the meter; <see langword="null"/> for a standalone meter.</param>
    public EnrichmentSync(
        KarteConnector connector,
        ISyncStateStore state,
        IEnrichmentCalculator calculator,
        EnrichmentSyncOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<EnrichmentSync>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(calculator);
        this.connector = connector;
        this.state = state;
        this.calculator = calculator;
        this.options = options ?? new EnrichmentSyncOptions();
        this.options.Validate();
        time = timeProvider ?? TimeProvider.System;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        metrics = new SyncMetrics(meterFactory);
    }

    /// <summary>Runs one sync.</summary>
    /// <param name="run">Per-run choices (dry run, full refresh, as-of); <see langword="null"/> for a normal incremental run.</param>
    /// <param name="progress">Receives progress reports.</param>
    /// <param name="cancellationToken">Stops the run at the next batch boundary; committed batches stay committed.</param>
    /// <returns>The run's report. A run stopped by a connector error returns <see cref="SyncOutcome.Aborted"/> with the reason.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled (it is recorded as aborted first).</exception>
    public async Task<SyncReport> RunAsync(SyncRunOptions? run = null, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        run ??= new SyncRunOptions();
        var ctx = new RunContext(connector, run, time.GetUtcNow(), metrics, progress, connector.Usage.Snapshot());
        using var activity = PartnerKarteTelemetry.Source.StartActivity(PartnerKarteTelemetry.RunActivity);
        activity?.SetTag(PartnerKarteTelemetry.ConnectorTag, connector.Name);
        activity?.SetTag("partnerkarte.sync.dry_run", run.DryRun);
        activity?.SetTag("partnerkarte.sync.full_refresh", run.FullRefresh);
        var outcome = "aborted";
        try
        {
            var report = await RunWithLeaseAsync(ctx, progress, cancellationToken).ConfigureAwait(false);
            outcome = PartnerKarteTelemetry.OutcomeName(report.Outcome);
            activity?.SetTag(PartnerKarteTelemetry.RecordCountTag, report.Written);
            if (report.Outcome == SyncOutcome.Aborted)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, report.IsConfigurationProblem ? "configuration" : "aborted");
            }

            return report;
        }
        catch (SyncAlreadyRunningException)
        {
            outcome = "already_running";
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            var tags = new System.Diagnostics.TagList
            {
                { PartnerKarteTelemetry.ConnectorTag, connector.Name },
                { PartnerKarteTelemetry.OutcomeTag, outcome },
            };
            metrics.Runs.Add(1, tags);
            metrics.RunDuration.Record((time.GetUtcNow() - ctx.StartedAt).TotalSeconds, tags);
            activity?.SetTag(PartnerKarteTelemetry.OutcomeTag, outcome);
        }
    }

    private async Task<SyncReport> RunWithLeaseAsync(RunContext ctx, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var run = ctx.Run;
        if (!run.DryRun)
        {
            // Before anything is read: a second run on the same state must not write alongside the first.
            var lease = await state.AcquireLeaseAsync(connector.StateKey, ctx.LeaseOwner, time.GetUtcNow(), options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease.Owner != ctx.LeaseOwner && HolderIsGone(lease.Owner))
            {
                // The holder was a process on this machine that no longer runs (killed, crashed): its lease is void now,
                // not only when it lapses, so a killed run can simply be run again. Only that holder's lease is released.
                logger.LogWarning("Sync {RunId}: the lease of {StateKey} is held by a process that no longer runs; taking it over", ctx.RunId, connector.StateKey);
                await state.ReleaseLeaseAsync(connector.StateKey, lease.Owner, cancellationToken).ConfigureAwait(false);
                lease = await state.AcquireLeaseAsync(connector.StateKey, ctx.LeaseOwner, time.GetUtcNow(), options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            }

            if (lease.Owner != ctx.LeaseOwner)
            {
                logger.LogWarning("Sync {RunId} refused: another run holds the lease of {StateKey}", ctx.RunId, connector.StateKey);
                throw new SyncAlreadyRunningException(connector.StateKey, lease);
            }

            ctx.LeaseRenewedAt = time.GetUtcNow();
        }

        try
        {
            return await RunLeasedAsync(ctx, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!run.DryRun)
            {
                await state.ReleaseLeaseAsync(connector.StateKey, ctx.LeaseOwner, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<SyncReport> RunLeasedAsync(RunContext ctx, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var run = ctx.Run;
        logger.LogInformation("Sync {RunId} started: connector {Connector}, dry run {DryRun}, full refresh {FullRefresh}", ctx.RunId, connector.Name, run.DryRun, run.FullRefresh);
        try
        {
            await ExecuteAsync(ctx, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var cancelled = ctx.Report(time.GetUtcNow(), SyncOutcome.Aborted, "The run was cancelled; a rerun resumes after the last committed batch.");
            await RecordAsync(ctx, cancelled).ConfigureAwait(false);
            logger.LogWarning("Sync {RunId} cancelled after {Written} written", ctx.RunId, ctx.Written);
            throw;
        }
        catch (Exception ex) when (ex is PartnerKarteException or HttpRequestException or IOException or TimeoutException)
        {
            // A whole-call failure (auth, throttling beyond retries, store error): stop at the last checkpoint.
            var aborted = ctx.Report(time.GetUtcNow(), SyncOutcome.Aborted, ex.Message) with { IsConfigurationProblem = ex is PartnerKarteException { IsConfigurationProblem: true } };
            await RecordAsync(ctx, aborted).ConfigureAwait(false);
            logger.LogError("Sync {RunId} aborted ({ErrorType}) after {Written} written; a rerun resumes after the last committed batch", ctx.RunId, ex.GetType().Name, ctx.Written);
            return aborted;
        }

        var report = ctx.Report(time.GetUtcNow(), ctx.Failed > 0 ? SyncOutcome.PartiallyFailed : SyncOutcome.Succeeded, null);
        await RecordAsync(ctx, report).ConfigureAwait(false);
        progress?.Report(new SyncProgress(SyncPhase.Completed, ctx.Read, ctx.CompaniesToEnrich, ctx.CompaniesEnriched, ctx.Written, ctx.Skipped, ctx.Failed));
        logger.LogInformation(
            "Sync {RunId} finished: {Outcome}; read {Read}, computed {Computed}, written {Written}, skipped {Skipped}, failed {Failed}, API calls {ApiCalls}",
            ctx.RunId, report.Outcome, report.Read, report.Computed, report.Written, report.Skipped, report.Failed, report.ApiCalls);
        return report;
    }

    private async Task ExecuteAsync(RunContext ctx, CancellationToken cancellationToken)
    {
        var stateKey = connector.StateKey;
        if (state is IErasureTombstoneStore erasures)
        {
            ctx.Tombstones = await erasures.ReadTombstonesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (options.RetentionMonths is int months && connector is IPersonalDataStore personal)
        {
            // Before the change read: the dropped values are changes the run then sees like any other.
            ctx.Retention = await personal.ApplyRetentionAsync(ctx.AsOf.AddMonths(-months), ctx.Run.DryRun, cancellationToken).ConfigureAwait(false);
            logger.LogInformation(
                "Sync {RunId}: retention of {Months} months dropped statements of {Statements} interactions, concerns of {Concerns}, personality of {Personalities} reps",
                ctx.RunId, months, ctx.Retention.Statements, ctx.Retention.Concerns, ctx.Retention.Personalities);
        }

        var full = ctx.Run.FullRefresh || await FullRefreshDueAsync(stateKey, ctx, cancellationToken).ConfigureAwait(false);
        var watermark = full ? null : await state.GetWatermarkAsync(stateKey, cancellationToken).ConfigureAwait(false);
        ctx.Incremental = watermark is not null;
        if (!ctx.Incremental && !ctx.Run.DryRun)
        {
            // Until this full run completes, the next run must be a full one too: forget the watermark and the completion
            // mark first, then the mirror it rebuilds.
            await state.SaveWatermarkAsync(stateKey, null, cancellationToken).ConfigureAwait(false);
            await state.DeleteStateEntriesAsync(stateKey, RunScope, [LastFullRefreshKey], cancellationToken).ConfigureAwait(false);
            await state.DeleteStateEntriesAsync(stateKey, KarteMirror.Scope, null, cancellationToken).ConfigureAwait(false);
            await state.DeleteStateEntriesAsync(stateKey, KarteFingerprints.Scope, null, cancellationToken).ConfigureAwait(false);
        }

        // 1. The change feed, as ids only: memory grows with the number of affected kartes, and each karte record is
        //    read once, by the recompute below (a full run reads the whole store once, not twice).
        var companies = new HashSet<string>(StringComparer.Ordinal);
        var repCompany = new Dictionary<string, string>(StringComparer.Ordinal);
        var repsToLocate = new HashSet<string>(StringComparer.Ordinal);
        var deleted = new HashSet<EnrichmentKey>();
        // Changed companies and reps handed over in full, with their fingerprints: recomputed only when they differ from what
        // the sync last read (a CRM's change feed also returns the records this sync wrote the night before).
        var echoCandidates = new Dictionary<string, (byte[] Fingerprint, string Company)>(StringComparer.Ordinal);
        var nextWatermark = watermark;
        var recomputeAll = false;
        var readActivity = PartnerKarteTelemetry.Source.StartActivity(PartnerKarteTelemetry.ReadActivity);
        readActivity?.SetTag(PartnerKarteTelemetry.ConnectorTag, connector.Name);
        readActivity?.SetTag("partnerkarte.sync.incremental", ctx.Incremental);
        await foreach (var page in connector.ReadChangeSummaryAsync(watermark, cancellationToken).ConfigureAwait(false))
        {
            ctx.ApiCall();
            ctx.AddRead(page.Count);
            ctx.AddNotices(page.Notices);
            Collect(page);
            foreach (var d in page.Deletions)
            {
                if (d.Kind is KarteRecordKind.Company or KarteRecordKind.Rep)
                {
                    deleted.Add(new EnrichmentKey(d.Kind == KarteRecordKind.Company ? EnrichmentTarget.Company : EnrichmentTarget.Rep, d.Id));
                }

                // What the deleted record counted towards is recomputed: a rep's company, an interaction's or proposal's rep and company.
                if (d.CompanyId is { } company)
                {
                    companies.Add(company);
                }

                if (d.RepId is { } rep)
                {
                    repsToLocate.Add(rep);
                }

                if (d.Kind is KarteRecordKind.Interaction or KarteRecordKind.Proposal && d.RepId is null && d.CompanyId is null)
                {
                    recomputeAll = true;
                }
            }

            nextWatermark = page.NextWatermark ?? nextWatermark;
            ctx.ReportProgress(SyncPhase.ReadingChanges);
        }

        readActivity?.SetTag(PartnerKarteTelemetry.RecordCountTag, ctx.Read);
        readActivity?.Dispose();

        if (recomputeAll && watermark is not null)
        {
            // A deletion whose owner the connector cannot name: every karte may be affected, so every karte is read and
            // recomputed (only changed values are written). Rare: SQLite names the owner, CRMs report few such deletions.
            logger.LogWarning("Sync {RunId}: a deleted interaction or proposal has no known rep or company; recomputing every karte", ctx.RunId);

            await foreach (var page in connector.ReadChangeSummaryAsync(null, cancellationToken).ConfigureAwait(false))
            {
                ctx.ApiCall();
                Collect(page);
            }
        }

        void Collect(ChangeSummary page)
        {
            var compare = ctx.Incremental && connector.Capabilities.ChangeFeedEchoesWrites;
            var companyRecords = compare ? page.CompanyRecords.ToDictionary(c => c.Id.Value, StringComparer.Ordinal) : [];
            var repRecords = compare ? page.RepRecords.ToDictionary(r => r.Id.Value, StringComparer.Ordinal) : [];
            foreach (var c in page.Companies)
            {
                if (companyRecords.TryGetValue(c.Value, out var record))
                {
                    echoCandidates[KarteMirror.CompanyKey(c.Value)] = (KarteFingerprints.Of(record), c.Value);
                    continue;
                }

                companies.Add(c.Value);
            }

            foreach (var r in page.Reps)
            {
                if (repRecords.TryGetValue(r.Id.Value, out var record) && record.CompanyId == r.CompanyId)
                {
                    echoCandidates[KarteMirror.OrphanKey(r.Id.Value)] = (KarteFingerprints.Of(record), r.CompanyId.Value);
                    continue;
                }

                repCompany[r.Id.Value] = r.CompanyId.Value;
                companies.Add(r.CompanyId.Value);
            }

            foreach (var c in page.ProposalCompanies)
            {
                companies.Add(c.Value);
            }

            foreach (var r in page.RecordReps)
            {
                repsToLocate.Add(r.Value);
            }
        }

        if (echoCandidates.Count > 0)
        {
            await SortOutEchoesAsync(stateKey, ctx, echoCandidates, companies, repCompany, cancellationToken).ConfigureAwait(false);
        }

        // 2. The failure ledger: every entry is recomputed and retried.
        var ledger = await state.GetFailuresAsync(stateKey, cancellationToken).ConfigureAwait(false);
        var ledgerKeys = new HashSet<EnrichmentKey>(ledger.Select(f => f.Key));
        ctx.Retried = ledger.Count;
        foreach (var f in ledger)
        {
            if (f.Key.Target == EnrichmentTarget.Company)
            {
                companies.Add(f.Key.Id);
            }
            else
            {
                repsToLocate.Add(f.Key.Id);
            }
        }

        foreach (var key in deleted)
        {
            (key.Target == EnrichmentTarget.Company ? companies : repsToLocate).Remove(key.Id);
        }

        // 3. Reps known only through an interaction or proposal: find their company (the unit of recomputation).
        var located = new List<KarteRecordBatch>();
        repsToLocate.ExceptWith(repCompany.Keys);
        var codec = calculator as IKarteMirrorCodec ?? KarteMirror.RecordsFor(calculator);
        var patched = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var patchedReps = new HashSet<string>(StringComparer.Ordinal);
        if (repsToLocate.Count > 0)
        {
            // Their records (with their interactions and proposals) patch their company's mirror entry, batch by batch as
            // they are read, when the codec can do that exactly: a night of new interactions reads those reps, not their
            // whole companies, and holds one batch of them at a time.
            await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { RepIds = [.. repsToLocate.Order(StringComparer.Ordinal).Select(r => new RepId(r))] }, cancellationToken).ConfigureAwait(false))
            {
                ctx.ApiCall();
                var read = ctx.WithoutErased(batch);
                var karte = new KarteRecordBatch
                {
                    Reps = [.. read.Reps.DistinctBy(r => r.Id)],
                    Interactions = [.. read.Interactions.DistinctBy(i => i.Id)],
                    Proposals = [.. read.Proposals.DistinctBy(p => p.Id)],
                };
                var unpatched = ctx.Incremental
                    ? await PatchMirrorAsync(stateKey, codec, karte, companies, patched, patchedReps, ctx.Run.DryRun, cancellationToken).ConfigureAwait(false)
                    : karte.Reps;
                if (unpatched.Count == 0)
                {
                    continue;
                }

                foreach (var rep in unpatched)
                {
                    companies.Add(rep.CompanyId.Value);
                }

                // Kept for reps whose company is not in the store (computed from this read at the end): their records only.
                var keep = unpatched.Select(r => r.Id).ToHashSet();
                located.Add(new KarteRecordBatch
                {
                    Reps = unpatched,
                    Interactions = [.. karte.Interactions.Where(i => keep.Contains(i.RepId))],
                    Proposals = [.. karte.Proposals.Where(p => p.RepId is { } r && keep.Contains(r))],
                });
            }
        }

        ctx.CompaniesToEnrich = companies.Count;
        ctx.ReportProgress(SyncPhase.Enriching);

        // 4. Recompute, diff, write.
        var work = new Work(ctx, stateKey, ledgerKeys, companies, located, deleted, codec) { Patched = patched, PatchedReps = patchedReps };
        // The batches are produced one ahead of the writers: the next batch is evaluated and diffed while the current one
        // is written and checkpointed (with one writer, as for SQLite, these steps would otherwise take turns).
        var writers = Math.Max(1, Math.Min(options.MaxParallelism, connector.Capabilities.MaxParallelism));
        await Parallel.ForEachAsync(
            AheadAsync(ProduceWriteBatchesAsync(work, cancellationToken), cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = writers, CancellationToken = cancellationToken },
            async (batch, ct) => await WriteBatchAsync(work, batch, ct).ConfigureAwait(false)).ConfigureAwait(false);

        // 5. Ledger entries of deleted or vanished records need no write any more.
        var resolved = ledgerKeys.Where(k => deleted.Contains(k) || !work.Emitted.Contains(k)).ToList();
        if (!ctx.Run.DryRun)
        {
            if (resolved.Count > 0)
            {
                await state.CommitBatchAsync(stateKey, new SyncCheckpoint { Resolved = resolved }, cancellationToken).ConfigureAwait(false);
            }

            // Mirror entries of deleted records and of companies the connector no longer returns.
            var stale = deleted.Select(k => k.Target == EnrichmentTarget.Company ? KarteMirror.CompanyKey(k.Id) : KarteMirror.OrphanKey(k.Id))
                .Concat(companies.Where(c => !work.ReadCompanies.Contains(c)).Select(KarteMirror.CompanyKey))
                .ToList();
            if (stale.Count > 0)
            {
                await state.DeleteStateEntriesAsync(stateKey, KarteMirror.Scope, stale, cancellationToken).ConfigureAwait(false);
            }

            if (deleted.Count > 0 && connector.Capabilities.ChangeFeedEchoesWrites)
            {
                // A record deleted and created again with the same id and contents is not an echo.
                var gone = deleted.Select(k => k.Target == EnrichmentTarget.Company ? KarteMirror.CompanyKey(k.Id) : KarteMirror.OrphanKey(k.Id)).ToList();
                await state.DeleteStateEntriesAsync(stateKey, KarteFingerprints.Scope, gone, cancellationToken).ConfigureAwait(false);
            }

            if (nextWatermark is not null)
            {
                await state.SaveWatermarkAsync(stateKey, nextWatermark, cancellationToken).ConfigureAwait(false);
            }

            if (!ctx.Incremental)
            {
                // The local state is complete from here on: later runs can be incremental.
                await state.SaveStateEntriesAsync(
                    stateKey, RunScope, new Dictionary<string, byte[]> { [LastFullRefreshKey] = Encoding.UTF8.GetBytes(ctx.StartedAt.ToString("O", CultureInfo.InvariantCulture)) },
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The state scope of run bookkeeping (the last full refresh).</summary>
    internal const string RunScope = "sync-run";

    /// <summary>The entry whose absence makes the next run a full refresh.</summary>
    internal const string LastFullRefreshKey = "last-full-refresh";

    /// <summary>
    /// Patches the mirror entries of the located reps' companies, a chunk of companies at a time (saved at once, or kept in
    /// <paramref name="patched"/> in a dry run); returns the reps whose company must be read whole instead.
    /// </summary>
    private async Task<IReadOnlyList<PartnerRep>> PatchMirrorAsync(
        string stateKey, IKarteMirrorCodec codec, KarteRecordBatch karte, HashSet<string> companies, Dictionary<string, byte[]> patched, HashSet<string> patchedReps, bool dryRun, CancellationToken cancellationToken)
    {
        var interactionsByRep = karte.Interactions.ToLookup(i => i.RepId);
        var proposalsByRep = karte.Proposals.Where(p => p.RepId is not null).ToLookup(p => p.RepId!.Value);
        var done = new HashSet<RepId>();
        var groups = karte.Reps.Where(r => !companies.Contains(r.CompanyId.Value)).GroupBy(r => r.CompanyId.Value).ToList();
        foreach (var chunk in groups.Chunk(100))
        {
            var stored = await state.GetStateEntriesAsync(stateKey, KarteMirror.Scope, [.. chunk.Select(g => KarteMirror.CompanyKey(g.Key))], cancellationToken).ConfigureAwait(false);
            var next = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var group in chunk)
            {
                var key = KarteMirror.CompanyKey(group.Key);
                // A dry run keeps its patches in memory: a company patched by an earlier batch continues from that patch.
                if (!patched.TryGetValue(key, out var entry) && !stored.TryGetValue(key, out entry))
                {
                    continue;
                }

                var reps = new KarteRecordBatch
                {
                    Reps = [.. group],
                    Interactions = [.. group.SelectMany(r => interactionsByRep[r.Id])],
                    Proposals = [.. group.SelectMany(r => proposalsByRep[r.Id])],
                };
                if (codec.TryPatch(entry, reps) is { } bytes)
                {
                    next[key] = bytes;
                    done.UnionWith(group.Select(r => r.Id));
                }
            }

            if (dryRun)
            {
                foreach (var (key, bytes) in next)
                {
                    patched[key] = bytes;
                }
            }
            else if (next.Count > 0)
            {
                await state.SaveStateEntriesAsync(stateKey, KarteMirror.Scope, next, cancellationToken).ConfigureAwait(false);
                await SaveFingerprintsAsync(stateKey, [], chunk.Where(g => next.ContainsKey(KarteMirror.CompanyKey(g.Key))).SelectMany(g => g), cancellationToken).ConfigureAwait(false);
            }
        }

        patchedReps.UnionWith(done.Select(r => r.Value));
        return [.. karte.Reps.Where(r => !done.Contains(r.Id))];
    }

    /// <summary>A full refresh is due when no full run ever completed on this state, or the last one is older than the cadence.</summary>
    private async Task<bool> FullRefreshDueAsync(string stateKey, RunContext ctx, CancellationToken cancellationToken)
    {
        var entries = await state.GetStateEntriesAsync(stateKey, RunScope, [LastFullRefreshKey], cancellationToken).ConfigureAwait(false);
        if (!entries.TryGetValue(LastFullRefreshKey, out var bytes)
            || !DateTimeOffset.TryParse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last))
        {
            return true;
        }

        if (options.FullRefreshEvery is { } every && ctx.StartedAt - last >= every)
        {
            logger.LogInformation("Sync {RunId}: the last full refresh is older than {Cadence}; this run is a full refresh", ctx.RunId, every);
            return true;
        }

        return false;
    }

    private async IAsyncEnumerable<IReadOnlyList<EnrichmentRecord>> ProduceWriteBatchesAsync(Work work, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ctx = work.Context;
        var max = connector.Capabilities.MaxBatchSize;
        var size = Math.Max(1, options.BatchSize > 0 ? Math.Min(options.BatchSize, max) : max);
        var pending = new List<EnrichmentRecord>(size);
        var seenReps = new HashSet<string>(StringComparer.Ordinal);

        // A pipeline: the next kartes are read while the current ones are computed, and computed while the previous
        // ones are diffed and written. One item of look-ahead per stage keeps memory bounded (a few company chunks).
        var computed = AheadAsync(ComputeAsync(AheadAsync(ReadCompaniesAsync(work, cancellationToken), cancellationToken), ctx.AsOf, cancellationToken), cancellationToken);
        await foreach (var step in computed.ConfigureAwait(false))
        {
            seenReps.UnionWith(step.RepIds);
            work.ReadCompanies.UnionWith(step.Karte.Companies.Select(c => c.Id.Value));
            ctx.CompaniesEnriched += step.Companies;
            await MirrorAsync(work, step.Karte, cancellationToken).ConfigureAwait(false);
            await foreach (var batch in DiffAsync(work, step.Records, pending, size, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            await RenewLeaseAsync(ctx, cancellationToken).ConfigureAwait(false);
            ctx.ReportProgress(SyncPhase.Enriching);
        }

        // Reps whose company is not in the store (orphans) are computed from what locating them read.
        seenReps.UnionWith(work.PatchedReps);
        foreach (var located in work.Located)
        {
            var orphans = located.Reps.Where(r => !seenReps.Contains(r.Id.Value)).ToList();
            if (orphans.Count > 0)
            {
                var karte = located with { Companies = [], Reps = orphans };
                seenReps.UnionWith(orphans.Select(r => r.Id.Value));
                await MirrorAsync(work, karte, cancellationToken).ConfigureAwait(false);
                await foreach (var batch in DiffAsync(work, Compute(karte, ctx.AsOf), pending, size, cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }
            }
        }

        // Everything the changes did not touch, evaluated from the mirror as of this run's instant.
        await foreach (var batch in EvaluateMirrorAsync(work, seenReps, pending, size, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }

        if (pending.Count > 0 && !ctx.Run.DryRun)
        {
            yield return [.. pending];
        }
    }

    /// <summary>Stores the kartes just read from the connector as the mirror entries of their companies (CRM connectors only).</summary>
    private async Task MirrorAsync(Work work, KarteRecordBatch karte, CancellationToken cancellationToken)
    {
        if (work.Context.Run.DryRun)
        {
            return;
        }

        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, entry) in work.Codec.Encode(karte))
        {
            entries[key] = entry;
        }

        if (entries.Count > 0)
        {
            await state.SaveStateEntriesAsync(work.StateKey, KarteMirror.Scope, entries, cancellationToken).ConfigureAwait(false);
        }

        // After the mirror entries: a fingerprint found next night means the mirror holds that record.
        await SaveFingerprintsAsync(work.StateKey, karte.Companies, karte.Reps, cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveFingerprintsAsync(string stateKey, IEnumerable<PartnerCompany> companies, IEnumerable<PartnerRep> reps, CancellationToken cancellationToken)
    {
        if (!connector.Capabilities.ChangeFeedEchoesWrites)
        {
            return;
        }

        var entries = KarteFingerprints.Entries(companies, reps);
        if (entries.Count > 0)
        {
            await state.SaveStateEntriesAsync(stateKey, KarteFingerprints.Scope, entries, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Keeps the changed companies and reps whose fingerprint differs from the one saved when the sync last read them (or
    /// that it never read) for recomputation; the others are echoes and are only counted.
    /// </summary>
    private async Task SortOutEchoesAsync(
        string stateKey, RunContext ctx, Dictionary<string, (byte[] Fingerprint, string Company)> candidates, HashSet<string> companies, Dictionary<string, string> repCompany, CancellationToken cancellationToken)
    {
        foreach (var chunk in candidates.Keys.Chunk(1_000))
        {
            var saved = await state.GetStateEntriesAsync(stateKey, KarteFingerprints.Scope, chunk, cancellationToken).ConfigureAwait(false);
            foreach (var key in chunk)
            {
                var (fingerprint, company) = candidates[key];
                if (saved.TryGetValue(key, out var last) && last.AsSpan().SequenceEqual(fingerprint))
                {
                    ctx.Echoes++;
                    continue;
                }

                if (!KarteMirror.IsCompanyKey(key))
                {
                    repCompany[KarteMirror.IdOf(key)] = company;
                }

                companies.Add(company);
            }
        }

        if (ctx.Echoes > 0)
        {
            logger.LogInformation("Sync {RunId}: {Echoes} changed companies and reps came back as the sync last read them (its own writes); not read again", ctx.RunId, ctx.Echoes);
        }
    }

    /// <summary>
    /// Evaluates every mirror entry the changes did not touch, a few companies at a time. A rep read this run under another
    /// company has moved there: its record was computed from the fresh read first, so the old entry's copy is not used.
    /// A damaged entry is read from the connector again, never guessed.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<EnrichmentRecord>> EvaluateMirrorAsync(
        Work work, HashSet<string> seenReps, List<EnrichmentRecord> pending, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ctx = work.Context;
        var deletedCompanies = work.Deleted.Where(k => k.Target == EnrichmentTarget.Company).Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
        var deletedReps = work.Deleted.Where(k => k.Target == EnrichmentTarget.Rep).Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
        var damaged = new List<string>();
        var group = new List<KeyValuePair<string, byte[]>>();
        await foreach (var entry in state.ReadStateEntriesAsync(work.StateKey, KarteMirror.Scope, cancellationToken).ConfigureAwait(false))
        {
            var id = KarteMirror.IdOf(entry.Key);
            if (KarteMirror.IsCompanyKey(entry.Key) ? work.Companies.Contains(id) || deletedCompanies.Contains(id) : seenReps.Contains(id) || deletedReps.Contains(id))
            {
                continue; // read from the connector this run, or gone
            }

            group.Add(work.Patched.TryGetValue(entry.Key, out var patchedEntry) ? new(entry.Key, patchedEntry) : entry);
            if (group.Count >= MirrorEntriesPerEvaluation)
            {
                await foreach (var batch in EvaluateEntriesAsync(work, group, damaged, pending, size, cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }

                group.Clear();
                await RenewLeaseAsync(ctx, cancellationToken).ConfigureAwait(false);
                ctx.ReportProgress(SyncPhase.Enriching);
            }
        }

        await foreach (var batch in EvaluateEntriesAsync(work, group, damaged, pending, size, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }

        if (damaged.Count > 0)
        {
            logger.LogWarning("Sync {RunId}: {Count} mirror entries could not be read; reading those kartes from the connector again", ctx.RunId, damaged.Count);
            var selection = new KarteSelection
            {
                CompanyIds = [.. damaged.Where(KarteMirror.IsCompanyKey).Select(k => new CompanyId(KarteMirror.IdOf(k)))],
                RepIds = [.. damaged.Where(k => !KarteMirror.IsCompanyKey(k)).Select(k => new RepId(KarteMirror.IdOf(k)))],
            };
            var found = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var read in connector.ReadKarteAsync(selection, cancellationToken).ConfigureAwait(false))
            {
                ctx.ApiCall();
                var karte = ctx.WithoutErased(read);
                found.UnionWith(karte.Companies.Select(c => KarteMirror.CompanyKey(c.Id.Value)));
                found.UnionWith(karte.Reps.Select(r => KarteMirror.OrphanKey(r.Id.Value)));
                await MirrorAsync(work, karte, cancellationToken).ConfigureAwait(false);
                await foreach (var batch in DiffAsync(work, Compute(karte, ctx.AsOf), pending, size, cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }
            }

            var missing = damaged.Where(k => !found.Contains(k)).ToList();
            if (missing.Count > 0 && !ctx.Run.DryRun)
            {
                await state.DeleteStateEntriesAsync(work.StateKey, KarteMirror.Scope, missing, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private const int MirrorEntriesPerEvaluation = 50;

    private async IAsyncEnumerable<IReadOnlyList<EnrichmentRecord>> EvaluateEntriesAsync(
        Work work, List<KeyValuePair<string, byte[]>> entries, List<string> damaged, List<EnrichmentRecord> pending, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            yield break;
        }

        var records = work.Codec.Evaluate(entries, work.Context.AsOf, damaged);
        work.Context.CompaniesEnriched += records.Count(r => r.Target == EnrichmentTarget.Company);
        await foreach (var batch in DiffAsync(work, records, pending, size, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>Whether a lease owner (<c>run-id host pid</c>) names a process of this machine that is no longer running.</summary>
    private static bool HolderIsGone(string owner)
    {
        var parts = owner.Split(' ');
        if (parts.Length != 3 || parts[1] != Environment.MachineName || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false; // another machine's run, or an owner this code did not write: wait for the lease to lapse
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Renews the run lease when a third of it has passed; a lease taken over by another run stops this one.</summary>
    private async Task RenewLeaseAsync(RunContext ctx, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (ctx.Run.DryRun || now - ctx.LeaseRenewedAt < options.LeaseDuration / 3)
        {
            return;
        }

        var lease = await state.AcquireLeaseAsync(connector.StateKey, ctx.LeaseOwner, now, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease.Owner != ctx.LeaseOwner)
        {
            throw new SyncAlreadyRunningException(connector.StateKey, lease);
        }

        ctx.LeaseRenewedAt = now;
    }

    private async IAsyncEnumerable<KarteRecordBatch> ReadCompaniesAsync(Work work, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in work.Companies.Order(StringComparer.Ordinal).Select(c => new CompanyId(c)).Chunk(options.CompaniesPerRead))
        {
            await foreach (var karte in connector.ReadKarteAsync(new KarteSelection { CompanyIds = chunk }, cancellationToken).ConfigureAwait(false))
            {
                work.Context.ApiCall();
                yield return work.Context.WithoutErased(karte);
            }
        }
    }

    private async IAsyncEnumerable<Computed> ComputeAsync(IAsyncEnumerable<KarteRecordBatch> kartes, DateTimeOffset asOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var karte in kartes.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new Computed(karte, [.. karte.Reps.Select(r => r.Id.Value)], karte.Companies.Count, Compute(karte, asOf));
        }
    }

    /// <summary>Runs <paramref name="source"/> on its own task, one item ahead of the consumer; its exceptions reach the consumer.</summary>
    private static async IAsyncEnumerable<T> AheadAsync<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(
            async () =>
            {
                try
                {
                    // The next item is produced only once the channel has room: at most one produced item waits.
                    var e = source.GetAsyncEnumerator(stop.Token);
                    await using (e.ConfigureAwait(false))
                    {
                        while (await channel.Writer.WaitToWriteAsync(stop.Token).ConfigureAwait(false) && await e.MoveNextAsync().ConfigureAwait(false))
                        {
                            await channel.Writer.WriteAsync(e.Current, stop.Token).ConfigureAwait(false);
                        }
                    }

                    channel.Writer.TryComplete();
                }
#pragma warning disable CA1031 // Any failure of the source is handed to the consumer, which rethrows it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    channel.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<EnrichmentRecord>> DiffAsync(Work work, IReadOnlyList<EnrichmentRecord> computed, List<EnrichmentRecord> pending, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ctx = work.Context;
        var fresh = computed.Where(r => !work.Deleted.Contains(r.Key) && !ctx.IsErased(r) && work.Emitted.Add(r.Key)).ToList();
        ctx.Computed += fresh.Count;
        if (fresh.Count == 0)
        {
            yield break;
        }

        var written = await state.GetWrittenHashesAsync(work.StateKey, [.. fresh.Select(r => r.Key)], cancellationToken).ConfigureAwait(false);
        var invalid = new List<SyncFailure>();
        var resolved = new List<EnrichmentKey>();
        var now = time.GetUtcNow();
        foreach (var record in fresh)
        {
            var problems = record.Validate();
            if (problems.Count > 0)
            {
                invalid.Add(new SyncFailure
                {
                    Key = record.Key,
                    ErrorCode = "VALIDATION",
                    Reason = string.Join("; ", problems.Select(p => p.ToString())),
                    FirstFailedAt = now,
                    LastFailedAt = now,
                });
                continue;
            }

            var hash = record.ContentHash;
            var previous = written.GetValueOrDefault(record.Key);
            if (previous == hash)
            {
                ctx.AddSkipped(1);
                if (work.Ledger.Contains(record.Key))
                {
                    resolved.Add(record.Key);
                }

                continue;
            }

            if (ctx.Run.DryRun)
            {
                ctx.AddChange(new EnrichmentChange(record, previous));
                continue;
            }

            work.Hashes.AddOrUpdate(record, hash); // the checkpoint stores it after the write: computed once
            pending.Add(record);
            if (pending.Count >= size)
            {
                IReadOnlyList<EnrichmentRecord> batch = [.. pending];
                pending.Clear();
                yield return batch;
            }
        }

        if (invalid.Count > 0)
        {
            foreach (var f in invalid)
            {
                ctx.AddFailure(f, options.MaxReportedFailures);
                logger.LogWarning("Sync {RunId}: {Key} failed validation and goes to the failure ledger", ctx.RunId, f.Key.ToString());
            }
        }

        if (!ctx.Run.DryRun && (invalid.Count > 0 || resolved.Count > 0))
        {
            await state.CommitBatchAsync(work.StateKey, new SyncCheckpoint { Failures = invalid, Resolved = resolved }, cancellationToken).ConfigureAwait(false);
        }
    }

    private IReadOnlyList<EnrichmentRecord> Compute(KarteRecordBatch karte, DateTimeOffset asOf)
    {
        using var activity = PartnerKarteTelemetry.Source.StartActivity(PartnerKarteTelemetry.ComputeActivity);
        activity?.SetTag(PartnerKarteTelemetry.ConnectorTag, connector.Name);
        activity?.SetTag("partnerkarte.companies", karte.Companies.Count);
        activity?.SetTag("partnerkarte.reps", karte.Reps.Count);
        var records = calculator.Calculate(karte, asOf);
        activity?.SetTag(PartnerKarteTelemetry.RecordCountTag, records.Count);
        return records;
    }

    private async Task WriteBatchAsync(Work work, IReadOnlyList<EnrichmentRecord> batch, CancellationToken cancellationToken)
    {
        using var activity = PartnerKarteTelemetry.Source.StartActivity(PartnerKarteTelemetry.WriteBatchActivity);
        activity?.SetTag(PartnerKarteTelemetry.ConnectorTag, connector.Name);
        activity?.SetTag(PartnerKarteTelemetry.RecordCountTag, batch.Count);
        var ctx = work.Context;
        if (options.WritePause > TimeSpan.Zero)
        {
            await Task.Delay(options.WritePause, time, cancellationToken).ConfigureAwait(false);
        }

        var results = await connector.WriteEnrichmentAsync(batch, cancellationToken).ConfigureAwait(false);
        ctx.ApiCall();
        var byKey = new Dictionary<EnrichmentKey, EnrichmentWriteResult>(results.Count);
        foreach (var r in results)
        {
            byKey[r.Key] = r;
        }

        var now = time.GetUtcNow();
        var written = new List<WrittenEnrichment>(batch.Count);
        var failures = new List<SyncFailure>();
        foreach (var record in batch)
        {
            if (byKey.TryGetValue(record.Key, out var result) && result.Succeeded)
            {
                written.Add(new WrittenEnrichment(record.Key, work.Hashes.TryGetValue(record, out var hash) ? hash : record.ContentHash));
                continue;
            }

            failures.Add(new SyncFailure
            {
                Key = record.Key,
                ErrorCode = result?.ErrorCode ?? "NO_RESULT",
                Reason = result?.Message ?? "The connector returned no result for this record.",
                IsTransient = result?.IsTransient ?? true,
                FirstFailedAt = now,
                LastFailedAt = now,
            });
        }

        if (options.FollowUpTasks)
        {
            await WriteFollowUpTasksAsync(ctx, batch, written, failures, now, cancellationToken).ConfigureAwait(false);
        }

        // The checkpoint: from here on a rerun skips these records.
        await state.CommitBatchAsync(work.StateKey, new SyncCheckpoint { Written = written, Failures = failures }, cancellationToken).ConfigureAwait(false);
        ctx.AddWritten(written.Count);
        ctx.Batch();
        foreach (var f in failures)
        {
            ctx.AddFailure(f, options.MaxReportedFailures);
            logger.LogWarning("Sync {RunId}: writing {Key} failed with {ErrorCode} and goes to the failure ledger", ctx.RunId, f.Key.ToString(), f.ErrorCode);
        }

        ctx.ReportProgress(SyncPhase.Enriching);
    }

    /// <summary>
    /// The follow-up tasks of the reps just written. When they cannot be written, those reps go to the failure ledger
    /// instead of the checkpoint, so the next run writes them (and their tasks) again.
    /// </summary>
    private async Task WriteFollowUpTasksAsync(RunContext ctx, IReadOnlyList<EnrichmentRecord> batch, List<WrittenEnrichment> written, List<SyncFailure> failures, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = written.Select(w => w.Key).ToHashSet();
        var tasks = batch.Where(r => r.Target == EnrichmentTarget.Rep && r.FollowUpPriority is not null && done.Contains(r.Key))
            .Select(r => new FollowUpTask(new RepId(r.Id), r.FollowUpPriority!.Value, r.TrustReasons)).ToList();
        if (tasks.Count == 0)
        {
            return;
        }

        try
        {
            await connector.WriteFollowUpTasksAsync(tasks, cancellationToken).ConfigureAwait(false);
            ctx.ApiCall();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ConnectorNotSupportedException)
        {
            var keys = tasks.Select(t => new EnrichmentKey(EnrichmentTarget.Rep, t.RepId.Value)).ToHashSet();
            written.RemoveAll(w => keys.Contains(w.Key));
            failures.AddRange(keys.Select(k => new SyncFailure
            {
                Key = k,
                ErrorCode = "FOLLOW_UP_TASK_FAILED",
                Reason = "The follow-up task could not be written: " + ex.Message,
                IsTransient = true,
                FirstFailedAt = now,
                LastFailedAt = now,
            }));
            logger.LogWarning(ex, "Sync {RunId}: writing {Count} follow-up tasks failed; the reps are retried next run", ctx.RunId, tasks.Count);
        }
    }

    private async Task RecordAsync(RunContext ctx, SyncReport report)
    {
        if (!ctx.Run.DryRun)
        {
            // Recorded even when the run's token is cancelled: the history should show the aborted run.
            await state.RecordRunAsync(report, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed record Computed(KarteRecordBatch Karte, IReadOnlyList<string> RepIds, int Companies, IReadOnlyList<EnrichmentRecord> Records);

    private sealed record Work(
        RunContext Context, string StateKey, HashSet<EnrichmentKey> Ledger, HashSet<string> Companies, List<KarteRecordBatch> Located, HashSet<EnrichmentKey> Deleted, IKarteMirrorCodec Codec)
    {
        /// <summary>Records computed this run (each is diffed once: the first computation wins).</summary>
        public HashSet<EnrichmentKey> Emitted { get; } = [];

        /// <summary>Mirror entries patched with the reps read this run (what the time pass evaluates, also in a dry run).</summary>
        public Dictionary<string, byte[]> Patched { get; init; } = [];

        /// <summary>Reps whose records patched their company's entry.</summary>
        public HashSet<string> PatchedReps { get; init; } = [];

        /// <summary>The content hash of each record waiting to be written, as the diff computed it (by reference).</summary>
        public System.Runtime.CompilerServices.ConditionalWeakTable<EnrichmentRecord, string> Hashes { get; } = [];

        /// <summary>Companies the connector returned this run.</summary>
        public HashSet<string> ReadCompanies { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Counters of one run, updated from the producer and the parallel writers.</summary>
    private sealed class RunContext(KarteConnector connector, SyncRunOptions run, DateTimeOffset started, SyncMetrics metrics, IProgress<SyncProgress>? progress, ConnectorUsageSnapshot usageAtStart)
    {
        private readonly KeyValuePair<string, object?> tag = new("connector", connector.Name);
        private readonly KeyValuePair<string, object?> connectorTag = new(PartnerKarteTelemetry.ConnectorTag, connector.Name);
        private readonly ConcurrentQueue<SyncFailure> failures = new();
        private readonly ConcurrentQueue<EnrichmentChange> changes = new();
        private readonly ConcurrentQueue<string> notices = new();
        private long read, written, skipped, failed, connectorCalls, batches;

        public string RunId { get; } = Guid.CreateVersion7(started).ToString("N");

        /// <summary>Who holds the run lease: the run, the machine and the process, so a run on this machine can tell that a holder died.</summary>
        public string LeaseOwner => FormattableString.Invariant($"{RunId} {Environment.MachineName} {Environment.ProcessId}");

        public SyncRunOptions Run => run;

        public DateTimeOffset AsOf { get; } = run.AsOf ?? started;

        public DateTimeOffset StartedAt => started;

        public DateTimeOffset LeaseRenewedAt { get; set; }

        public bool Incremental { get; set; }

        public long Read => Interlocked.Read(ref read);

        public long Written => Interlocked.Read(ref written);

        public long Skipped => Interlocked.Read(ref skipped);

        public long Failed => Interlocked.Read(ref failed);

        public long Computed { get; set; }

        public long Retried { get; set; }

        public long Echoes { get; set; }

        public long CompaniesToEnrich { get; set; }

        public long CompaniesEnriched { get; set; }

        /// <summary>The reps erased before this run: never read into a karte, never written.</summary>
        public ErasureTombstones Tombstones { get; set; } = ErasureTombstones.Empty;

        public RetentionResult? Retention { get; set; }

        private readonly ConcurrentDictionary<string, byte> erasedSeen = new(StringComparer.Ordinal);

        public bool IsErased(EnrichmentRecord record) => record.Target == EnrichmentTarget.Rep && IsErased(record.Id);

        private bool IsErased(string repId)
        {
            if (!Tombstones.Contains(repId))
            {
                return false;
            }

            erasedSeen.TryAdd(repId, 0);
            return true;
        }

        /// <summary>The karte without erased reps (see <see cref="ErasureTombstones.Without"/>).</summary>
        public KarteRecordBatch WithoutErased(KarteRecordBatch karte) => Tombstones.Without(karte, id => erasedSeen.TryAdd(id.Value, 0));

        public void AddRead(long n)
        {
            Interlocked.Add(ref read, n);
            metrics.Read.Add(n, tag);
        }

        public void AddWritten(long n)
        {
            Interlocked.Add(ref written, n);
            metrics.Written.Add(n, tag);
        }

        public void AddSkipped(long n)
        {
            Interlocked.Add(ref skipped, n);
            metrics.Skipped.Add(n, tag);
        }

        public void AddFailure(SyncFailure failure, int maxReported)
        {
            if (Interlocked.Increment(ref failed) <= maxReported)
            {
                failures.Enqueue(failure);
            }

            metrics.Failed.Add(1, tag);
        }

        public void AddChange(EnrichmentChange change)
        {
            changes.Enqueue(change);
            Interlocked.Increment(ref written);
        }

        /// <summary>Counts one call into the connector; reported as API calls only when the connector counts no requests itself.</summary>
        public void ApiCall() => Interlocked.Increment(ref connectorCalls);

        public void Batch() => Interlocked.Increment(ref batches);

        public void ReportProgress(SyncPhase phase) =>
            progress?.Report(new SyncProgress(phase, Read, CompaniesToEnrich, CompaniesEnriched, Written, Skipped, Failed));

        public void AddNotices(IReadOnlyList<string> items)
        {
            foreach (var n in items)
            {
                notices.Enqueue(n);
            }
        }

        public SyncReport Report(DateTimeOffset finished, SyncOutcome outcome, string? error)
        {
            var usage = connector.Usage.Snapshot().Since(usageAtStart);
            var counted = usage.Requests.Count > 0;
            var apiCalls = counted ? usage.ApiRequests : Interlocked.Read(ref connectorCalls);
            if (counted)
            {
                foreach (var (kind, n) in usage.Requests)
                {
                    metrics.ApiCalls.Add(n, tag, new("kind", kind));
                }
            }
            else
            {
                metrics.ApiCalls.Add(apiCalls, tag, new("kind", "connector-call"));
            }

            if (usage.Retries > 0)
            {
                metrics.Retries.Add(usage.Retries, connectorTag);
            }

            if (usage.ThrottlingWait > TimeSpan.Zero)
            {
                metrics.ThrottlingWait.Add(usage.ThrottlingWait.TotalSeconds, connectorTag);
            }

            return Build(finished, outcome, error, usage, apiCalls);
        }

        private SyncReport Build(DateTimeOffset finished, SyncOutcome outcome, string? error, ConnectorUsageSnapshot usage, long apiCalls) => new()
        {
            RunId = RunId,
            StateKey = connector.StateKey,
            Connector = connector.Name,
            StartedAt = started,
            FinishedAt = finished,
            AsOf = AsOf,
            DryRun = run.DryRun,
            Outcome = outcome,
            Incremental = Incremental,
            Read = Read,
            Computed = Computed,
            Written = Written,
            Skipped = Skipped,
            Failed = Failed,
            Retried = Retried,
            Echoes = Echoes,
            ApiCalls = apiCalls,
            ApiCallsByKind = usage.Requests,
            TokenRequests = usage.TokenRequests,
            RecordsReadByObject = usage.RecordsRead,
            Batches = Interlocked.Read(ref batches),
            ErasedSkipped = erasedSeen.Count,
            Retention = Retention,
            Error = error,
            Notices = [.. notices],
            Failures = [.. failures],
            Changes = [.. changes.OrderBy(c => c.Record.Target).ThenBy(c => c.Record.Id, StringComparer.Ordinal)],
        };
    }
}
