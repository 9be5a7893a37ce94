using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Migration;
using PartnerKarte.SampleData;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- migrate [--records 100000]</c>: migrates a SQLite
/// karte of N records (1% companies, 9% reps, 20% proposals, 70% interactions) into the Dataverse emulator with
/// <see cref="KarteMigration"/>, and prints wall time, the write calls the emulator received and the minimum
/// (N / the connector's batch size, rounded up). A command: one run takes tens of seconds.
/// </summary>
public static class MigrateBenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = 100_000;
        var at = Array.IndexOf(args, "--records");
        if (at >= 0 && at + 1 < args.Length)
        {
            records = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        }

        var dir = Path.Combine(Path.GetTempPath(), "pk-migrate-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var data = SampleKarteGenerator.Generate(new SampleKarteOptions
            {
                CompanyCount = records / 100, RepCount = records * 9 / 100, ProposalCount = records / 5,
                InteractionCount = records - (records / 100) - (records * 9 / 100) - (records / 5),
            });
            var source = new SqliteKarteConnector(new SqliteStoreOptions { Path = Path.Combine(dir, "source.db") });
            await KarteMigration.WriteAsync(source, data);
            var total = data.Companies.Count + data.Reps.Count + data.Proposals.Count + data.Interactions.Count;

            await using var emulator = await DataverseEmulator.StartAsync();
            using var dataverse = new DataverseConnector(new DataverseOptions
            {
                EnvironmentUrl = emulator.BaseUri,
                AuthorityHost = emulator.BaseUri,
                TenantId = emulator.Options.TenantId,
                ClientId = emulator.Options.ClientId,
                ClientSecret = emulator.Options.ClientSecret,
            });
            await dataverse.ProvisionAsync();
            foreach (var member in data.TeamMembers)
            {
                emulator.Seed("systemuser", new JsonObject { ["domainname"] = member.Id.Value, ["lastname"] = "担当", ["firstname"] = member.Id.Value });
            }

            emulator.ResetLog();
            var state = new SqliteKarteConnector(new SqliteStoreOptions { Path = Path.Combine(dir, "state.db") }).CreateSyncStateStore();
            var clock = Stopwatch.StartNew();
            var report = await new KarteMigration(source, dataverse, state).RunAsync();
            var elapsed = clock.Elapsed;
            var minimum = (total + dataverse.Capabilities.MaxBatchSize - 1) / dataverse.Capabilities.MaxBatchSize;
            var rows = new[] { "account", "contact", "opportunity", "phonecall", "email", "task", "appointment" }.Sum(t => emulator.Rows(t).Count);
            Console.WriteLine(
                $"migrate sqlite → dataverse emulator: {total:N0} records ({data.Companies.Count:N0} companies, {data.Reps.Count:N0} reps, " +
                $"{data.Proposals.Count:N0} proposals, {data.Interactions.Count:N0} interactions)");
            Console.WriteLine(
                $"  wall time {elapsed.TotalSeconds:F1} s; outcome {report.Outcome}; written {report.Write.Written:N0}, failed {report.Write.Failures.Count:N0}; " +
                $"rows in the emulator {rows:N0}");
            Console.WriteLine(
                $"  write calls: {emulator.WriteCallCount:N0} received by the emulator ({emulator.BatchCallCount:N0} $batch), " +
                $"{report.Write.WriteCalls:N0} upsert calls by the migration; minimum ⌈{total:N0} / {dataverse.Capabilities.MaxBatchSize:N0}⌉ = {minimum:N0}; " +
                $"all API calls {emulator.ApiCallCount:N0}");
            return report.Write.Failures.Count == 0 && emulator.WriteCallCount == minimum ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
