using System.Security.Cryptography;
using System.Text.Json;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly ConsoleHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<RunResult> LoadSmallDemoAsync(params string[] extra) => _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo, .. extra]);

    [Fact]
    public async Task Demo_without_sync_creates_the_database_with_the_sample_data()
    {
        var result = await LoadSmallDemoAsync();

        result.ExitCode.Should().Be(0, result.ToString());
        File.Exists(_h.DatabasePath).Should().BeTrue();
        result.Stdout.Should().Contain("企業 12 社").And.Contain("担当者 60 名").And.Contain("接点 3,000 件");
    }

    [Fact]
    public async Task Rerunning_demo_recreates_its_own_database_and_says_so()
    {
        (await LoadSmallDemoAsync()).ExitCode.Should().Be(0);

        var again = await LoadSmallDemoAsync();

        again.ExitCode.Should().Be(0, again.ToString());
        again.Stdout.Should().Contain("作り直します").And.Contain("replacing the existing demo database");
        var karte = await _h.RunAsync("karte", "--company", "C-001", "--json");
        JsonDocument.Parse(karte.Stdout).RootElement.GetProperty("reps").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_foreign_file_is_left_untouched_and_is_bad_input()
    {
        await File.WriteAllTextAsync(_h.DatabasePath, "これはデータベースではありません — not a database");
        var before = SHA256.HashData(await File.ReadAllBytesAsync(_h.DatabasePath));

        var demo = await LoadSmallDemoAsync();
        var doctor = await _h.RunAsync("doctor");
        var karte = await _h.RunAsync("karte", "--company", "C-001");

        demo.ExitCode.Should().Be(2, demo.ToString());
        demo.Stderr.Should().Contain("untouched");
        doctor.ExitCode.Should().Be(2);
        doctor.Stdout.Should().Contain("FAIL");
        karte.ExitCode.Should().Be(2);
        SHA256.HashData(await File.ReadAllBytesAsync(_h.DatabasePath)).Should().Equal(before);
    }

    [Fact]
    public async Task Karte_shows_a_company_and_a_rep_in_japanese()
    {
        (await LoadSmallDemoAsync()).ExitCode.Should().Be(0);

        var company = await _h.RunAsync("karte", "--company", "C-001");
        var rep = await _h.RunAsync("karte", "--rep", "R-00002");

        company.ExitCode.Should().Be(0, company.ToString());
        company.Stdout.Should().Contain("パートナー企業カルテ").And.Contain("基本情報").And.Contain("取引条件・契約状況").And.Contain("担当者");
        rep.ExitCode.Should().Be(0, rep.ToString());
        rep.Stdout.Should().Contain("担当者カルテ").And.Contain("フリガナ").And.Contain("コミュニケーション履歴").And.Contain("所属履歴");
    }

    [Fact]
    public async Task Karte_finds_a_rep_or_company_by_name_or_kana_and_lists_candidates_when_several_match()
    {
        await LoadSmallDemoAsync();
        var store = new PartnerKarte.Connectors.Sqlite.SqliteKarteConnector(new PartnerKarte.Connectors.Sqlite.SqliteStoreOptions { Path = _h.DatabasePath });
        PartnerKarte.Karte.PartnerRep? rep = null;
        await foreach (var batch in store.ReadKarteAsync(new PartnerKarte.Sync.KarteSelection { RepIds = [new PartnerKarte.Karte.RepId("R-00002")] }))
        {
            rep ??= batch.Reps.Single();
        }

        var byName = await _h.RunAsync("karte", "--rep", rep!.Name.FamilyName + rep.Name.GivenName, "--json");
        var byKana = await _h.RunAsync("karte", "--rep", ToHiragana(rep.Name.Kana!), "--json");
        string family;
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_h.DatabasePath};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT family_name FROM reps GROUP BY family_name HAVING count(*) >= 2 ORDER BY family_name LIMIT 1";
            family = (string)cmd.ExecuteScalar()!;
        }

        var several = await _h.RunAsync("karte", "--rep", family);

        byName.ExitCode.Should().Be(0, byName.ToString());
        using (var json = JsonDocument.Parse(byName.Stdout))
        {
            json.RootElement.GetProperty("rep").GetProperty("id").GetString().Should().Be("R-00002");
        }

        using (var json = JsonDocument.Parse(byKana.Stdout))
        {
            json.RootElement.GetProperty("rep").GetProperty("id").GetString().Should().Be("R-00002", "kana in hiragana finds the rep too: " + byKana);
        }

        several.ExitCode.Should().Be(2);
        several.Stderr.Should().Contain("R-0").And.Contain(family).And.Contain("ID で指定してください");

        static string ToHiragana(string katakana) => new([.. katakana.Select(c => c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c)]);
    }

    [Fact]
    public async Task Karte_with_an_unknown_id_or_both_options_is_bad_input()
    {
        (await LoadSmallDemoAsync()).ExitCode.Should().Be(0);

        (await _h.RunAsync("karte", "--company", "C-999")).ExitCode.Should().Be(2);
        (await _h.RunAsync("karte", "--company", "C-001", "--rep", "R-00001")).ExitCode.Should().Be(2);
        (await _h.RunAsync("karte")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Commands_without_a_database_say_how_to_create_one()
    {
        var result = await _h.RunAsync("karte", "--rep", "R-00001");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("partnerkarte demo");
        File.Exists(_h.DatabasePath).Should().BeFalse("a read command never creates a database");
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        (await _h.RunAsync("sync", "--no-such-option")).ExitCode.Should().Be(2);
        (await _h.RunAsync("frobnicate")).ExitCode.Should().Be(2);
        (await _h.RunAsync()).ExitCode.Should().Be(2);
        (await _h.RunAsync("--help")).ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("salesforce")]
    [InlineData("dataverse")]
    public async Task An_unconfigured_connector_says_what_is_missing_and_exits_2(string connector)
    {
        (await LoadSmallDemoAsync()).ExitCode.Should().Be(0);

        var result = await _h.RunAsync("sync", "--connector", connector);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().ContainEquivalentOf(connector).And.ContainEquivalentOf("configur");
    }

    [Fact]
    public async Task Sync_reports_its_wall_clock_and_the_as_of_instant_apart()
    {
        await LoadSmallDemoAsync();

        var run = await _h.RunAsync("sync", "--as-of", "2027-01-15", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var report = json.RootElement.GetProperty("report");
        report.GetProperty("asOf").GetDateTimeOffset().Date.Should().Be(new DateTime(2027, 1, 15));
        report.GetProperty("startedAt").GetDateTimeOffset().Should().Be(ConsoleHarness.Now, "the run started at the wall clock, not at --as-of");
        report.GetProperty("finishedAt").GetDateTimeOffset().Should().BeOnOrAfter(ConsoleHarness.Now);
    }

    [Fact]
    public async Task Sync_while_another_sync_holds_the_state_exits_4_and_full_refresh_rebuilds_the_state()
    {
        (await LoadSmallDemoAsync()).ExitCode.Should().Be(0);
        var connector = new PartnerKarte.Connectors.Sqlite.SqliteKarteConnector(new PartnerKarte.Connectors.Sqlite.SqliteStoreOptions { Path = _h.DatabasePath });
        var state = connector.CreateSyncStateStore();
        (await state.AcquireLeaseAsync(connector.StateKey, "another-run", ConsoleHarness.Now, TimeSpan.FromHours(1))).Owner.Should().Be("another-run");

        var refused = await _h.RunAsync("sync", "--json");

        refused.ExitCode.Should().Be(4, refused.ToString());
        refused.Stdout.Should().Contain("already-running");
        await state.ReleaseLeaseAsync(connector.StateKey, "another-run");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var first = await _h.RunAsync("sync", "--json");
        var refresh = await _h.RunAsync("sync", "--full-refresh", "--json");

        first.ExitCode.Should().Be(0, first.ToString());
        refresh.ExitCode.Should().Be(0, refresh.ToString());
        using var json = JsonDocument.Parse(refresh.Stdout);
        var report = json.RootElement.GetProperty("report");
        report.GetProperty("incremental").GetBoolean().Should().BeFalse("a full refresh ignores the watermark");
        report.GetProperty("written").GetInt64().Should().Be(0, "the values equal what the first run wrote");
    }

    [Fact]
    public async Task A_report_path_that_cannot_be_written_is_an_environment_error_naming_the_path()
    {
        await LoadSmallDemoAsync();
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "not-a-folder"), "x");

        var run = await _h.RunAsync("report", "--out", "not-a-folder/r.html", "--json");

        run.ExitCode.Should().Be(3, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("environment");
        json.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Contain("not-a-folder");
    }

    [Fact]
    public async Task A_cancelled_command_exits_with_the_documented_cancelled_code()
    {
        await LoadSmallDemoAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var code = await CliApp.RunAsync(["sync", "--json"], new CliEnvironment
        {
            Out = new StringWriter(),
            Error = new StringWriter(),
            WorkingDirectory = _h.Directory,
            Variables = _h.Environment,
            Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ConsoleHarness.Now),
            OutputRedirected = true,
            UseUserSecrets = false,
        }, cts.Token);

        code.Should().Be(130);
    }

    [Fact]
    public async Task Every_command_writes_one_valid_json_document_with_json()
    {
        var demo = await LoadSmallDemoAsync("--json");
        var runs = new[]
        {
            demo,
            await _h.RunAsync("karte", "--company", "C-002", "--json"),
            await _h.RunAsync("karte", "--rep", "R-00003", "--json"),
            await _h.RunAsync("doctor", "--json"),
            await _h.RunAsync("report", "--out", "r.html", "--json"),
            await _h.RunAsync("sync", "--dry-run", "--json"),
            await _h.RunAsync("handover", "--from", "U-01", "--to", "U-02", "--json"),
            await _h.RunAsync("sync", "--connector", "salesforce", "--json"),
        };

        foreach (var run in runs)
        {
            var parse = () => JsonDocument.Parse(run.Stdout);
            parse.Should().NotThrow(run.ToString());
            using var json = parse();
            json.RootElement.TryGetProperty("ok", out var ok).Should().BeTrue(run.ToString());
            (ok.GetBoolean() ? 0 : 1).Should().Be(run.ExitCode == 0 ? 0 : 1, run.ToString());
        }

        using var karte = JsonDocument.Parse(runs[2].Stdout);
        karte.RootElement.GetProperty("rep").GetProperty("name").GetProperty("familyNameKana").GetString().Should().MatchRegex("^[ァ-ヶー]+$");
    }
}
