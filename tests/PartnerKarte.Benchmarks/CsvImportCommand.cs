using System.Diagnostics;
using System.Globalization;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Migration;
using PartnerKarte.Sync;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// A command benchmark (no BenchmarkDotNet child build, which times out on the shared machine): imports the
/// generated messy CP932 sheet of <see cref="CsvImportBenchmarks"/> once to warm up, then three times, and
/// prints wall time and allocated bytes per run, with and without writing to a fresh SQLite store.
/// <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- csv-import --rows 100000</c>.
/// The measurement runs in a child process with server GC, as the <c>partnerkarte</c> console runs imports
/// (<c>--gc workstation</c> measures the benchmark process's own workstation GC instead). The CPU time of the
/// process per run is printed too: on a shared machine wall time follows the load, CPU time much less.
/// </summary>
public static class CsvImportCommand
{
    public static async Task RunAsync(string[] args)
    {
        if (!System.Runtime.GCSettings.IsServerGC && !args.Contains("workstation"))
        {
            await RunWithServerGcAsync(args);
            return;
        }

        Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        var rows = 100_000;
        var at = Array.IndexOf(args, "--rows");
        if (at >= 0 && at + 1 < args.Length)
        {
            rows = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        }

        var csv = CsvImportBenchmarks.Generate(rows);
        var dir = Path.Combine(Path.GetTempPath(), "pk-import-cmd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"csv-import: {rows:N0} rows, {csv.Length / 1024.0 / 1024.0:F1} MiB CP932");
            for (var run = 0; run <= 3; run++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                var result = await KarteImporter.ImportCsvAsync(new MemoryStream(csv));
                var importTime = sw.Elapsed;
                var importAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

                var connector = new SqliteKarteConnector(new SqliteStoreOptions { Path = Path.Combine(dir, $"run{run}.db") });
                foreach (var chunk in result.Data.Companies.Chunk(5000))
                {
                    await connector.UpsertKarteAsync(new KarteRecordBatch { Companies = chunk });
                }

                foreach (var chunk in result.Data.Reps.Chunk(5000))
                {
                    await connector.UpsertKarteAsync(new KarteRecordBatch { Reps = chunk });
                }

                var total = sw.Elapsed;
                var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                var r = result.Report;
                Console.WriteLine(
                    $"{(run == 0 ? "warm-up" : "run " + run)}: import+dedup {importTime.TotalSeconds:F2} s ({importAllocated / 1024 / 1024:N0} MiB allocated), " +
                    $"import+dedup+sqlite {total.TotalSeconds:F2} s (sqlite {(total - importTime).TotalSeconds:F2} s; CPU {cpuTime.TotalSeconds:F2} s, all threads); companies {r.CompaniesCreated:N0} (merged {r.CompaniesMerged:N0}), " +
                    $"reps {r.RepsCreated:N0}, duplicate rows {r.DuplicateRows:N0}, rejected {r.Rejected.Count:N0}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Reruns this command in a child process of the same benchmark build with server GC and relays its output.</summary>
    private static async Task RunWithServerGcAsync(string[] args)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(CsvImportCommand).Assembly.Location);
        }

        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("could not start the benchmark child process");
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the benchmark child process exited with {child.ExitCode}");
        }
    }
}
