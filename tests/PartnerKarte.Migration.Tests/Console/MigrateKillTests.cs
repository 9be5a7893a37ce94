using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;

namespace PartnerKarte.Migration.Tests.Console;

/// <summary>
/// Issue 7, acceptance 2: <c>partnerkarte migrate</c> run as a child process, killed at random points and run again,
/// ends with the same target state as an uninterrupted run and no duplicates — checked on the emulator's store.
/// The kill points follow the child's progress lines (after its k-th committed batch, plus a short random delay
/// that lands some kills inside the next batch), not wall-clock guesses, so every attempt is really killed mid-run.
/// </summary>
public class MigrateKillTests
{
    private static readonly string[] Tables = ["account", "contact", "opportunity", "phonecall", "email", "task", "appointment"];

    [Fact]
    public async Task Killing_migrate_at_random_points_and_rerunning_converges_without_duplicates()
    {
        using var cli = new Cli();
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 10, RepCount = 60, InteractionCount = 2_500, ProposalCount = 200 });
        var source = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("partnerkarte.db") });
        await KarteMigration.WriteAsync(source, data);
        var users = data.TeamMembers.Select(t => t.Id).ToList();

        // The reference: one uninterrupted run into its own emulator (in-process, same code path as the console).
        var (reference, referenceConnector) = await Crm.StartDataverseAsync();
        await using var _ = reference;
        using var __ = referenceConnector;
        CrmUsers.Seed(reference, users);
        using var referenceDir = new TempDir();
        var clean = await new KarteMigration(source, referenceConnector, referenceDir.Store("state.db").CreateSyncStateStore(), new KarteMigrationOptions { BatchSize = 40 }).RunAsync();
        clean.Write.Failures.Should().BeEmpty();

        var (emulator, provisioner) = await Crm.StartDataverseAsync();
        await using var ___ = emulator;
        using var ____ = provisioner;
        CrmUsers.Seed(emulator, users);
        foreach (var (name, value) in Crm.DataverseEnvironment(emulator))
        {
            cli.Environment[name] = value;
        }

        string[] args = ["migrate", "--from", "sqlite", "--to", "dataverse", "--batch-size", "40", "--json", "--progress-lines"];

        // The clean run took dozens of batches; four kills after at most a dozen batches each leave work for every rerun.
        clean.Write.WriteCalls.Should().BeGreaterThan(4 * 12, "each killed run must stop before the migration is done");
        var random = new Random(20261101);
        var kills = 0;
        var committedBeforeKill = new List<long>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var (killed, written) = await RunAndKillAsync(cli, args, afterBatches: random.Next(1, 13), delay: TimeSpan.FromMilliseconds(random.Next(0, 40)));
            if (killed)
            {
                kills++;
                committedBeforeKill.Add(written);
            }

            AssertNoDuplicates(emulator);
        }

        using (var last = cli.Start(args))
        {
            var stdout = last.StandardOutput.ReadToEndAsync();
            var stderr = last.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await last.WaitForExitAsync(timeout.Token);
            last.ExitCode.Should().Be(0, $"{await stdout}\n{await stderr}");
        }

        kills.Should().Be(4, "every attempt was killed mid-way");
        committedBeforeKill.Should().OnlyContain(w => w > 0, "each kill came after a committed batch");
        AssertNoDuplicates(emulator);
        foreach (var table in Tables)
        {
            var actual = Snapshot(emulator, table);
            var expected = Snapshot(reference, table);
            actual.Keys.Should().BeEquivalentTo(expected.Keys, $"{table} has the same records as after the uninterrupted run");
            foreach (var (key, row) in expected)
            {
                var diff = row.Where(p => !JsonNode.DeepEquals(p.Value, actual[key][p.Key])).Select(p => $"{p.Key}: {actual[key][p.Key]?.ToJsonString()} != {p.Value?.ToJsonString()}").ToList();
                diff.Should().BeEmpty($"{table} {key} equals the uninterrupted run's row");
            }
        }

        using var check = new Connectors.Dataverse.DataverseConnector(Crm.DataverseOptions(emulator));
        (await Kartes.LoadAllAsync(check)).ShouldEqualFieldByField(data);
    }

    /// <summary>Starts <c>migrate</c> and kills it once its <paramref name="afterBatches"/>-th committed batch is reported (then
    /// <paramref name="delay"/> later); returns whether it was killed before finishing, and the records it had reported written.</summary>
    private static async Task<(bool Killed, long Written)> RunAndKillAsync(Cli cli, string[] args, int afterBatches, TimeSpan delay)
    {
        using var process = cli.Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new StringBuilder();
        long lastWritten = 0;
        var batches = 0;
        var killed = false;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            stderr.AppendLine(line);
            if (!killed && WrittenOf(line) is long written && written > lastWritten)
            {
                lastWritten = written;
                if (++batches == afterBatches)
                {
                    await Task.Delay(delay);
                    killed = TryKill(process);
                }
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        killed &= process.ExitCode != 0;
        if (!killed)
        {
            process.ExitCode.Should().Be(0, $"a run that was not killed finishes cleanly\n{stderr}");
        }

        return (killed, lastWritten);
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
            return false; // it finished first
        }
    }

    /// <summary>The <c>written</c> count of a <c>progress:</c> line of <c>--progress-lines</c>.</summary>
    private static long? WrittenOf(string line)
    {
        var parts = line.Split(' ');
        var i = Array.IndexOf(parts, "written");
        return line.StartsWith("progress:", StringComparison.Ordinal) && i >= 0 && i + 1 < parts.Length
            ? long.Parse(parts[i + 1], System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static void AssertNoDuplicates(DataverseEmulator emulator)
    {
        foreach (var table in Tables)
        {
            emulator.Rows(table).Values.Select(r => r["pk_externalid"]?.GetValue<string>()).Where(k => k is not null)
                .Should().OnlyHaveUniqueItems($"{table} has one row per external id");
        }
    }

    /// <summary>The rows keyed by external id, without the columns the store assigns (ids, timestamps, versions).</summary>
    private static Dictionary<string, JsonObject> Snapshot(DataverseEmulator emulator, string table) =>
        emulator.Rows(table).Values.Where(r => r["pk_externalid"] is not null).ToDictionary(
            r => r["pk_externalid"]!.GetValue<string>(),
            r =>
            {
                var copy = (JsonObject)r.DeepClone();
                foreach (var key in copy.Select(p => p.Key).ToList())
                {
                    if (key.EndsWith("id", StringComparison.Ordinal) && key != "pk_externalid" || key.Contains("modifiedon", StringComparison.Ordinal) ||
                        key.Contains("createdon", StringComparison.Ordinal) || key.Contains("versionnumber", StringComparison.Ordinal) || key.StartsWith('_') || key.Contains('@'))
                    {
                        copy.Remove(key);
                    }
                }

                // The karte document names the owner by the systemuser's guid, which differs between two emulators.
                if (copy["pk_kartejson"]?.GetValue<string>() is { } document && JsonNode.Parse(document) is JsonObject doc)
                {
                    doc.Remove("owner");
                    copy["pk_kartejson"] = doc;
                }

                return copy;
            });
}
