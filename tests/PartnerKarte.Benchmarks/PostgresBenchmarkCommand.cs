using System.Diagnostics;
using Npgsql;
using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Connectors.PostgreSql.Tests;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

using static PartnerKarte.Benchmarks.BenchmarkCommandLine;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// The store benchmark: <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- postgres [--reps N] [--interactions N]
/// [--new N] [--workers N] [--connection-string CS]</c>. Loads the same generated karte into a SQLite file and a PostgreSQL
/// schema and runs the same nights on both, in this process: the load, the first (full) sync, a night with <c>--new</c>
/// new interactions, and a night without change. Then two copies of the loaded PostgreSQL schema (copied on the server)
/// each run one full night split into <c>--workers</c> shares by partner company: once by one worker, once by
/// <c>--workers</c> workers at the same time. Without <c>--connection-string</c> a throw-away server is started (as the tests do).
/// </summary>
internal static class PostgresBenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reps = Option(args, "--reps", 100_000);
        var interactions = Option(args, "--interactions", 2_000_000L);
        var newInteractions = Option(args, "--new", 10_000);
        var workers = Option(args, "--workers", 2);
        var connectionString = TextOption(args, "--connection-string");
        using var server = connectionString is null ? new PostgreSqlTestServer() : null;
        using var dataSource = NpgsqlDataSource.Create(connectionString ?? server!.ConnectionString);
        var dir = Directory.CreateTempSubdirectory("pk-store-bench-").FullName;
        var sample = new SampleKarteOptions
        {
            RepCount = reps,
            CompanyCount = Math.Max(50, reps / 50),
            InteractionCount = interactions,
            ProposalCount = Math.Max(3_000, reps),
        };
        try
        {
            Console.WriteLine($"Store benchmark: {sample.CompanyCount:N0} companies, {reps:N0} reps, {sample.ProposalCount:N0} proposals, {interactions:N0} interactions; {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"step",-34} {"SQLite s",9} {"PostgreSQL s",13}  PostgreSQL result");
            var sqlite = new SqliteKarteConnector(new SqliteStoreOptions { Path = Path.Combine(dir, "bench.db"), WriteBatchSize = 5_000, PageSize = 10_000 });
            var schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
            var postgres = new PostgreSqlKarteConnector(dataSource, new PostgreSqlStoreOptions { Schema = schema, WriteBatchSize = 5_000, PageSize = 10_000 });

            await Row("load", () => LoadAsync(sqlite, sample), () => LoadAsync(postgres, sample));

            // Copies of the loaded schema for the shared night, before any sync ran on it.
            var copies = new List<PostgreSqlKarteConnector>();
            foreach (var copy in new[] { schema + "_one", schema + "_many" })
            {
                await CopySchemaAsync(dataSource, schema, copy);
                copies.Add(new PostgreSqlKarteConnector(dataSource, new PostgreSqlStoreOptions { Schema = copy, WriteBatchSize = 5_000, PageSize = 10_000 }));
            }

            await Row("full sync", () => SyncAsync(sqlite, sample.AsOf), () => SyncAsync(postgres, sample.AsOf));
            var added = NewInteractions(sample, newInteractions);
            await sqlite.UpsertKarteAsync(new KarteRecordBatch { Interactions = added });
            await postgres.UpsertKarteAsync(new KarteRecordBatch { Interactions = added });
            await Row($"night, {newInteractions:N0} new interactions", () => SyncAsync(sqlite, sample.AsOf.AddDays(1)), () => SyncAsync(postgres, sample.AsOf.AddDays(1)));
            await Row("night without change", () => SyncAsync(sqlite, sample.AsOf.AddDays(1)), () => SyncAsync(postgres, sample.AsOf.AddDays(1)));

            Console.WriteLine();
            Console.WriteLine($"Full night on PostgreSQL split into {workers} shares by partner company:");
            foreach (var (store, count) in new[] { (copies[0], 1), (copies[1], workers) })
            {
                var watch = Stopwatch.StartNew();
                var reports = await Task.WhenAll(Enumerable.Range(0, count).Select(w => Task.Run(() =>
                    new PartitionedNight(store, store.CreateSyncStateStore(), c => new EnrichmentSync(c, store.CreateSyncStateStore(), Calculator()), workers)
                        .RunAsync(new SyncRunOptions { AsOf = sample.AsOf }, w))));
                watch.Stop();
                var all = reports.SelectMany(r => r).ToList();
                Console.WriteLine($"{(count == 1 ? "1 worker" : $"{count} workers"),-34} {"",9} {watch.Elapsed.TotalSeconds,13:F1}  {all.Count} shares, written {all.Sum(r => r.Written):N0}, outcomes {string.Join(",", all.Select(r => r.Outcome).Distinct())}");
            }

            foreach (var s in new[] { schema, schema + "_one", schema + "_many" })
            {
                await using var drop = dataSource.CreateCommand($"DROP SCHEMA {s} CASCADE");
                await drop.ExecuteNonQueryAsync();
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task Row(string step, Func<Task<string>> sqlite, Func<Task<string>> postgres)
    {
        var watch = Stopwatch.StartNew();
        await sqlite();
        var sqliteSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var result = await postgres();
        Console.WriteLine($"{step,-34} {sqliteSeconds,9:F1} {watch.Elapsed.TotalSeconds,13:F1}  {result}");
    }

    private static async Task<string> LoadAsync(KarteConnector connector, SampleKarteOptions sample)
    {
        var generator = new SampleKarteGenerator(sample);
        await connector.UpsertKarteAsync(new KarteRecordBatch { Companies = [.. generator.GenerateCompanies()] });
        foreach (var chunk in generator.GenerateReps().Chunk(50_000))
        {
            await connector.UpsertKarteAsync(new KarteRecordBatch { Reps = chunk });
        }

        foreach (var chunk in generator.GenerateProposals().Chunk(100_000))
        {
            await connector.UpsertKarteAsync(new KarteRecordBatch { Proposals = chunk });
        }

        foreach (var chunk in generator.GenerateInteractions().Chunk(250_000))
        {
            await connector.UpsertKarteAsync(new KarteRecordBatch { Interactions = chunk });
        }

        return "loaded";
    }

    private static async Task<string> SyncAsync(KarteConnector connector, DateTimeOffset asOf)
    {
        var state = connector is SqliteKarteConnector s ? (ISyncStateStore)s.CreateSyncStateStore() : ((PostgreSqlKarteConnector)connector).CreateSyncStateStore();
        var report = await new EnrichmentSync(connector, state, Calculator()).RunAsync(new SyncRunOptions { AsOf = asOf });
        return $"{report.Outcome}: read {report.Read:N0}, computed {report.Computed:N0}, written {report.Written:N0}";
    }

    private static List<Karte.Interaction> NewInteractions(SampleKarteOptions sample, int count)
    {
        var rnd = new Random(7);
        var generator = new SampleKarteGenerator(sample);
        return [.. Enumerable.Range(0, count).Select(i => new Karte.Interaction
        {
            Id = new Karte.InteractionId($"NEW-{i:D6}"),
            RepId = generator.RepIdAt(rnd.Next(sample.RepCount)),
            OccurredAt = sample.AsOf.AddMinutes(rnd.Next(24 * 60)),
            Channel = (Karte.InteractionChannel)rnd.Next(8),
            Initiator = (Karte.Initiator)rnd.Next(2),
            Reaction = (Karte.Reaction)rnd.Next(4),
        })];
    }

    /// <summary>Copies every table of a schema on the server (the benchmark's identical starting points).</summary>
    private static async Task CopySchemaAsync(NpgsqlDataSource dataSource, string from, string to)
    {
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand($"SELECT tablename FROM pg_tables WHERE schemaname = '{from}'"))
        await using (var r = await list.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        await using var cmd = dataSource.CreateCommand($"CREATE SCHEMA {to}; " + string.Concat(tables.Select(t => $"CREATE TABLE {to}.{t} (LIKE {from}.{t} INCLUDING ALL); INSERT INTO {to}.{t} SELECT * FROM {from}.{t}; ")));
        cmd.CommandTimeout = 3600;
        await cmd.ExecuteNonQueryAsync();
    }

    private static KarteEnrichmentCalculator Calculator() => new(new TrustScorer(), new PartnerKpiCalculator());
}
