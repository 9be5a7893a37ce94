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

    [Fact]
    public async Task Import_then_karte_and_report_read_the_postgres_store_with_its_search_enrichment_and_roster()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "karte.csv"),
            "会社名,会社名カナ,担当者名,氏名カナ,自社担当\n株式会社さくら販売,サクラハンバイ,田中 太郎,タナカ タロウ,山本 健\n株式会社みなと商事,ミナトショウジ,佐藤 花子,サトウ ハナコ,山本 健\n",
            new System.Text.UTF8Encoding(false));
        var pg = new[] { "--connection-string", _connectionString };

        var import = await _h.RunAsync(["import", "--file", "karte.csv", "--to", "postgres", .. pg, "--json"]);
        import.ExitCode.Should().Be(0, import.ToString());
        var imported = JsonNode.Parse(import.Stdout)!;
        imported["target"]!.GetValue<string>().Should().Be("postgres");
        imported["write"]!["written"]!.GetValue<long>().Should().Be(4, "two companies and two reps");
        imported["teamMembers"]!.GetValue<int>().Should().Be(1, "the owner named in 自社担当 joins the roster in PostgreSQL");
        File.Exists(_h.DatabasePath).Should().BeFalse("nothing is written to the SQLite file");

        var before = await _h.RunAsync(["karte", "--company", "みなと", "--connector", "postgres", .. pg, "--json"]);
        before.ExitCode.Should().Be(0, before.ToString());
        JsonNode.Parse(before.Stdout)!["enrichment"].Should().BeNull("the store has not been synced yet: nothing is computed on the fly");

        (await _h.RunAsync(["sync", "--connector", "postgres", .. pg, "--json"])).ExitCode.Should().Be(0);

        var byKana = await _h.RunAsync(["karte", "--company", "みなとしょうじ", "--connector", "postgres", .. pg, "--json"]);
        byKana.ExitCode.Should().Be(0, byKana.ToString());
        var company = JsonNode.Parse(byKana.Stdout)!;
        company["source"]!.GetValue<string>().Should().Be("postgres");
        company["company"]!["name"]!.GetValue<string>().Should().Be("株式会社みなと商事", "found by its kana reading in hiragana");
        company["owner"]!.GetValue<string>().Should().Be("山本 健", "the owner's name comes from the roster kept in PostgreSQL");
        company["enrichment"].Should().NotBeNull("the enrichment written by the sync is read back from PostgreSQL");
        company["reps"]!.AsArray().Should().ContainSingle().Which!["enrichment"].Should().NotBeNull();

        var rep = await _h.RunAsync(["karte", "--rep", "たなか", "--connector", "postgres", .. pg]);
        rep.ExitCode.Should().Be(0, rep.ToString());
        rep.Stdout.Should().Contain("田中 太郎").And.Contain("株式会社さくら販売").And.Contain("山本 健");

        var html = await _h.RunAsync(["report", "--out", "karte.html", "--connector", "postgres", .. pg, "--json"]);
        html.ExitCode.Should().Be(0, html.ToString());
        var report = JsonNode.Parse(html.Stdout)!;
        report["source"]!.GetValue<string>().Should().Be("postgres");
        report["companies"]!.GetValue<int>().Should().Be(2);
        report["reps"]!.GetValue<int>().Should().Be(2);
        var page = await File.ReadAllTextAsync(Path.Combine(_h.Directory, "karte.html"));
        page.Should().Contain("株式会社さくら販売").And.Contain("山本 健");

        var text = await _h.RunAsync(["report", "--out", "karte2.html", "--connector", "postgres", .. pg]);
        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("レポートを書き出しました");

        foreach (var run in new[] { import, before, byKana, rep, html, text })
        {
            (run.Stdout + run.Stderr).Should().NotContain(Password);
        }
    }

    [Fact]
    public async Task Karte_and_report_on_an_unreachable_server_fail_without_showing_the_password()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "karte.csv"), "取引先,担当者\n株式会社さくら販売,田中 太郎\n", new System.Text.UTF8Encoding(false));
        var pg = new[] { "--connector", "postgres", "--connection-string", $"Host=127.0.0.1;Port=1;Username=u;Password={Password};Timeout=2" };
        foreach (var args in new[] { ["karte", "--company", "さくら", .. pg], ["report", "--out", "x.html", .. pg, "--json"], new[] { "import", "--file", "karte.csv", "--to", "postgres", "--connection-string", pg[3] } })
        {
            var run = await _h.RunAsync(args);
            run.ExitCode.Should().NotBe(0, run.ToString());
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
