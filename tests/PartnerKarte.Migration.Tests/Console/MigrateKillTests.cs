using System.Diagnostics;
using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;

namespace PartnerKarte.Migration.Tests.Console;

/// <summary>
/// Issue 7, acceptance 2: <c>partnerkarte migrate</c> run as a child process, killed at random points and run again,
/// ends with the same target state as an uninterrupted run and no duplicates — checked on the emulator's store.
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

        string[] args = ["migrate", "--from", "sqlite", "--to", "dataverse", "--batch-size", "40", "--json"];

        // Time to start the program and connect, then the migration itself (as long as the in-process run took).
        var startup = await TimeStartupAsync(cli);
        var random = new Random(20261101);
        var kills = 0;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var process = cli.Start(args);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await Task.Delay(startup + (clean.Duration * (0.1 + (0.8 * random.NextDouble()))));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(stdout, stderr);
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

        kills.Should().BeGreaterThan(0, "at least one run was killed mid-way");
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

    private static async Task<TimeSpan> TimeStartupAsync(Cli cli)
    {
        var clock = Stopwatch.StartNew();
        using var process = cli.Start("migrate", "--help");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return clock.Elapsed;
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
