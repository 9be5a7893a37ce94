using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PartnerKarte.Console.Tests;

/// <summary>
/// Acceptance 2 of the sync issue: the real program, killed at many points across its write batches and rerun,
/// ends with exactly the database an uninterrupted run produces.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int BatchSize = 1;
    private const int PauseMs = 200;
    private readonly ConsoleHarness _h = new();

    public CrashSafetyTests()
    {
        // A fixed as-of instant makes every run compute the same values; tiny batches give many kill points.
        _h.Environment["PARTNERKARTE_Sync__AsOf"] = "2026-11-01T09:00:00+09:00";
        _h.Environment["PARTNERKARTE_Sync__BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture);

        // A pause before each write batch, longer than the test's reaction time even on a loaded machine: a kill sent
        // after the n-th commit lands in the next batch (its pause or its write), not several batches later.
        _h.Environment["PARTNERKARTE_Sync__WritePauseMs"] = PauseMs.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Sync_killed_at_many_points_and_rerun_ends_equal_to_an_uninterrupted_run()
    {
        (await _h.RunAsync(["demo", "--no-sync", "--companies", "10", "--reps", "50", "--interactions", "1500", "--proposals", "200"])).ExitCode.Should().Be(0);
        var reference = Copy("reference.db");
        var victim = Copy("victim.db");

        var uninterrupted = await _h.RunProcessAsync(TimeSpan.FromMinutes(1), "sync", "--db", reference);
        uninterrupted.ExitCode.Should().BeOneOf([0, 1], uninterrupted.ToString());
        uninterrupted.Stdout.Should().Contain("written");

        var rng = new Random(20261101);
        var committedAtKill = new List<long>();
        RunResult? completed = null;
        for (var attempt = 0; attempt < 80 && completed is null; attempt++)
        {
            // Kill after the n-th batch this run commits (so every kill is at a new point), plus a random delay
            // that lands the kill anywhere in the next batch: computing, writing, or checkpointing.
            var (result, killed) = await RunAndKillAsync(victim, afterCommits: rng.Next(1, 3), delay: TimeSpan.FromMilliseconds(rng.Next(0, PauseMs)));
            if (killed)
            {
                committedAtKill.Add(Scalar(victim, "SELECT count(*) FROM sync_written"));
            }
            else
            {
                completed = result;
            }
        }

        completed.Should().NotBeNull("the reruns must finish the sync");
        completed!.ExitCode.Should().BeOneOf([0, 1], completed.ToString());
        committedAtKill.Should().HaveCountGreaterThanOrEqualTo(10, "the sync must be killed at ten points or more");
        committedAtKill.Distinct().Should().HaveCountGreaterThanOrEqualTo(10, "the kill points must lie in different batches");
        committedAtKill.Should().BeInAscendingOrder("a committed batch is never lost");

        Snapshot(victim).Should().Equal(Snapshot(reference));
        var total = Scalar(reference, "SELECT count(*) FROM sync_written");
        total.Should().BeGreaterThan(BatchSize * 20L, "there must be many batches");
        Scalar(victim, "SELECT count(*) FROM sync_written").Should().Be(total);

        // One more run on the converged database writes nothing.
        var again = await _h.RunProcessAsync(TimeSpan.FromMinutes(1), "sync", "--db", victim, "--json");
        System.Text.Json.JsonDocument.Parse(again.Stdout).RootElement.GetProperty("report").GetProperty("written").GetInt64().Should().Be(0, again.ToString());
    }

    private async Task<(RunResult Result, bool Killed)> RunAndKillAsync(string db, int afterCommits, TimeSpan delay)
    {
        using var process = _h.Start("sync", "--db", db, "--progress-lines");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new StringBuilder();
        long lastWritten = 0;
        var commits = 0;
        var killed = false;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            stderr.AppendLine(line);
            if (!killed && WrittenOf(line) is long written && written > lastWritten)
            {
                lastWritten = written;
                if (++commits == afterCommits)
                {
                    await Task.Delay(delay);
                    killed = TryKill(process);
                }
            }
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(cts.Token);
        return (new RunResult(process.ExitCode, await stdout, stderr.ToString()), killed && process.ExitCode is not (0 or 1));
    }

    private static bool TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // It finished first.
        }
    }

    private static long? WrittenOf(string line)
    {
        var parts = line.Split(' ');
        var i = Array.IndexOf(parts, "written");
        return line.StartsWith("progress:", StringComparison.Ordinal) && i >= 0 && i + 1 < parts.Length ? long.Parse(parts[i + 1], CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A consistent copy of the demo database (VACUUM INTO includes what is still in the WAL).</summary>
    private string Copy(string name)
    {
        var path = Path.Combine(_h.Directory, name);
        using (var connection = Open(_h.DatabasePath))
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "VACUUM INTO $path";
            cmd.Parameters.AddWithValue("$path", path);
            cmd.ExecuteNonQuery();
        }

        return path;
    }

    /// <summary>Everything a sync writes or keeps, as text rows: enrichment values, hashes, the ledger, watermarks, row counts.</summary>
    private static List<string> Snapshot(string db)
    {
        string[] queries =
        [
            "SELECT 'rep', r.id, e.id IS NOT NULL, e.trust_score, e.trust_rank, e.trust_confidence, e.trust_trend, e.last_contact_date, e.follow_up_priority FROM reps r LEFT JOIN rep_enrichment e ON e.id = r.id ORDER BY r.id",
            "SELECT 'company', c.id, e.id IS NOT NULL, e.deal_count, e.won_count, e.win_rate, e.revenue, e.gross_profit, e.completeness, e.contract_alert FROM companies c LEFT JOIN company_enrichment e ON e.id = c.id ORDER BY c.id",
            "SELECT 'hash', state_key, target, id, hash FROM sync_written ORDER BY state_key, target, id",
            "SELECT 'failure', state_key, target, id, error_code, reason FROM sync_failures ORDER BY state_key, target, id",
            "SELECT 'watermark', state_key, watermark FROM sync_watermarks ORDER BY state_key",
            "SELECT 'counts', (SELECT count(*) FROM companies), (SELECT count(*) FROM reps), (SELECT count(*) FROM proposals), (SELECT count(*) FROM interactions), (SELECT count(*) FROM tasks), (SELECT value FROM meta WHERE key = 'seq')",
        ];
        var rows = new List<string>();
        using var connection = Open(db);
        foreach (var sql in queries)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
            }
        }

        return rows;
    }

    private static long Scalar(string db, string sql)
    {
        using var connection = Open(db);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
