using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>
/// A night split by partner company across workers sharing one PostgreSQL store gives what one worker gives; and the
/// PostgreSQL store gives what the SQLite store gives for the same kartes.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PartitionedNightTests(PostgreSqlTestServer server) : IDisposable
{
    private static readonly DateTimeOffset Night1 = SampleKarteOptions.DefaultAsOf;
    private readonly string sqliteDir = Directory.CreateTempSubdirectory("pk-pg-sqlite-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(sqliteDir, recursive: true);
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 8)]
    public async Task Nights_split_across_workers_equal_a_single_workers_nights(int workers, int partitions)
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 11, CompanyCount = 12, RepCount = 60, InteractionCount = 900, ProposalCount = 80 });
        var single = await StoreWithAsync(data);
        var shared = await StoreWithAsync(data);

        // Night 1 (a full run), then night 2 after new interactions, an edited company and a deleted rep.
        await RunSingleAsync(single, Night1);
        var reports = await RunWorkersAsync(shared, workers, partitions, Night1);
        reports.Select(r => r.StateKey).Should().OnlyHaveUniqueItems("each share is synced once a night").And.HaveCount(partitions);
        reports.Should().OnlyContain(r => r.Outcome == SyncOutcome.Succeeded);
        (await EnrichmentAsync(shared, data)).Should().Equal(await EnrichmentAsync(single, data));

        var night2 = Night1.AddDays(3);
        foreach (var store in new[] { single, shared })
        {
            await store.UpsertKarteAsync(new KarteRecordBatch
            {
                Companies = [data.Companies[0] with { Name = data.Companies[0].Name + "（改称）" }],
                Interactions = [.. data.Reps.Take(15).Select((r, i) => new Interaction { Id = new InteractionId($"N2-{i}"), RepId = r.Id, OccurredAt = night2.AddHours(-i), Reaction = Reaction.Positive })],
            });
            await store.DeleteKarteAsync([new DeletedRecord(KarteRecordKind.Rep, data.Reps[^1].Id.Value)]);
        }

        var singleNight2 = await RunSingleAsync(single, night2);
        var sharedNight2 = await RunWorkersAsync(shared, workers, partitions, night2);
        sharedNight2.Sum(r => r.Written).Should().Be(singleNight2.Written, "the shares write what one run writes");
        sharedNight2.Should().OnlyContain(r => r.Incremental);
        (await EnrichmentAsync(shared, data)).Should().Equal(await EnrichmentAsync(single, data));
        (await EnrichmentAsync(shared, data)).Should().NotContainKey(new EnrichmentKey(EnrichmentTarget.Rep, data.Reps[^1].Id.Value));
    }

    [Fact]
    public async Task A_share_synced_by_one_worker_is_not_synced_again_by_a_later_worker_the_same_night()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 3, CompanyCount = 6, RepCount = 20, InteractionCount = 200, ProposalCount = 20 });
        var store = await StoreWithAsync(data);
        var night = new PartitionedNight(store, store.CreateSyncStateStore(), SyncFor(store), 3);

        (await night.RunAsync(new SyncRunOptions { AsOf = Night1 }, worker: 0)).Should().HaveCount(3);
        (await night.RunAsync(new SyncRunOptions { AsOf = Night1 }, worker: 1)).Should().BeEmpty();
        (await night.RunAsync(new SyncRunOptions { AsOf = Night1.AddDays(1) }, worker: 1)).Should().HaveCount(3, "the next night is a new one");
    }

    [Fact]
    public async Task The_postgresql_store_gives_the_sqlite_stores_enrichment_night_after_night()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 21, CompanyCount = 6, RepCount = 40, InteractionCount = 600, ProposalCount = 50 });
        var postgres = await StoreWithAsync(data);
        var sqlite = new SqliteKarteConnector(new SqliteStoreOptions { Path = Path.Combine(sqliteDir, "store.db") });
        await sqlite.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });

        foreach (var asOf in new[] { Night1, Night1.AddDays(1), Night1.AddDays(40) })
        {
            var extra = new Interaction { Id = new InteractionId($"X-{asOf:yyyyMMdd}"), RepId = data.Reps[3].Id, OccurredAt = asOf.AddHours(-2), Reaction = Reaction.Negative };
            await postgres.UpsertKarteAsync(new KarteRecordBatch { Interactions = [extra] });
            await sqlite.UpsertKarteAsync(new KarteRecordBatch { Interactions = [extra] });
            var p = await SyncFor(postgres)(postgres).RunAsync(new SyncRunOptions { AsOf = asOf });
            var s = await new EnrichmentSync(sqlite, sqlite.CreateSyncStateStore(), Calculator()).RunAsync(new SyncRunOptions { AsOf = asOf });

            p.Outcome.Should().Be(SyncOutcome.Succeeded);
            p.Written.Should().Be(s.Written);
            var keys = data.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)).Concat(data.Companies.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value))).ToList();
            var fromSqlite = (await sqlite.ReadEnrichmentAsync(keys)).ToDictionary(kv => kv.Key, kv => kv.Value.ContentHash);
            (await EnrichmentAsync(postgres, data)).Should().Equal(fromSqlite);
        }

        var history = await postgres.CreateSyncStateStore().GetRunHistoryAsync(postgres.StateKey);
        history.Should().HaveCount(3);
        history[0].AsOf.Should().Be(Night1.AddDays(40));
    }

    private async Task<PostgreSqlKarteConnector> StoreWithAsync(KarteDataSet data)
    {
        var options = server.NewOptions();
        options.PageSize = 1000;
        var store = new PostgreSqlKarteConnector(server.DataSource, options);
        (await store.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions }))
            .Should().OnlyContain(r => r.Succeeded);
        return store;
    }

    private static async Task<SyncReport> RunSingleAsync(PostgreSqlKarteConnector store, DateTimeOffset asOf)
    {
        var report = await SyncFor(store)(store).RunAsync(new SyncRunOptions { AsOf = asOf });
        report.Outcome.Should().Be(SyncOutcome.Succeeded);
        return report;
    }

    private static async Task<IReadOnlyList<SyncReport>> RunWorkersAsync(PostgreSqlKarteConnector store, int workers, int partitions, DateTimeOffset asOf)
    {
        // Each worker has connector and state store objects of its own on the shared schema, as separate processes would.
        var runs = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() =>
        {
            var night = new PartitionedNight(store, store.CreateSyncStateStore(), SyncFor(store), partitions);
            return night.RunAsync(new SyncRunOptions { AsOf = asOf }, w);
        })));
        return [.. runs.SelectMany(r => r)];
    }

    /// <summary>The sync of the store or of one share of it, over the store's own state.</summary>
    private static Func<KarteConnector, EnrichmentSync> SyncFor(PostgreSqlKarteConnector store) =>
        connector => new EnrichmentSync(connector, store.CreateSyncStateStore(), Calculator(), new EnrichmentSyncOptions { CompaniesPerRead = 2 });

    private static KarteEnrichmentCalculator Calculator() => new(new TrustScorer(), new PartnerKpiCalculator());

    private static async Task<Dictionary<EnrichmentKey, string>> EnrichmentAsync(PostgreSqlKarteConnector store, KarteDataSet data)
    {
        var keys = data.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)).Concat(data.Companies.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value))).ToList();
        return (await store.ReadEnrichmentAsync(keys)).ToDictionary(kv => kv.Key, kv => kv.Value.ContentHash);
    }
}
