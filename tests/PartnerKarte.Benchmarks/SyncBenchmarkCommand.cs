using System.Diagnostics;
using System.Globalization;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

using static PartnerKarte.Benchmarks.BenchmarkCommandLine;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// The sync benchmark command: <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- sync [--reps N] [--interactions N]</c>.
/// Loads a generated karte into a fresh SQLite store, then runs the nights: the first (full) sync, a night with
/// 10,000 new interactions (1% of them by default: <c>--new N</c>), the same night again, and a night 30 days later without
/// activity, each in its own child process so that wall time and peak RSS (VmHWM from /proc/self/status) belong to that step alone. The children run
/// with server GC, as the console does (<c>--gc workstation</c> for the default GC). <c>--keep-loaded PATH</c> keeps a copy of
/// the loaded store and <c>--from PATH</c> starts from such a copy instead of loading, to iterate on the sync quickly; <c>--keep-synced PATH</c> and
/// <c>--from-synced PATH</c> do the same after the first (full) sync.
/// </summary>
internal static class SyncBenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "child")
        {
            return await ChildAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), long.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture));
        }

        var reps = Option(args, "--reps", 100_000);
        var interactions = Option(args, "--interactions", 2_000_000L);
        var newInteractions = Option(args, "--new", 10_000);
        var keep = TextOption(args, "--keep-loaded");
        var from = TextOption(args, "--from");
        var keepSynced = TextOption(args, "--keep-synced");
        var fromSynced = TextOption(args, "--from-synced");
        var workstationGc = TextOption(args, "--gc") == "workstation";
        var dir = Directory.CreateTempSubdirectory("pk-sync-bench-").FullName;
        var db = Path.Combine(dir, "bench.db");
        try
        {
            Console.WriteLine($"Sync benchmark: {reps:N0} reps, {interactions:N0} interactions, {(workstationGc ? "workstation" : "server")} GC, store {db}");
            Console.WriteLine($"{"step",-22} {"wall s",8} {"peak RSS MB",12}  result");
            if ((fromSynced ?? from) is { } start)
            {
                // Iterating on the sync: start from a store loaded (--keep-loaded) or loaded and synced once (--keep-synced)
                // by an earlier run instead of loading again.
                CopyStore(start, db);
            }

            // The day's new activity is stored by its own step: the night's process measures the sync alone, as a scheduled
            // sync runs apart from whatever recorded the day's activity.
            string[] nights = ["full-sync", "new-activity", "night-new-activity", "same-night-again", "quiet-night-30-days-later"];
            string[] steps = fromSynced is not null ? nights[1..] : from is not null ? nights : ["load", .. nights];
            foreach (var step in steps)
            {
                var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
                // The console runs its batch jobs with server GC; the steps run the same way unless --gc workstation is given.
                psi.Environment["DOTNET_gcServer"] = workstationGc ? "0" : "1";
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
                {
                    // Started as `dotnet PartnerKarte.Benchmarks.dll`: the child needs the dll too.
                    psi.ArgumentList.Add(typeof(SyncBenchmarkCommand).Assembly.Location);
                }

                foreach (var a in new[] { "sync", "child", step, db, reps.ToString(CultureInfo.InvariantCulture), interactions.ToString(CultureInfo.InvariantCulture), newInteractions.ToString(CultureInfo.InvariantCulture) })
                {
                    psi.ArgumentList.Add(a);
                }

                using var child = Process.Start(psi)!;
                var output = await child.StandardOutput.ReadToEndAsync();
                await child.WaitForExitAsync();
                Console.Write(output);
                if (child.ExitCode != 0)
                {
                    return child.ExitCode;
                }

                if (step == "load" && keep is not null)
                {
                    CopyStore(db, keep);
                }

                if (step == "full-sync" && keepSynced is not null)
                {
                    CopyStore(db, keepSynced);
                }
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> ChildAsync(string step, string db, int reps, long interactions, int newInteractions)
    {
        var sample = new SampleKarteOptions
        {
            RepCount = reps,
            CompanyCount = Math.Max(50, reps / 50),
            InteractionCount = interactions,
            ProposalCount = Math.Max(3_000, reps),
        };
        var options = new SqliteStoreOptions { Path = db, WriteBatchSize = 5_000, PageSize = 10_000 };
        var watch = Stopwatch.StartNew();
        string result;
        var connector = new SqliteKarteConnector(options);
        if (step == "load")
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

            result = $"{sample.CompanyCount:N0} companies, {reps:N0} reps, {sample.ProposalCount:N0} proposals, {interactions:N0} interactions";
        }
        else if (step == "new-activity")
        {
            // A day of activity: new interactions spread over the reps, during the day before the night's instant.
            var rnd = new Random(7);
            var generator = new SampleKarteGenerator(sample);
            var added = Enumerable.Range(0, newInteractions).Select(i => new Karte.Interaction
            {
                Id = new Karte.InteractionId($"NEW-{i:D6}"),
                RepId = generator.RepIdAt(rnd.Next(reps)),
                OccurredAt = sample.AsOf.AddMinutes(rnd.Next(24 * 60)),
                Channel = (Karte.InteractionChannel)rnd.Next(8),
                Initiator = (Karte.Initiator)rnd.Next(2),
                Reaction = (Karte.Reaction)rnd.Next(4),
                ResponseLatency = rnd.Next(2) == 0 ? TimeSpan.FromHours(rnd.Next(1, 48)) : null,
            }).ToList();
            await connector.UpsertKarteAsync(new KarteRecordBatch { Interactions = added });
            result = $"{newInteractions:N0} new interactions stored";
        }
        else
        {
            var asOf = step switch
            {
                "full-sync" => sample.AsOf,
                "quiet-night-30-days-later" => sample.AsOf.AddDays(31),
                _ => sample.AsOf.AddDays(1),
            };
            var timers = new SyncPhaseTimers();
            var sync = new EnrichmentSync(
                new SyncPhaseTimers.Connector(connector, timers),
                new SyncPhaseTimers.StateStore(connector.CreateSyncStateStore(), timers),
                new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator())); // not wrapped: the sync keeps its compact mirror for this calculator
            var report = await sync.RunAsync(new SyncRunOptions { AsOf = asOf });
            result = $"{report.Outcome}: read {report.Read:N0}, computed {report.Computed:N0}, written {report.Written:N0}, skipped {report.Skipped:N0}, failed {report.Failed:N0}, batches {report.Batches:N0}"
                + $"\n{"",-22} phases: {timers.Summary()}"
                + string.Concat(report.Failures.Take(3).Select(f => $"\n{"",-22} failure {f.Key}: {f.ErrorCode} {f.Reason}"));
        }

        watch.Stop();
        Console.WriteLine($"{step,-22} {watch.Elapsed.TotalSeconds,8:F1} {PeakRssMegabytes(),12:F0}  {result}");
        return 0;
    }
}
