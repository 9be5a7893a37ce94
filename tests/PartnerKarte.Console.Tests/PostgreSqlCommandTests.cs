using System.Text.Json.Nodes;
using PartnerKarte.Connectors.PostgreSql.Tests;

namespace PartnerKarte.Console.Tests;

/// <summary>The console against a real PostgreSQL server the test starts: migrate SQLite → PostgreSQL, sync there, migrate back.</summary>
public sealed class PostgreSqlCommandTests : IClassFixture<PostgreSqlTestServer>, IDisposable
{
    private const string Password = "pk-secret-Pa55";
    private readonly ConsoleHarness _h = new();
    private readonly string _connectionString;

    public PostgreSqlCommandTests(PostgreSqlTestServer server)
    {
        // The server trusts loopback logins; the password is given to check that it never appears in output.
        _connectionString = server.ConnectionString + ";Password=" + Password;
        _h.Environment["PARTNERKARTE_PostgreSql__Schema"] = server.NewSchema("console");
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Migrate_to_postgres_sync_there_and_migrate_back_keeps_every_record_and_never_shows_the_password()
    {
        (await _h.RunAsync(["demo", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        var toPostgres = await _h.RunAsync("migrate", "--from", "sqlite", "--to", "postgres", "--connection-string", _connectionString, "--json");
        toPostgres.ExitCode.Should().Be(0, toPostgres.ToString());
        var written = Written(toPostgres);
        written.Should().Be(12 + 60 + 3000 + 300);

        var sync = await _h.RunAsync("sync", "--connector", "postgres", "--connection-string", _connectionString, "--json");
        sync.ExitCode.Should().Be(0, sync.ToString());
        var report = JsonNode.Parse(sync.Stdout)!["report"]!;
        report["stateKey"]!.GetValue<string>().Should().StartWith("postgres:");
        report["written"]!.GetValue<long>().Should().Be(12 + 60, "every rep and company is enriched on the first night");
        var again = await _h.RunAsync("sync", "--connector", "postgres", "--connection-string", _connectionString, "--json");
        JsonNode.Parse(again.Stdout)!["report"]!["written"]!.GetValue<long>().Should().Be(0, "the state is kept in PostgreSQL between runs");

        var back = await _h.RunAsync("migrate", "--from", "postgres", "--to", "sqlite", "--to-db", "back.db", "--connection-string", _connectionString, "--json");
        back.ExitCode.Should().Be(0, back.ToString());
        Written(back).Should().Be(written);

        foreach (var run in new[] { toPostgres, sync, again, back })
        {
            (run.Stdout + run.Stderr).Should().NotContain(Password);
        }
    }

    private static long Written(RunResult run) => JsonNode.Parse(run.Stdout)!["report"]!["write"]!["written"]!.GetValue<long>();

    [Fact]
    public async Task Postgres_without_a_connection_string_is_bad_input_naming_the_setting()
    {
        var run = await _h.RunAsync("sync", "--connector", "postgres");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("PostgreSql:ConnectionString");
    }

    [Fact]
    public async Task An_unreachable_server_fails_without_showing_the_password()
    {
        var run = await _h.RunAsync("sync", "--connector", "postgres", "--connection-string", $"Host=127.0.0.1;Port=1;Username=u;Password={Password};Timeout=2");

        run.ExitCode.Should().NotBe(0);
        (run.Stdout + run.Stderr).Should().Contain("127.0.0.1:1").And.NotContain(Password);
    }
}
