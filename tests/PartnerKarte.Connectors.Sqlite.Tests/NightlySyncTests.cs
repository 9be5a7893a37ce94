using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>
/// Night after night: every run evaluates every rep and company as of its instant, writes only what changed, and leaves
/// the store holding what a full recomputation gives, with the product calculator's compact mirror and with the record
/// mirror any other calculator gets (<c>ownCalculator</c>).
/// </summary>
public sealed class NightlySyncTests : IDisposable
{
    private static readonly DateTimeOffset Start = SampleKarteOptions.DefaultAsOf;
    private readonly List<TempStore> stores = [];

    public void Dispose()
    {
        foreach (var s in stores)
        {
            s.Dispose();
        }
    }

    /// <summary>A night: days since the previous one, and how many interactions were added or edited during it.</summary>
    public sealed record Night(int Days, int Added, int Edited);

    [Fact]
    public void Nights_with_and_without_activity_equal_a_full_recomputation_at_each_instant()
    {
        var nights = Gen.ListOf(
                from days in Gen.Choose(0, 40)
                from added in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 6)))
                from edited in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
                select new Night(days, added, edited))
            .Select(l => l.Take(5).ToArray());
        var gen = from n in nights from ownCalculator in Gen.Elements(false, true) from seed in Gen.Choose(1, 1000) select (n, ownCalculator, seed);
        Prop.ForAll(Arb.From(gen), x => RunNightsAsync(x.n, x.ownCalculator, x.seed).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }

    private async Task<bool> RunNightsAsync(Night[] nights, bool ownCalculator, int seed)
    {
        using var env = new Env(this, ownCalculator, seed);
        var asOf = Start;
        await env.RunAndCheckAsync(asOf, "first night");
        var rnd = new Random(seed);
        var n = 0;
        foreach (var night in nights)
        {
            n++;
            var previous = asOf;
            asOf = asOf.AddDays(night.Days).AddHours(rnd.Next(0, 3));
            await env.ActAsync(night, previous, asOf, rnd);
            var report = await env.RunAndCheckAsync(asOf, $"night {n} ({night})");
            if (night.Added == 0 && night.Edited == 0)
            {
                env.Counting.KarteReads.Should().Be(0, "a night without activity reads no karte from the connector");
            }

            report.Written.Should().BeLessThanOrEqualTo(report.Computed);
            var again = await env.Sync().RunAsync(new SyncRunOptions { AsOf = asOf });
            again.Written.Should().Be(0, "the same night twice writes nothing");
            again.Read.Should().Be(0, "the sync's own writes do not come back through the change feed");
        }

        return true;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_quiet_night_75_days_later_writes_the_time_driven_changes(bool ownCalculator)
    {
        using var env = new Env(this, ownCalculator, 7);
        await env.RunAndCheckAsync(Start, "first night");

        var later = await env.RunAndCheckAsync(Start.AddDays(75), "75 days later");

        later.Read.Should().Be(0, "nothing changed in the source data");
        later.Written.Should().BeGreaterThan(0, "trust decays, reps go quiet and contracts move towards renewal while nothing is recorded");
        env.Counting.KarteReads.Should().Be(0, "unchanged kartes are evaluated from the mirror, not read from the connector");
    }

    [Fact]
    public async Task A_new_interaction_reads_its_rep_not_its_whole_company()
    {
        using var env = new Env(this, ownCalculator: false, 21);
        await env.RunAndCheckAsync(Start, "first night");
        var rep = env.Data.Interactions.GroupBy(i => i.RepId).OrderByDescending(g => g.Count()).First().Key;
        var reply = new Interaction
        {
            Id = new InteractionId("NEW-1"),
            RepId = rep,
            OccurredAt = Start.AddHours(20),
            Channel = InteractionChannel.Meeting,
            Initiator = Initiator.Rep,
            Reaction = Reaction.Positive,
        };
        (await env.Connector.UpsertKarteAsync(new KarteRecordBatch { Interactions = [reply] })).Should().OnlyContain(r => r.Succeeded);

        var night = await env.RunAndCheckAsync(Start.AddDays(1), "one new interaction");

        night.Read.Should().Be(1);
        env.Counting.KarteReads.Should().Be(1, "the rep is read and patched into its company's mirror entry; the company is not read");
        env.Counting.CompanyReads.Should().Be(0);
    }

    [Fact]
    public async Task A_deleted_state_store_and_a_full_refresh_give_the_same_crm_values()
    {
        using var env = new Env(this, ownCalculator: false, 11);
        var rnd = new Random(3);
        await env.RunAndCheckAsync(Start, "first night");
        await env.ActAsync(new Night(3, 5, 2), Start, Start.AddDays(3), rnd);
        await env.RunAndCheckAsync(Start.AddDays(3), "night 2");
        var before = await env.CrmValuesAsync();

        env.DeleteStateStore();
        var refresh = await env.Sync().RunAsync(new SyncRunOptions { AsOf = Start.AddDays(3), FullRefresh = true });

        refresh.Outcome.Should().Be(SyncOutcome.Succeeded);
        refresh.Incremental.Should().BeFalse();
        (await env.CrmValuesAsync()).Should().Equal(before);

        // And the rebuilt state carries on night by night.
        await env.RunAndCheckAsync(Start.AddDays(20), "after the refresh");
    }

    [Fact]
    public async Task A_run_on_a_state_store_without_local_state_is_a_full_refresh()
    {
        using var env = new Env(this, ownCalculator: false, 12);
        await env.RunAndCheckAsync(Start, "first night");

        env.DeleteStateStore();
        var report = await env.RunAndCheckAsync(Start.AddDays(10), "no state");

        report.Incremental.Should().BeFalse("without a watermark and mirror the sync cannot be incremental");
    }

    [Fact]
    public async Task A_damaged_mirror_entry_is_read_again_from_the_connector_never_evaluated_wrongly()
    {
        using var env = new Env(this, ownCalculator: false, 13);
        await env.RunAndCheckAsync(Start, "first night");
        var company = env.Data.Companies[1].Id.Value;
        await env.State.SaveStateEntriesAsync(env.Connector.StateKey, "karte-mirror", new Dictionary<string, byte[]> { ["c:" + company] = [0x1f, 0x8b, 1, 2, 3] });

        await env.RunAndCheckAsync(Start.AddDays(30), "damaged entry");

        env.Counting.KarteReads.Should().Be(1, "the damaged company alone is read again");
        await env.RunAndCheckAsync(Start.AddDays(31), "after the repair");
        env.Counting.KarteReads.Should().Be(0, "the entry was repaired");
    }

    [Fact]
    public async Task A_full_refresh_runs_by_itself_once_the_cadence_has_passed()
    {
        using var env = new Env(this, ownCalculator: false, 14);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        var options = new EnrichmentSyncOptions { FullRefreshEvery = TimeSpan.FromDays(7) };
        (await env.Sync(options, clock).RunAsync()).Incremental.Should().BeFalse();

        clock.Advance(TimeSpan.FromDays(6));
        env.Counting.Reset();
        (await env.Sync(options, clock).RunAsync()).Incremental.Should().BeTrue();
        env.Counting.KarteReads.Should().Be(0);

        clock.Advance(TimeSpan.FromDays(1));
        env.Counting.Reset();
        (await env.Sync(options, clock).RunAsync()).Incremental.Should().BeFalse("seven days after the last full refresh");
        env.Counting.KarteReads.Should().BeGreaterThan(0);
        (await env.Sync(options, clock).RunAsync()).Incremental.Should().BeTrue();
    }

    [Fact]
    public async Task Two_concurrent_runs_on_the_same_state_one_is_refused_and_nothing_is_written_twice()
    {
        using var env = new Env(this, ownCalculator: false, 15);
        var gate = new TaskCompletionSource();
        env.Counting.BeforeWrite = () => gate.Task;
        var first = Task.Run(() => env.Sync().RunAsync(new SyncRunOptions { AsOf = Start }));
        await env.Counting.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = () => env.Sync().RunAsync(new SyncRunOptions { AsOf = Start });

        (await second.Should().ThrowAsync<SyncAlreadyRunningException>()).Which.Message.Should().Contain("Another sync");
        gate.SetResult();
        (await first).Outcome.Should().Be(SyncOutcome.Succeeded);
        env.Counting.BeforeWrite = null;
        var third = await env.Sync().RunAsync(new SyncRunOptions { AsOf = Start });
        third.Written.Should().Be(0, "the lease was released and the first run wrote everything");
    }

    [Fact]
    public async Task A_run_killed_on_this_machine_does_not_block_the_rerun_but_a_live_or_remote_holder_does()
    {
        using var env = new Env(this, ownCalculator: false, 16);
        var key = env.Connector.StateKey;
        var gone = $"killed-run {Environment.MachineName} {int.MaxValue - 7}";
        (await env.State.AcquireLeaseAsync(key, gone, DateTimeOffset.UtcNow, TimeSpan.FromHours(1))).Owner.Should().Be(gone);

        (await env.Sync().RunAsync(new SyncRunOptions { AsOf = Start })).Outcome.Should().Be(SyncOutcome.Succeeded, "the holder's process no longer runs");

        var remote = "other-run some-other-host 1";
        (await env.State.AcquireLeaseAsync(key, remote, DateTimeOffset.UtcNow, TimeSpan.FromHours(1))).Owner.Should().Be(remote);
        var refused = () => env.Sync().RunAsync(new SyncRunOptions { AsOf = Start });
        await refused.Should().ThrowAsync<SyncAlreadyRunningException>("a run on another machine cannot be checked: its lease must lapse");
    }

    [Fact]
    public async Task A_lease_of_a_run_that_died_lapses()
    {
        using var store = new TempStore();
        var state = new SqliteSyncStateStore(store.Options);
        var now = Start;
        (await state.AcquireLeaseAsync("k", "dead-run", now, TimeSpan.FromMinutes(30))).Owner.Should().Be("dead-run");
        (await state.AcquireLeaseAsync("k", "next-run", now.AddMinutes(29), TimeSpan.FromMinutes(30))).Owner.Should().Be("dead-run");
        (await state.AcquireLeaseAsync("other", "next-run", now.AddMinutes(29), TimeSpan.FromMinutes(30))).Owner.Should().Be("next-run", "leases are per state key");
        (await state.AcquireLeaseAsync("k", "next-run", now.AddMinutes(31), TimeSpan.FromMinutes(30))).Owner.Should().Be("next-run");
        await state.ReleaseLeaseAsync("k", "dead-run");
        (await state.AcquireLeaseAsync("k", "third", now.AddMinutes(32), TimeSpan.FromMinutes(30))).Owner.Should().Be("next-run", "only the holder releases");
        await state.ReleaseLeaseAsync("k", "next-run");
        (await state.AcquireLeaseAsync("k", "third", now.AddMinutes(32), TimeSpan.FromMinutes(30))).Owner.Should().Be("third");
    }

    /// <summary>A karte store, a separate sync state store, and the sync between them.</summary>
    private sealed class Env : IDisposable
    {
        private readonly TempStore karteStore;
        private readonly TempStore stateStore;

        private readonly bool ownCalculator;

        public Env(NightlySyncTests owner, bool ownCalculator, int seed)
        {
            karteStore = new TempStore();
            stateStore = new TempStore();
            owner.stores.Add(karteStore);
            owner.stores.Add(stateStore);
            Connector = new SqliteKarteConnector(karteStore.Options);
            State = new SqliteSyncStateStore(stateStore.Options);
            Counting = new CountingConnector(Connector);
            this.ownCalculator = ownCalculator;
            Data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = seed, CompanyCount = 5, RepCount = 30, InteractionCount = 500, ProposalCount = 50 });
            Connector.UpsertKarteAsync(new KarteRecordBatch { Companies = Data.Companies, Reps = Data.Reps, Proposals = Data.Proposals, Interactions = Data.Interactions })
                .GetAwaiter().GetResult().Should().OnlyContain(r => r.Succeeded);
        }

        public SqliteKarteConnector Connector { get; }

        public SqliteSyncStateStore State { get; private set; }

        public CountingConnector Counting { get; }

        public KarteDataSet Data { get; }

        public void Dispose()
        {
        }

        public EnrichmentSync Sync(EnrichmentSyncOptions? options = null, TimeProvider? clock = null) =>
            new(Counting, State, ownCalculator ? new OwnCalculator(Calculator()) : Calculator(), options ?? new EnrichmentSyncOptions { CompaniesPerRead = 2 }, clock);

        public void DeleteStateStore()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(stateStore.Path + suffix);
            }

            State = new SqliteSyncStateStore(stateStore.Options);
        }

        /// <summary>Runs the night and checks every stored value against a full recomputation from the store's current karte.</summary>
        public async Task<SyncReport> RunAndCheckAsync(DateTimeOffset asOf, string what)
        {
            Counting.Reset();
            var report = await Sync().RunAsync(new SyncRunOptions { AsOf = asOf });
            report.Outcome.Should().Be(SyncOutcome.Succeeded, what);
            var karte = await FullKarteAsync();
            var expected = Calculator().Calculate(karte, asOf);
            expected.Should().HaveCount(karte.Reps.Count + karte.Companies.Count);
            foreach (var record in expected)
            {
                var stored = await Connector.ReadEnrichmentAsync(record.Key);
                stored.Should().NotBeNull(what);
                stored!.ContentHash.Should().Be(record.ContentHash, $"{what}: {record.Key} equals a full recomputation as of {asOf:O}");
            }

            return report;
        }

        public async Task<Dictionary<EnrichmentKey, string>> CrmValuesAsync()
        {
            var result = new Dictionary<EnrichmentKey, string>();
            var karte = await FullKarteAsync();
            foreach (var key in karte.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)).Concat(karte.Companies.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value))))
            {
                result[key] = (await Connector.ReadEnrichmentAsync(key))!.ContentHash;
            }

            return result;
        }

        /// <summary>New interactions during the night (some by reps never seen active), and edits of existing ones (a reaction, a done action).</summary>
        public async Task ActAsync(Night night, DateTimeOffset from, DateTimeOffset to, Random rnd)
        {
            var karte = await FullKarteAsync();
            var changes = new List<Interaction>();
            var span = Math.Max(1, (to - from).TotalMinutes);
            for (var i = 0; i < night.Added; i++)
            {
                var rep = karte.Reps[rnd.Next(karte.Reps.Count)];
                var at = from.AddMinutes(rnd.NextDouble() * span);
                changes.Add(new Interaction
                {
                    Id = new InteractionId($"N-{to:yyyyMMddHH}-{i}-{rnd.Next(1_000_000)}"),
                    RepId = rep.Id,
                    OccurredAt = at,
                    Channel = (InteractionChannel)rnd.Next(8),
                    Initiator = (Initiator)rnd.Next(2),
                    Purpose = (InteractionPurpose)rnd.Next(6),
                    Reaction = (Reaction)rnd.Next(4),
                    ResponseLatency = rnd.Next(2) == 0 ? TimeSpan.FromHours(rnd.Next(1, 96)) : null,
                    NextAction = rnd.Next(3) == 0 ? new NextAction("見積書を送付", at.AddDays(rnd.Next(1, 20))) : null,
                    Statements = "来週の打合せで詳細をご説明します。",
                });
            }

            for (var i = 0; i < night.Edited && karte.Interactions.Count > 0; i++)
            {
                var target = karte.Interactions[rnd.Next(karte.Interactions.Count)];
                changes.Add(target with
                {
                    Reaction = (Reaction)rnd.Next(4),
                    NextAction = target.NextAction is { } a && a.DoneAt is null && to > target.OccurredAt ? a with { DoneAt = target.OccurredAt.AddHours(1) } : target.NextAction,
                });
            }

            if (changes.Count > 0)
            {
                (await Connector.UpsertKarteAsync(new KarteRecordBatch { Interactions = changes })).Should().OnlyContain(r => r.Succeeded);
            }
        }

        private async Task<KarteRecordBatch> FullKarteAsync()
        {
            var companies = Data.Companies.Select(c => c.Id).ToList();
            var all = new List<KarteRecordBatch>();
            await foreach (var b in Connector.ReadKarteAsync(new KarteSelection { CompanyIds = companies }))
            {
                all.Add(b);
            }

            return new KarteRecordBatch
            {
                Companies = [.. all.SelectMany(b => b.Companies).DistinctBy(c => c.Id)],
                Reps = [.. all.SelectMany(b => b.Reps).DistinctBy(r => r.Id)],
                Proposals = [.. all.SelectMany(b => b.Proposals).DistinctBy(p => p.Id)],
                Interactions = [.. all.SelectMany(b => b.Interactions).DistinctBy(i => i.Id)],
            };
        }

        private static KarteEnrichmentCalculator Calculator() => new(new TrustScorer(), new PartnerKpiCalculator());
    }

    /// <summary>A calculator of the application's own: the sync knows nothing of its inputs and mirrors whole records.</summary>
    private sealed class OwnCalculator(IEnrichmentCalculator inner) : IEnrichmentCalculator
    {
        public IReadOnlyList<EnrichmentRecord> Calculate(KarteRecordBatch karte, DateTimeOffset asOf) => inner.Calculate(karte, asOf);
    }

    /// <summary>The SQLite connector counting karte reads; writes can be held at a gate.</summary>
    private sealed class CountingConnector(SqliteKarteConnector inner) : KarteConnector
    {
        private int karteReads;
        private int companyReads;

        public int KarteReads => Volatile.Read(ref karteReads);

        public int CompanyReads => Volatile.Read(ref companyReads);

        public Func<Task>? BeforeWrite { get; set; }

        public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override string Name => inner.Name;

        public override string StateKey => inner.StateKey;

        public override ConnectorCapabilities Capabilities => inner.Capabilities;

        public void Reset()
        {
            Volatile.Write(ref karteReads, 0);
            Volatile.Write(ref companyReads, 0);
        }

        public override IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, CancellationToken cancellationToken = default) =>
            inner.ReadChangesAsync(watermark, cancellationToken);

        public override IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, CancellationToken cancellationToken = default) =>
            inner.ReadChangeSummaryAsync(watermark, cancellationToken);

        public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref karteReads, selection.CompanyIds.Count + selection.RepIds.Count);
            Interlocked.Add(ref companyReads, selection.CompanyIds.Count);
            await foreach (var batch in inner.ReadKarteAsync(selection, cancellationToken))
            {
                yield return batch;
            }
        }

        public override async Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default)
        {
            WriteStarted.TrySetResult();
            if (BeforeWrite is { } gate)
            {
                await gate();
            }

            return await inner.WriteEnrichmentAsync(records, cancellationToken);
        }
    }
}
