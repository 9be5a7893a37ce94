using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>Several app instances and workers on one store: no lost update, an exact change feed, and a lease that lapses when its holder crashes.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ConcurrencyTests(PostgreSqlTestServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_writers_and_an_enrichment_writer_lose_nothing_and_a_concurrent_change_reader_misses_nothing()
    {
        var options = server.NewOptions();
        options.PageSize = 50;
        // Two app instances: each its own data source (its own connection pool), as two processes would have.
        using var sourceA = NpgsqlDataSource.Create(server.ConnectionString);
        using var sourceB = NpgsqlDataSource.Create(server.ConnectionString);
        var a = new PostgreSqlKarteConnector(sourceA, options);
        var b = new PostgreSqlKarteConnector(sourceB, options);
        await a.UpsertKarteAsync(new KarteRecordBatch { Companies = [Company("CA"), Company("CB")] });

        var seen = new HashSet<string>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            string? watermark = null;
            while (true)
            {
                var last = done.IsCancellationRequested;
                await foreach (var page in b.ReadChangesAsync(watermark))
                {
                    seen.UnionWith(page.Reps.Select(r => r.Id.Value));
                    seen.UnionWith(page.Interactions.Select(i => i.Id.Value));
                    watermark = page.NextWatermark;
                }

                if (last)
                {
                    return;
                }
            }
        });

        // Writer A and writer B upsert reps and interactions of their own in small transactions, and both rewrite the shared
        // rep R-SHARED's karte while a sync writes its enrichment: every write must survive.
        var writerA = Task.Run(() => WriteAsync(a, "A", "CA"));
        var writerB = Task.Run(() => WriteAsync(b, "B", "CB"));
        var enrich = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await b.WriteEnrichmentAsync([new EnrichmentRecord { Target = EnrichmentTarget.Rep, Id = "R-SHARED", TrustScore = i, TrustRank = TrustRank.B }]);
            }
        });
        await Task.WhenAll(writerA, writerB, enrich);
        await done.CancelAsync();
        await reader;

        var expected = new[] { "A", "B" }.SelectMany(w => Enumerable.Range(0, 60).SelectMany(i => new[] { $"R-{w}-{i}", $"I-{w}-{i}" })).Append("R-SHARED").ToList();
        seen.Should().Contain(expected, "a change reader running beside the writers sees every committed record");
        var all = await ReadAllAsync(a);
        all.Reps.Select(r => r.Id.Value).Should().Contain(expected.Where(id => id.StartsWith("R-", StringComparison.Ordinal)));
        all.Interactions.Should().HaveCount(120);
        var shared = all.Reps.Single(r => r.Id.Value == "R-SHARED");
        shared.Title.Should().BeOneOf("A-59", "B-59", "the last karte write wins, whole");
        (await a.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, "R-SHARED")))!.TrustScore.Should().Be(59, "karte writes keep the enrichment written meanwhile");
    }

    [Fact]
    public async Task Only_one_of_many_concurrent_workers_gets_the_lease()
    {
        var store = new PostgreSqlSyncStateStore(server.DataSource, server.NewOptions());
        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.AcquireLeaseAsync("k", $"worker-{i}", T0, TimeSpan.FromMinutes(5)))));

        leases.Select(l => l.Owner).Distinct().Should().ContainSingle("every worker sees the one holder");
    }

    [Fact]
    public async Task A_lease_is_renewed_by_its_holder_refused_to_others_and_taken_over_after_it_lapses()
    {
        var options = server.NewOptions();
        var store = new PostgreSqlSyncStateStore(server.DataSource, options);
        var duration = TimeSpan.FromMinutes(5);

        (await store.AcquireLeaseAsync("k", "w1", T0, duration)).Should().Be(new SyncLease("w1", T0 + duration));
        (await store.AcquireLeaseAsync("k", "w1", T0.AddMinutes(2), duration)).ExpiresAt.Should().Be(T0.AddMinutes(7), "the holder renews");
        (await store.AcquireLeaseAsync("k", "w2", T0.AddMinutes(6), duration)).Should().Be(new SyncLease("w1", T0.AddMinutes(7)), "an unexpired lease is refused");
        (await store.AcquireLeaseAsync("other", "w2", T0.AddMinutes(6), duration)).Owner.Should().Be("w2", "leases are per state key");

        // w1 crashes: it never renews nor releases. Its lease lapses at its expiry and w2 takes over; w1 cannot renew it back.
        (await store.AcquireLeaseAsync("k", "w2", T0.AddMinutes(7), duration)).Owner.Should().Be("w2");
        (await store.AcquireLeaseAsync("k", "w1", T0.AddMinutes(8), duration)).Owner.Should().Be("w2");
        await store.ReleaseLeaseAsync("k", "w1");
        (await store.AcquireLeaseAsync("k", "w3", T0.AddMinutes(9), duration)).Owner.Should().Be("w2", "only the holder releases");
        await store.ReleaseLeaseAsync("k", "w2");
        (await store.AcquireLeaseAsync("k", "w3", T0.AddMinutes(9), duration)).Owner.Should().Be("w3");
    }

    [Fact]
    public async Task A_sync_worker_that_crashed_holding_the_lease_blocks_the_night_until_the_lease_lapses_then_another_worker_runs_it()
    {
        var options = server.NewOptions();
        options.PageSize = 500;
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 5, CompanyCount = 4, RepCount = 20, InteractionCount = 200, ProposalCount = 20 });
        var connector = new PostgreSqlKarteConnector(server.DataSource, options);
        await connector.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });

        // A worker on another machine took the lease and died (its process is gone, its connection closed): nothing releases it.
        using (var crashedWorker = NpgsqlDataSource.Create(server.ConnectionString))
        {
            var crashed = new PostgreSqlSyncStateStore(crashedWorker, options);
            (await crashed.AcquireLeaseAsync(connector.StateKey, "run-1 other-host 4242", T0, TimeSpan.FromMinutes(30))).Owner.Should().Be("run-1 other-host 4242");
        }

        var clock = new FakeTimeProvider(T0.AddMinutes(10));
        var sync = new EnrichmentSync(connector, connector.CreateSyncStateStore(), new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), new EnrichmentSyncOptions { LeaseDuration = TimeSpan.FromMinutes(30) }, clock);

        var refused = () => sync.RunAsync(new SyncRunOptions { AsOf = T0 });
        await refused.Should().ThrowAsync<SyncAlreadyRunningException>();
        (await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, data.Reps[0].Id.Value))).Should().BeNull("nothing was written while the lease was held");

        clock.SetUtcNow(T0.AddMinutes(31));
        var report = await sync.RunAsync(new SyncRunOptions { AsOf = T0 });

        report.Outcome.Should().Be(SyncOutcome.Succeeded);
        report.Written.Should().Be(data.Reps.Count + data.Companies.Count);
        var lease = await connector.CreateSyncStateStore().AcquireLeaseAsync(connector.StateKey, "next", T0.AddMinutes(32), TimeSpan.FromMinutes(1));
        lease.Owner.Should().Be("next", "the run released its lease");
    }

    private static async Task WriteAsync(PostgreSqlKarteConnector connector, string writer, string company)
    {
        for (var i = 0; i < 60; i++)
        {
            var rep = Rep($"R-{writer}-{i}", company);
            var interaction = new Interaction { Id = new InteractionId($"I-{writer}-{i}"), RepId = rep.Id, OccurredAt = T0.AddMinutes(i), Statements = "ご提案に前向き" };
            var shared = Rep("R-SHARED", company) with { Title = $"{writer}-{i}" };
            var results = await connector.UpsertKarteAsync(new KarteRecordBatch { Reps = [rep, shared], Interactions = [interaction] });
            results.Should().OnlyContain(r => r.Succeeded);
        }
    }

    private static PartnerCompany Company(string id) => new() { Id = new CompanyId(id), Name = "会社" + id };

    private static PartnerRep Rep(string id, string company) => new() { Id = new RepId(id), CompanyId = new CompanyId(company), Name = new PersonName("山田", "太郎", null, null) };

    private static async Task<KarteRecordBatch> ReadAllAsync(KarteConnector connector)
    {
        var reps = new Dictionary<string, PartnerRep>();
        var interactions = new Dictionary<string, Interaction>();
        await foreach (var page in connector.ReadChangesAsync(null))
        {
            foreach (var r in page.Reps)
            {
                reps[r.Id.Value] = r;
            }

            foreach (var i in page.Interactions)
            {
                interactions[i.Id.Value] = i;
            }
        }

        return new KarteRecordBatch { Reps = [.. reps.Values], Interactions = [.. interactions.Values] };
    }
}
