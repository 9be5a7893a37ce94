using Microsoft.Extensions.Time.Testing;
using PartnerKarte.Karte;
using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration.Tests;

public class KarteMigrationTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(9)));

    private static KarteDataSet Sample(int companies = 6, int reps = 30, int interactions = 300, int proposals = 40) =>
        SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = companies, RepCount = reps, InteractionCount = interactions, ProposalCount = proposals });

    [Fact]
    public async Task Sqlite_to_sqlite_carries_every_record_and_field()
    {
        using var dir = new TempDir();
        var source = dir.Store("source.db", pageSize: 37);
        var data = Sample();
        await KarteMigration.WriteAsync(source, data);
        var target = dir.Store("target.db", writeBatchSize: 64);

        var report = await new KarteMigration(source, target, target.CreateSyncStateStore(), timeProvider: Clock).RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Succeeded);
        report.Read.Should().Be(new MigrationCounts(6, 30, 40, 300));
        report.Write.Created.Should().Be(new MigrationCounts(6, 30, 40, 300));
        report.Write.WriteCalls.Should().Be((376 + 63) / 64, "every call but the last is a full batch of the target's size");
        (await Kartes.LoadAllAsync(target)).ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));
    }

    [Fact]
    public async Task A_rerun_after_a_completed_run_writes_nothing_and_restart_rewrites_idempotently()
    {
        using var dir = new TempDir();
        var source = dir.Store("source.db");
        await KarteMigration.WriteAsync(source, Sample());
        var target = dir.Store("target.db");
        var state = target.CreateSyncStateStore();
        await new KarteMigration(source, target, state).RunAsync();

        var again = await new KarteMigration(source, target, state).RunAsync();
        again.Resumed.Should().BeTrue();
        again.Write.WriteCalls.Should().Be(0);

        var restart = await new KarteMigration(source, target, state, new KarteMigrationOptions { Restart = true }).RunAsync();
        restart.Write.Created.Total.Should().Be(0);
        restart.Write.Updated.Total.Should().Be(376);
        (await Kartes.LoadAllAsync(target)).ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));
    }

    [Fact]
    public async Task A_run_broken_off_resumes_from_its_checkpoint_and_ends_in_the_same_state()
    {
        using var dir = new TempDir();
        var source = dir.Store("source.db", pageSize: 25);
        await KarteMigration.WriteAsync(source, Sample());
        var inner = dir.Store("target.db");
        var target = new RecordingConnector(inner, maxBatchSize: 20) { BreakAfterCalls = 7 };
        var state = inner.CreateSyncStateStore();

        var broken = await new KarteMigration(source, target, state).RunAsync();
        broken.Outcome.Should().Be(SyncOutcome.Aborted);
        broken.Error.Should().Contain("connection reset");
        broken.Checkpoint.Should().NotBeNull("pages fully written before the break are checkpointed");

        target.BreakAfterCalls = null;
        var resumed = await new KarteMigration(source, target, state).RunAsync();
        resumed.Outcome.Should().Be(SyncOutcome.Succeeded);
        resumed.Resumed.Should().BeTrue();
        resumed.Read.Total.Should().BeLessThan(376, "the resumed run starts at the checkpoint, not at the beginning");
        (await Kartes.LoadAllAsync(inner)).ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));
    }

    [Fact]
    public async Task Children_read_before_their_parents_are_written_after_them_in_full_batches()
    {
        var data = Sample(companies: 3, reps: 8, interactions: 40, proposals: 10);

        // The source returns the newest records first: interactions, then proposals, reps, and companies last.
        var source = new PagedSource(
        [
            new ChangePage { Interactions = data.Interactions },
            new ChangePage { Proposals = data.Proposals },
            new ChangePage { Reps = data.Reps },
            new ChangePage { Companies = data.Companies },
        ]);
        using var dir = new TempDir();
        var inner = dir.Store("target.db");
        var target = new RecordingConnector(inner, maxBatchSize: 7);

        var report = await new KarteMigration(source, target, inner.CreateSyncStateStore()).RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Succeeded);
        report.Deferred.Should().Be(58, "every rep, proposal and interaction came before its parent");
        target.Calls.Should().HaveCount((61 + 6) / 7);
        target.Calls.Take(target.Calls.Count - 1).Should().OnlyContain(b => b.Count == 7);
        var written = new HashSet<string>();
        foreach (var call in target.Calls)
        {
            // Within a call the connector applies companies, then reps, then proposals and interactions.
            foreach (var c in call.Companies)
            {
                written.Add(c.Id.Value);
            }

            foreach (var r in call.Reps)
            {
                written.Should().Contain(r.CompanyId.Value);
                written.Should().Contain(r.Employment.Select(e => e.CompanyId.Value));
                written.Add(r.Id.Value);
            }

            foreach (var p in call.Proposals)
            {
                written.Should().Contain(p.CompanyId.Value);
                if (p.RepId is { } rep)
                {
                    written.Should().Contain(rep.Value);
                }

                written.Add(p.Id.Value);
            }

            foreach (var i in call.Interactions)
            {
                written.Should().Contain(i.RepId.Value);
                if (i.ProposalId is { } pid)
                {
                    written.Should().Contain(pid.Value);
                }
            }
        }

        (await Kartes.LoadAllAsync(inner)).ShouldEqualFieldByField(data);
    }

    [Fact]
    public async Task A_rejected_record_is_reported_keeps_the_checkpoint_before_it_and_is_retried_next_run()
    {
        using var dir = new TempDir();
        var source = dir.Store("source.db", pageSize: 50);
        var data = Sample();
        await KarteMigration.WriteAsync(source, data);
        var inner = dir.Store("target.db");
        var target = new RecordingConnector(inner, maxBatchSize: 50);
        var rejected = data.Reps[3].Id.Value;
        target.Reject.Add(rejected);
        var state = inner.CreateSyncStateStore();

        var first = await new KarteMigration(source, target, state).RunAsync();
        first.Outcome.Should().Be(SyncOutcome.PartiallyFailed);
        first.Write.Failures.Should().ContainSingle().Which.Should().Be(new KarteUpsertResult(KarteRecordKind.Rep, rejected, UpsertOutcome.Failed, "REJECTED", "rejected by the test"));

        target.Reject.Clear();
        var second = await new KarteMigration(source, target, state).RunAsync();
        second.Outcome.Should().Be(SyncOutcome.Succeeded);
        second.Write.Created.Reps.Should().Be(1, "the rejected rep is written on the rerun");
        (await Kartes.LoadAllAsync(inner)).ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));
    }

    [Fact]
    public async Task A_dry_run_plans_the_calls_and_writes_nothing()
    {
        using var dir = new TempDir();
        var source = dir.Store("source.db");
        await KarteMigration.WriteAsync(source, Sample());
        var target = dir.Store("target.db");
        var state = target.CreateSyncStateStore();
        var progress = new List<MigrationProgress>();

        var report = await new KarteMigration(source, target, state, new KarteMigrationOptions { DryRun = true, BatchSize = 100 })
            .RunAsync(new SynchronousProgress(progress.Add));

        report.Write.DryRun.Should().BeTrue();
        report.Write.WriteCalls.Should().Be(4);
        report.Write.Created.Total.Should().Be(376);
        (await Kartes.LoadAllAsync(target)).Companies.Should().BeEmpty();
        (await state.GetWatermarkAsync(report.CheckpointKey)).Should().BeNull();
        progress.Should().NotBeEmpty();
        progress[^1].Should().Be(new MigrationProgress(376, 376, 0, 4));
    }

    [Fact]
    public void Options_name_the_bad_option() =>
        FluentActions.Invoking(() => new KarteMigrationOptions { BatchSize = 0 }.Validate())
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*BatchSize*");

    private sealed class SynchronousProgress(Action<MigrationProgress> report) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value) => report(value);
    }
}
