using System.Text.Json;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;

namespace PartnerKarte.Migration.Tests.Console;

public class MigrateCommandTests
{
    private static readonly SampleKarteOptions Small = new() { CompanyCount = 5, RepCount = 25, InteractionCount = 200, ProposalCount = 40 };

    [Fact]
    public async Task Migrate_sqlite_to_sqlite_reports_and_resumes_nothing_to_do()
    {
        using var cli = new Cli();
        var source = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("source.db") });
        await KarteMigration.WriteAsync(source, SampleKarteGenerator.Generate(Small));

        var run = await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "source.db", "--to", "sqlite", "--to-db", "target.db", "--batch-size", "100", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        using (var json = JsonDocument.Parse(run.Stdout))
        {
            var report = json.RootElement.GetProperty("report");
            report.GetProperty("read").GetProperty("interactions").GetInt64().Should().Be(200);
            report.GetProperty("write").GetProperty("writeCalls").GetInt32().Should().Be(3, "270 records in batches of 100");
            report.GetProperty("outcome").GetString().Should().Be("Succeeded");
        }

        var target = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("target.db") });
        (await Kartes.LoadAllAsync(target)).ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));

        var again = await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "source.db", "--to", "sqlite", "--to-db", "target.db");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Stdout.Should().Contain("移行結果").And.Contain("再開 / resumed from checkpoint");
    }

    [Fact]
    public async Task A_dry_run_to_a_new_sqlite_store_plans_the_migration_and_creates_no_file()
    {
        using var cli = new Cli();
        var source = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("source.db") });
        await KarteMigration.WriteAsync(source, SampleKarteGenerator.Generate(Small));

        var run = await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "source.db", "--to", "sqlite", "--to-db", "target.db", "--batch-size", "100", "--dry-run", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        using (var json = JsonDocument.Parse(run.Stdout))
        {
            var report = json.RootElement.GetProperty("report");
            report.GetProperty("read").GetProperty("interactions").GetInt64().Should().Be(200);
            report.GetProperty("write").GetProperty("writeCalls").GetInt32().Should().Be(3, "the plan: 270 records in batches of 100");
        }

        File.Exists(cli.File("target.db")).Should().BeFalse("a dry run writes nothing, not even an empty store");
        Directory.GetFiles(Path.GetDirectoryName(cli.File("source.db"))!, "*.db").Select(Path.GetFileName).Should().Equal("source.db");
    }

    [Fact]
    public async Task Each_pair_of_stores_has_its_own_checkpoint_and_a_re_created_target_is_filled_again()
    {
        using var cli = new Cli();
        var east = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("east.db") });
        var west = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("west.db") });
        await KarteMigration.WriteAsync(east, SampleKarteGenerator.Generate(Small));
        await KarteMigration.WriteAsync(west, SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 4, RepCount = 20, InteractionCount = 150, ProposalCount = 30, Seed = 7 }));

        var first = await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "east.db", "--to", "sqlite", "--to-db", "east-copy.db");
        var second = await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "west.db", "--to", "sqlite", "--to-db", "west-copy.db", "--json");

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        using (var json = JsonDocument.Parse(second.Stdout))
        {
            json.RootElement.GetProperty("report").GetProperty("resumed").GetBoolean().Should().BeFalse("west → west-copy is a different migration from east → east-copy");
        }

        (await Kartes.LoadAllAsync(new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("west-copy.db") })))
            .ShouldEqualFieldByField(await Kartes.LoadAllAsync(west));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(cli.File("east-copy.db"));
        var recreated = await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "east.db", "--to", "sqlite", "--to-db", "east-copy.db");

        recreated.ExitCode.Should().Be(0, recreated.ToString());
        (await Kartes.LoadAllAsync(new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("east-copy.db") })))
            .ShouldEqualFieldByField(await Kartes.LoadAllAsync(east));
    }

    [Fact]
    public async Task A_target_restored_from_an_older_backup_is_migrated_again_instead_of_skipped()
    {
        using var cli = new Cli();
        var source = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("source.db") });
        await KarteMigration.WriteAsync(source, SampleKarteGenerator.Generate(Small));
        _ = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("target.db") });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(cli.File("target.db"), cli.File("backup.db"));   // the same store, still empty

        (await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "source.db", "--to", "sqlite", "--to-db", "target.db")).ExitCode.Should().Be(0);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(cli.File("backup.db"), cli.File("target.db"), overwrite: true);
        var again = await cli.RunAsync("migrate", "--from", "sqlite", "--from-db", "source.db", "--to", "sqlite", "--to-db", "target.db", "--json");

        again.ExitCode.Should().Be(0, again.ToString());
        using (var json = JsonDocument.Parse(again.Stdout))
        {
            json.RootElement.GetProperty("report").GetProperty("restartReason").GetString().Should().Contain("no longer holds");
        }

        (await Kartes.LoadAllAsync(new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("target.db") })))
            .ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));
    }

    [Fact]
    public async Task Bad_migrations_exit_2()
    {
        using var cli = new Cli();
        (await cli.RunAsync("migrate", "--from", "sqlite", "--to", "sqlite")).ExitCode.Should().Be(2, "there is no source database");
        var source = new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("partnerkarte.db") });
        await KarteMigration.WriteAsync(source, SampleKarteGenerator.Generate(Small));
        var same = await cli.RunAsync("migrate", "--from", "sqlite", "--to", "sqlite");
        same.ExitCode.Should().Be(2);
        same.Stderr.Should().Contain("same SQLite file");
        var unconfigured = await cli.RunAsync("migrate", "--from", "sqlite", "--to", "dataverse");
        unconfigured.ExitCode.Should().Be(2, unconfigured.ToString());
        unconfigured.Stderr.Should().Contain("Dataverse");
    }
}
