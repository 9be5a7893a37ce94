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
