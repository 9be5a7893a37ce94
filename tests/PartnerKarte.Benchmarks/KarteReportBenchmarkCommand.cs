extern alias cli;

using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using cli::PartnerKarte.Console.Cli;
using PartnerKarte.SampleData;

using static PartnerKarte.Benchmarks.BenchmarkCommandLine;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// The view benchmark command: <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- views [--reps N] [--interactions N]</c>.
/// Loads a generated karte into a fresh SQLite store and runs the first sync (the <c>sync</c> command's steps), then the
/// console's <c>karte --company</c>, <c>karte --rep</c> and <c>report</c> on it, each in its own child process with server GC
/// (as the console runs), so that wall time and peak RSS (VmHWM) belong to that command alone. Targets: <c>karte</c> ≤ 1 s and
/// ≤ 200 MB, <c>report</c> ≤ 15 s and ≤ 500 MB on 100,000 reps and 2,000,000 interactions. <c>--keep-loaded PATH</c> keeps the
/// synced store and <c>--from PATH</c> starts from such a copy.
/// </summary>
internal static class KarteReportBenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "child")
        {
            return await ChildAsync(args[1], args[2..]);
        }

        var reps = Option(args, "--reps", 100_000);
        var interactions = Option(args, "--interactions", 2_000_000L);
        var keep = TextOption(args, "--keep-loaded");
        var from = TextOption(args, "--from");
        var dir = Directory.CreateTempSubdirectory("pk-views-bench-").FullName;
        var db = Path.Combine(dir, "bench.db");
        var numbers = new[] { reps.ToString(CultureInfo.InvariantCulture), interactions.ToString(CultureInfo.InvariantCulture), "0" };
        try
        {
            Console.WriteLine($"View benchmark: {reps:N0} reps, {interactions:N0} interactions, server GC, store {db}");
            Console.WriteLine($"{"step",-22} {"wall s",8} {"peak RSS MB",12}  result");
            if (from is not null)
            {
                CopyStore(from, db);
            }
            else
            {
                foreach (var step in new[] { "load", "full-sync" })
                {
                    if (await ChildProcessAsync(["sync", "child", step, db, .. numbers]) is var code and not 0)
                    {
                        return code;
                    }
                }

                if (keep is not null)
                {
                    CopyStore(db, keep);
                }
            }

            var asOf = new SampleKarteOptions().AsOf.ToString("o", CultureInfo.InvariantCulture);
            var (company, rep) = MiddleIds(db);
            var report = Path.Combine(dir, "karte.html");
            var steps = new (string Name, string[] Args)[]
            {
                ("karte-company", ["karte", "--company", company, "--db", db, "--as-of", asOf]),
                ("karte-rep", ["karte", "--rep", rep, "--db", db, "--as-of", asOf]),
                ("report", ["report", "--out", report, "--db", db, "--as-of", asOf]),
            };
            foreach (var (name, cli) in steps)
            {
                if (await ChildProcessAsync(["views", "child", name, .. cli]) is var code and not 0)
                {
                    return code;
                }
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> ChildProcessAsync(string[] args)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment["DOTNET_gcServer"] = "1";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(KarteReportBenchmarkCommand).Assembly.Location);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var child = Process.Start(psi)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Console.Write(output);
        return child.ExitCode;
    }

    /// <summary>Runs one console command in this process (output discarded) and prints its wall time and this process's peak RSS.</summary>
    private static async Task<int> ChildAsync(string step, string[] cli)
    {
        var output = new StringWriter();
        var env = new CliEnvironment { Out = output, Error = output, WorkingDirectory = Environment.CurrentDirectory, UseUserSecrets = false };
        var watch = Stopwatch.StartNew();
        var code = await CliApp.RunAsync(cli, env);
        watch.Stop();
        var length = output.GetStringBuilder().Length;
        Console.WriteLine($"{step,-22} {watch.Elapsed.TotalSeconds,8:F2} {PeakRssMegabytes(),12:F0}  exit {code}, {length:N0} characters of output ({string.Join(' ', cli.Take(3))})");
        return code == 0 ? 0 : 10 + code;
    }

    private static (string Company, string Rep) MiddleIds(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        string Middle(string table)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT id FROM {table} ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM {table})";
            return (string)cmd.ExecuteScalar()!;
        }

        return (Middle("companies"), Middle("reps"));
    }
}
