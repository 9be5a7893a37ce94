using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>The enrichment sync end to end on the embedded store, with small generated Japanese kartes.</summary>
public sealed class EnrichmentSyncTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = SampleKarteOptions.DefaultAsOf;
    private readonly TempStore store = new();
    private readonly SqliteKarteConnector connector;
    private readonly SqliteSyncStateStore state;
    private readonly KarteDataSet data;

    public EnrichmentSyncTests()
    {
        connector = new SqliteKarteConnector(store.Options);
        state = connector.CreateSyncStateStore();
        data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 6, RepCount = 40, InteractionCount = 600, ProposalCount = 60 });
        connector.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions })
            .GetAwaiter().GetResult().Should().OnlyContain(r => r.Succeeded);
    }

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task The_first_run_writes_every_rep_and_company_and_a_rerun_without_change_writes_nothing()
    {
        var first = await Sync().RunAsync(Run());

        first.Outcome.Should().Be(SyncOutcome.Succeeded);
        first.Written.Should().Be(data.Reps.Count + data.Companies.Count);
        first.Incremental.Should().BeFalse();
        (await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Company, data.Companies[0].Id.Value))).Should().NotBeNull();

        var rerun = await Sync().RunAsync(Run());

        rerun.Incremental.Should().BeTrue();
        rerun.Read.Should().Be(0);
        rerun.Written.Should().Be(0);
        rerun.Batches.Should().Be(0, "no write call");
        rerun.Computed.Should().Be(data.Reps.Count + data.Companies.Count, "every rep and company is evaluated as of the run's instant");

        var refresh = await Sync().RunAsync(Run() with { FullRefresh = true });

        refresh.Written.Should().Be(0, "recomputed values equal what was written");
        refresh.Skipped.Should().Be(data.Reps.Count + data.Companies.Count);
        refresh.Batches.Should().Be(0);
    }

    [Fact]
    public async Task A_change_to_one_interaction_rewrites_only_the_records_it_affects()
    {
        await Sync().RunAsync(Run());
        var rep = data.Interactions.GroupBy(i => i.RepId).OrderByDescending(g => g.Count()).First();
        var target = rep.Last();
        var company = data.Reps.Single(r => r.Id == rep.Key).CompanyId;
        var changed = target with { Reaction = target.Reaction == Reaction.Negative ? Reaction.Positive : Reaction.Negative, Initiator = Initiator.Rep, ModifiedAt = AsOf };
        await connector.UpsertKarteAsync(new KarteRecordBatch { Interactions = [changed] });

        var preview = await Sync().RunAsync(Run() with { DryRun = true });
        var run = await Sync().RunAsync(Run());

        preview.Changes.Select(c => c.Record.Key).Should().Contain(new EnrichmentKey(EnrichmentTarget.Rep, rep.Key.Value))
            ;
        preview.Changes.Select(c => c.Record.Key.ToString()).Should().BeSubsetOf([new EnrichmentKey(EnrichmentTarget.Rep, rep.Key.Value).ToString(), new EnrichmentKey(EnrichmentTarget.Company, company.Value).ToString()]);
        run.Read.Should().Be(1);
        run.Written.Should().Be(preview.Changes.Count);
        run.Skipped.Should().Be(run.Computed - run.Written, "the other reps of the company are recomputed but unchanged");
    }

    [Fact]
    public async Task A_change_to_one_interaction_writes_exactly_the_records_whose_values_change()
    {
        await Sync().RunAsync(Run());
        var rep = data.Interactions.GroupBy(i => i.RepId).OrderByDescending(g => g.Count()).First();
        var target = rep.OrderBy(i => i.OccurredAt).Last();
        var changed = target with { Reaction = Reaction.Negative, Initiator = Initiator.Rep, ResponseLatency = TimeSpan.FromDays(9), ModifiedAt = AsOf };
        var after = data with { Interactions = [.. data.Interactions.Select(i => i.Id == target.Id ? changed : i)] };
        var expected = ChangedKeys(data, after);
        expected.Should().Contain(new EnrichmentKey(EnrichmentTarget.Rep, rep.Key.Value), "the test needs a change that moves the rep's values");
        var hashesBefore = await state.GetWrittenHashesAsync(connector.StateKey, AllKeys());
        await connector.UpsertKarteAsync(new KarteRecordBatch { Interactions = [changed] });

        var run = await Sync().RunAsync(Run());

        run.Written.Should().Be(expected.Count);
        var hashesAfter = await state.GetWrittenHashesAsync(connector.StateKey, AllKeys());
        AllKeys().Where(k => hashesBefore[k] != hashesAfter[k]).Should().BeEquivalentTo(expected, "exactly the records whose values changed are rewritten");
    }

    [Fact]
    public async Task A_deleted_rep_takes_its_enrichment_along_and_writing_enrichment_for_an_unknown_rep_is_not_found()
    {
        await Sync().RunAsync(Run());
        var rep = data.Reps[0];
        var key = new EnrichmentKey(EnrichmentTarget.Rep, rep.Id.Value);
        var written = await connector.ReadEnrichmentAsync(key);
        written.Should().NotBeNull();

        (await connector.DeleteKarteAsync([new DeletedRecord(KarteRecordKind.Rep, rep.Id.Value)])).Should().Be(1);
        (await connector.ReadEnrichmentAsync(key)).Should().BeNull("the enrichment row goes with the rep");
        var result = await connector.WriteEnrichmentAsync([written!]);
        result.Should().ContainSingle().Which.ErrorCode.Should().Be("NOT_FOUND");

        (await connector.UpsertKarteAsync(new KarteRecordBatch { Reps = [rep] })).Should().OnlyContain(r => r.Succeeded);
        (await connector.ReadEnrichmentAsync(key)).Should().BeNull("a rep created again starts without the old values");
    }

    [Fact]
    public async Task Deleting_interactions_recomputes_their_rep_and_writes_its_new_values()
    {
        await Sync().RunAsync(Run());
        var rep = data.Interactions.GroupBy(i => i.RepId).OrderByDescending(g => g.Count()).First();
        var gone = rep.Select(i => new DeletedRecord(KarteRecordKind.Interaction, i.Id.Value)).ToList();
        var after = data with { Interactions = [.. data.Interactions.Where(i => i.RepId != rep.Key)] };
        var expected = ChangedKeys(data, after);
        (await connector.DeleteKarteAsync(gone)).Should().Be(gone.Count);

        var run = await Sync().RunAsync(Run());

        run.Read.Should().Be(gone.Count);
        expected.Should().Contain(new EnrichmentKey(EnrichmentTarget.Rep, rep.Key.Value));
        run.Written.Should().Be(expected.Count);
        var stored = await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, rep.Key.Value));
        stored!.ContentHash.Should().Be(Calculate(after).Single(r => r.Key == new EnrichmentKey(EnrichmentTarget.Rep, rep.Key.Value)).ContentHash);
    }

    [Fact]
    public async Task Deleting_a_companys_proposals_recomputes_its_kpis()
    {
        await Sync().RunAsync(Run());
        var company = data.Proposals.GroupBy(p => p.CompanyId).OrderByDescending(g => g.Count(p => p.Outcome == ProposalOutcome.Won)).First().Key;
        var gone = data.Proposals.Where(p => p.CompanyId == company).Select(p => new DeletedRecord(KarteRecordKind.Proposal, p.Id.Value)).ToList();
        var after = data with { Proposals = [.. data.Proposals.Where(p => p.CompanyId != company)] };
        await connector.DeleteKarteAsync(gone);

        var run = await Sync().RunAsync(Run());

        var key = new EnrichmentKey(EnrichmentTarget.Company, company.Value);
        run.Written.Should().Be(ChangedKeys(data, after).Count);
        var stored = await connector.ReadEnrichmentAsync(key);
        stored!.DealCount.Should().Be(0);
        stored.ContentHash.Should().Be(Calculate(after).Single(r => r.Key == key).ContentHash);
    }

    [Fact]
    public async Task A_dry_run_reports_the_diff_and_writes_nothing()
    {
        var dry = await Sync().RunAsync(Run() with { DryRun = true });

        dry.DryRun.Should().BeTrue();
        dry.Changes.Should().HaveCount(data.Reps.Count + data.Companies.Count);
        dry.Changes.Should().OnlyContain(c => c.PreviousHash == null);
        (await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, data.Reps[0].Id.Value))).Should().BeNull();
        (await state.GetWatermarkAsync(connector.StateKey)).Should().BeNull();
        (await state.GetRunHistoryAsync(connector.StateKey)).Should().BeEmpty();
        (await Sync().RunAsync(Run())).Written.Should().Be(dry.Changes.Count);
    }

    [Fact]
    public async Task An_invalid_record_lands_in_the_ledger_with_the_reason_and_the_run_continues()
    {
        var victim = data.Reps[3].Id.Value;
        var broken = new BreakingCalculator(Calculator(), victim);

        var report = await Sync(calculator: broken).RunAsync(Run());

        report.Outcome.Should().Be(SyncOutcome.PartiallyFailed);
        report.Failed.Should().Be(1);
        report.Written.Should().Be(data.Reps.Count + data.Companies.Count - 1);
        var entry = (await state.GetFailuresAsync(connector.StateKey)).Should().ContainSingle().Subject;
        entry.Key.Should().Be(new EnrichmentKey(EnrichmentTarget.Rep, victim));
        entry.ErrorCode.Should().Be("VALIDATION");
        entry.Reason.Should().Contain("TrustScore").And.Contain("between 0 and 100");
        report.Failures.Should().ContainSingle().Which.Key.Id.Should().Be(victim);

        var retry = await Sync().RunAsync(Run());

        retry.Retried.Should().Be(1);
        retry.Written.Should().Be(1, "only the record from the ledger is retried");
        (await state.GetFailuresAsync(connector.StateKey)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_write_failure_is_retried_next_run()
    {
        var victim = data.Companies[1].Id.Value;
        var flaky = new FailingConnector(connector, failId: victim, failAfterBatches: int.MaxValue);

        var report = await Sync(flaky).RunAsync(Run());

        report.Failed.Should().Be(1);
        var entry = (await state.GetFailuresAsync(connector.StateKey)).Should().ContainSingle().Subject;
        entry.ErrorCode.Should().Be("UNABLE_TO_LOCK_ROW");
        entry.IsTransient.Should().BeTrue();

        var retry = await Sync().RunAsync(Run());

        retry.Written.Should().Be(1);
        retry.Failed.Should().Be(0);
        (await state.GetFailuresAsync(connector.StateKey)).Should().BeEmpty();
        (await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Company, victim))).Should().NotBeNull();
    }

    [Fact]
    public async Task A_run_stopped_mid_way_resumes_and_ends_in_the_same_state_as_an_uninterrupted_run()
    {
        var crashing = new FailingConnector(connector, failId: null, failAfterBatches: 2);

        var aborted = await Sync(crashing, batchSize: 7).RunAsync(Run());
        var resumed = await Sync(batchSize: 7).RunAsync(Run());

        aborted.Outcome.Should().Be(SyncOutcome.Aborted);
        aborted.Error.Should().Contain("connection reset");
        aborted.Written.Should().Be(14);
        resumed.Outcome.Should().Be(SyncOutcome.Succeeded);
        resumed.Written.Should().Be(data.Reps.Count + data.Companies.Count - 14, "checkpointed batches are not written again");

        using var cleanStore = new TempStore();
        var clean = new SqliteKarteConnector(cleanStore.Options);
        await clean.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });
        await new EnrichmentSync(clean, clean.CreateSyncStateStore(), Calculator()).RunAsync(Run());
        foreach (var key in data.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)).Concat(data.Companies.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value))))
        {
            (await connector.ReadEnrichmentAsync(key))!.ContentHash.Should().Be((await clean.ReadEnrichmentAsync(key))!.ContentHash, key.ToString());
        }

        var history = await state.GetRunHistoryAsync(connector.StateKey);
        history.Select(h => h.Outcome).Should().Equal(SyncOutcome.Succeeded, SyncOutcome.Aborted);
    }

    [Fact]
    public async Task Progress_ends_with_the_completed_phase_and_counts()
    {
        var reports = new List<SyncProgress>();
        var progress = new SyncProgressRecorder(reports);

        var report = await Sync().RunAsync(Run(), progress);

        reports.Should().NotBeEmpty();
        reports[^1].Phase.Should().Be(SyncPhase.Completed);
        reports[^1].Written.Should().Be(report.Written);
        reports[^1].CompaniesEnriched.Should().Be(data.Companies.Count);
    }

    [Fact]
    public async Task Written_values_are_the_scores_and_kpis_of_the_core_calculators()
    {
        await Sync().RunAsync(Run());
        var rep = data.Reps[5];
        var expected = new TrustScorer().Score(rep.Id, data.Interactions, data.Proposals, AsOf);

        var stored = await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, rep.Id.Value));

        stored!.TrustRank.Should().Be(expected.Rank);
        stored.TrustScore.Should().Be(expected.Value is double v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null);
        stored.FollowUpPriority.Should().Be(expected.FollowUpPriority);
        var company = data.Companies[0];
        var kpis = new PartnerKpiCalculator().CalculateKpis(company.Id, data.Proposals, KpiPeriod.Trailing(DateOnly.FromDateTime(AsOf.DateTime), 365));
        var storedCompany = await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Company, company.Id.Value));
        storedCompany!.DealCount.Should().Be(kpis.Deals);
        storedCompany.WonCount.Should().Be(kpis.Won);
        storedCompany.Revenue.Should().Be(kpis.Revenue);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_full_run_reads_each_karte_record_once_and_writes_the_full_recomputation(bool idsOnlyChangeFeed)
    {
        // true: the store's ids-only change summary; false: the default summary over the full change feed (as a CRM connector).
        var counting = new CountingConnector(connector, idsOnlyChangeFeed);

        var report = await Sync(counting).RunAsync(Run());

        report.Written.Should().Be(data.Reps.Count + data.Companies.Count);
        report.Read.Should().Be(data.Companies.Count + data.Reps.Count + data.Proposals.Count + data.Interactions.Count);
        counting.FeedRecords.Should().Be(idsOnlyChangeFeed ? 0 : report.Read, "with ids alone the change feed materialises no record");
        counting.KarteInteractions.Should().HaveCount(data.Interactions.Count, "the recompute reads each interaction once")
            .And.OnlyHaveUniqueItems().And.BeEquivalentTo(data.Interactions.Select(i => i.Id.Value));
        counting.KarteReps.Should().OnlyHaveUniqueItems().And.HaveCount(data.Reps.Count);
        foreach (var expected in Calculate(data))
        {
            var stored = await connector.ReadEnrichmentAsync(expected.Key);
            stored.Should().NotBeNull();
            stored!.ContentHash.Should().Be(expected.ContentHash, $"{expected.Key} is written as a full recomputation computes it");
        }
    }

    private static SyncRunOptions Run() => new() { AsOf = AsOf };

    private static IReadOnlyList<EnrichmentRecord> Calculate(KarteDataSet karte) =>
        Calculator().Calculate(new KarteRecordBatch { Companies = karte.Companies, Reps = karte.Reps, Proposals = karte.Proposals, Interactions = karte.Interactions }, AsOf);

    /// <summary>The records whose values differ between two versions of the karte, by a full recomputation of both.</summary>
    private static List<EnrichmentKey> ChangedKeys(KarteDataSet before, KarteDataSet after)
    {
        var old = Calculate(before).ToDictionary(r => r.Key, r => r.ContentHash);
        return [.. Calculate(after).Where(r => old[r.Key] != r.ContentHash).Select(r => r.Key)];
    }

    private List<EnrichmentKey> AllKeys() =>
        [.. data.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)), .. data.Companies.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value))];

    private static KarteEnrichmentCalculator Calculator() => new(new TrustScorer(), new PartnerKpiCalculator());

    private EnrichmentSync Sync(KarteConnector? over = null, IEnrichmentCalculator? calculator = null, int batchSize = 0) =>
        new(over ?? connector, state, calculator ?? Calculator(), new EnrichmentSyncOptions { BatchSize = batchSize, MaxParallelism = 2 });

    private sealed class SyncProgressRecorder(List<SyncProgress> reports) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    /// <summary>Counts what the sync materialises: records of the full change feed, and interactions and reps read as kartes.</summary>
    private sealed class CountingConnector(SqliteKarteConnector inner, bool idsOnly) : KarteConnector
    {
        private long feedRecords;

        public long FeedRecords => Interlocked.Read(ref feedRecords);

        public ConcurrentQueue<string> KarteInteractions { get; } = new();

        public ConcurrentQueue<string> KarteReps { get; } = new();

        public override string Name => inner.Name;

        public override string StateKey => inner.StateKey;

        public override ConnectorCapabilities Capabilities => inner.Capabilities;

        public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var page in inner.ReadChangesAsync(watermark, cancellationToken))
            {
                Interlocked.Add(ref feedRecords, page.Count);
                yield return page;
            }
        }

        public override IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, CancellationToken cancellationToken = default) =>
            idsOnly ? inner.ReadChangeSummaryAsync(watermark, cancellationToken) : base.ReadChangeSummaryAsync(watermark, cancellationToken);

        public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var batch in inner.ReadKarteAsync(selection, cancellationToken))
            {
                foreach (var i in batch.Interactions)
                {
                    KarteInteractions.Enqueue(i.Id.Value);
                }

                foreach (var r in batch.Reps)
                {
                    KarteReps.Enqueue(r.Id.Value);
                }

                yield return batch;
            }
        }

        public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default) =>
            inner.WriteEnrichmentAsync(records, cancellationToken);
    }

    /// <summary>Makes one rep's score out of range, as a buggy or hostile input would.</summary>
    private sealed class BreakingCalculator(IEnrichmentCalculator inner, string repId) : IEnrichmentCalculator
    {
        public IReadOnlyList<EnrichmentRecord> Calculate(KarteRecordBatch karte, DateTimeOffset asOf) =>
            [.. inner.Calculate(karte, asOf).Select(r => r.Target == EnrichmentTarget.Rep && r.Id == repId ? r with { TrustScore = 150 } : r)];
    }

    /// <summary>The SQLite connector with injected faults: a per-record lock error, or a whole-call failure after N batches.</summary>
    private sealed class FailingConnector(SqliteKarteConnector inner, string? failId, int failAfterBatches) : KarteConnector
    {
        private int batches;

        public override string Name => inner.Name;

        public override string StateKey => inner.StateKey;

        public override ConnectorCapabilities Capabilities => inner.Capabilities with { MaxParallelism = 1 };

        public override IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, CancellationToken cancellationToken = default) => inner.ReadChangesAsync(watermark, cancellationToken);

        public override IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, CancellationToken cancellationToken = default) => inner.ReadKarteAsync(selection, cancellationToken);

        public override async Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref batches) > failAfterBatches)
            {
                throw new IOException("connection reset by peer");
            }

            var keep = records.Where(r => r.Id != failId).ToList();
            var results = (await inner.WriteEnrichmentAsync(keep, cancellationToken)).ToList();
            results.AddRange(records.Where(r => r.Id == failId).Select(r => EnrichmentWriteResult.Failure(r.Key, "UNABLE_TO_LOCK_ROW", "Record locked by another transaction.", isTransient: true)));
            return results;
        }
    }
}
