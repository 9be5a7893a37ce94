using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Migration.Tests.Import;
using PartnerKarte.Migration.Tests.Support;

namespace PartnerKarte.Migration.Tests.Console;

/// <summary>Issue 7, acceptance 3, through the console: the messy CP932 sheet imported with <c>partnerkarte import</c>.</summary>
public class ImportCommandTests
{
    private static async Task<string> WriteFixtureAsync(Cli cli, string name = "代理店管理表.csv")
    {
        var path = cli.File(name);
        await System.IO.File.WriteAllBytesAsync(path, MessyCsvFixture.Cp932Bytes());
        return path;
    }

    private static async Task<Db> DbAsync(Cli cli) => new(await Kartes.LoadAllAsync(new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("partnerkarte.db") })));

    private sealed record Db(PartnerKarte.Karte.KarteDataSet Data);

    [Fact]
    public async Task The_messy_cp932_sheet_is_imported_merged_and_quarantined()
    {
        using var cli = new Cli();
        var csv = await WriteFixtureAsync(cli);

        var run = await cli.RunAsync("import", "--file", csv, "--to", "sqlite");

        run.ExitCode.Should().Be(1, "rows were rejected: a partial import. " + run);
        run.Stdout.Should().Contain("取込結果").And.Contain("ShiftJis");
        var db = await DbAsync(cli);
        db.Data.Companies.Select(c => c.Name).Should().BeEquivalentTo("株式会社サンプル商事", "東京テクノ株式会社", "有限会社やまだ屋", "ネクストリンク合同会社");
        db.Data.Reps.Select(r => r.Name.Display).Should().BeEquivalentTo("山田 太郎", "佐藤 花子", "田中 三郎", "伊藤 美咲");
        var sample = db.Data.Companies.Single(c => c.Name == "株式会社サンプル商事");
        db.Data.Reps.Where(r => r.CompanyId == sample.Id).Should().HaveCount(2, "the (株)ｻﾝﾌﾟﾙ商事 and ㈱サンプル商事 rows merged into one company");

        var rejected = (await System.IO.File.ReadAllLinesAsync(cli.File("rejected.csv"), Encoding.UTF8)).ToList();
        rejected[0].Should().Be("line,部分,part,column,理由,reason," + MessyCsvFixture.Header);
        rejected.Skip(1).Select(l => l.Split(',')).Select(c => string.Join(',', c[0], c[2], c[3], c[5])).Should().Equal(
            "6,rep,メールアドレス,email domain has no dot",
            "7,company,会社名,company name is required",
            "9,company,決算月,fiscal closing month must be 1–12",
            "11,rep,担当者名,value is required",
            "14,rep,メールアドレス,email has more than one @");
        rejected[1].Should().Contain(",担当者,rep,メールアドレス,メールアドレスの形式が正しくありません,", "the part and the Japanese reason are beside the English");
        rejected[1].Should().Contain("suzuki@tokyo-techno", "the original row follows the reason");

        var duplicates = await System.IO.File.ReadAllLinesAsync(cli.File("duplicates.csv"), Encoding.UTF8);
        duplicates[0].Should().Be("decision,line,name_in_row,matched_id,score,reasons");
        duplicates.Should().Contain(l => l.StartsWith("company-merged,3,(株)サンプル商事," + sample.Id.Value + ",", StringComparison.Ordinal) && l.Contains("SameName"));
        duplicates.Should().Contain(l => l.StartsWith("rep-merged,4,山田 太郎,", StringComparison.Ordinal) && l.Contains("SameEmail"));
    }

    [Fact]
    public async Task The_owners_named_in_jisha_tanto_join_the_roster_and_match_it_next_time()
    {
        using var cli = new Cli();
        var csv = cli.File("owners.csv");
        await System.IO.File.WriteAllTextAsync(csv, "会社名,担当者名,自社担当\n株式会社みなと商事,山田 太郎,鈴木 一郎\n東京テクノ株式会社,佐藤 花子,鈴木一郎\n", new UTF8Encoding(false));

        var run = await cli.RunAsync("import", "--file", csv, "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        using (var json = JsonDocument.Parse(run.Stdout))
        {
            json.RootElement.GetProperty("teamMembers").GetInt32().Should().Be(1, "鈴木 一郎 and 鈴木一郎 are one owner");
        }

        var team = await new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File("partnerkarte.db") }).ReadTeamAsync();
        var owner = team.Should().ContainSingle().Subject;
        owner.Name.Should().Be("鈴木 一郎");
        owner.Active.Should().BeTrue();
        var db = await DbAsync(cli);
        db.Data.Companies.Should().OnlyContain(c => c.OwnerId == owner.Id, "both rows name the same member");
        var karte = await cli.RunAsync("karte", "--company", "みなと");
        karte.Stdout.Should().MatchRegex("当社担当 +鈴木 一郎", "the karte names the owner from the roster");
    }

    [Fact]
    public async Task Importing_again_updates_instead_of_duplicating()
    {
        using var cli = new Cli();
        var csv = await WriteFixtureAsync(cli);
        await cli.RunAsync("import", "--file", csv);

        var again = await cli.RunAsync("import", "--file", csv, "--json");

        using var json = JsonDocument.Parse(again.Stdout);
        var plan = json.RootElement.GetProperty("plan");
        plan.GetProperty("companies").GetProperty("created").GetInt32().Should().Be(0);
        plan.GetProperty("companies").GetProperty("updated").GetInt32().Should().Be(4);
        json.RootElement.GetProperty("write").GetProperty("created").GetProperty("companies").GetInt64().Should().Be(0);
        (await DbAsync(cli)).Data.Companies.Should().HaveCount(4);
        (await DbAsync(cli)).Data.Reps.Should().HaveCount(4);
    }

    [Fact]
    public async Task Strict_fails_before_writing_and_dry_run_writes_nothing()
    {
        using var cli = new Cli();
        var csv = await WriteFixtureAsync(cli);

        var strict = await cli.RunAsync("import", "--file", csv, "--strict");
        strict.ExitCode.Should().Be(2, strict.ToString());
        strict.Stderr.Should().Contain("nothing was written");
        (await DbAsync(cli)).Data.Companies.Should().BeEmpty();

        var dry = await cli.RunAsync("import", "--file", csv, "--dry-run", "--json");
        using var json = JsonDocument.Parse(dry.Stdout);
        json.RootElement.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("plan").GetProperty("companies").GetProperty("created").GetInt32().Should().Be(4);
        json.RootElement.GetProperty("plan").GetProperty("rejected").GetArrayLength().Should().Be(5);
        (await DbAsync(cli)).Data.Companies.Should().BeEmpty();
    }

    [Fact]
    public async Task A_merge_is_reversed_with_keep_separate()
    {
        using var cli = new Cli();
        var csv = await WriteFixtureAsync(cli);

        var run = await cli.RunAsync("import", "--file", csv, "--keep-separate", "3", "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        var db = await DbAsync(cli);
        db.Data.Companies.Should().HaveCount(5, "line 3's (株)ｻﾝﾌﾟﾙ商事 stays its own company");
        db.Data.Reps.Single(r => r.Name.Display == "佐藤 花子").CompanyId.Should().NotBe(db.Data.Companies.Single(c => c.Name == "株式会社サンプル商事").Id);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("plan").GetProperty("duplicates").EnumerateArray()
            .Should().Contain(d => d.GetProperty("decision").GetString() == "review-candidate" && d.GetProperty("line").GetInt32() == 3, "the kept-apart row is still listed for review");
    }

    [Fact]
    public async Task An_xlsx_sheet_gives_the_same_kartes_as_the_csv()
    {
        using var cli = new Cli();
        var rows = MessyCsvFixture.Lines.Select(l => KarteCsv.ReadAsync(new StringReader(l)).ToBlockingEnumerable().First().Fields).ToList();
        var sheet = rows.Skip(1).Select(r => MessyCsvFixture.Header.Split(',').Select((h, i) => (h, i)).ToDictionary(x => x.h, x => (object?)(x.i < r.Count ? r[x.i] : null)));
        var xlsx = cli.File("代理店管理表.xlsx");
        MiniExcel.SaveAs(xlsx, sheet);

        var run = await cli.RunAsync("import", "--file", xlsx);

        run.ExitCode.Should().Be(1, run.ToString());
        var db = await DbAsync(cli);
        db.Data.Companies.Should().HaveCount(4);
        db.Data.Reps.Select(r => r.Name.Display).Should().BeEquivalentTo("山田 太郎", "佐藤 花子", "田中 三郎", "伊藤 美咲");
    }

    [Fact]
    public async Task Bad_input_exits_2_and_names_the_problem()
    {
        using var cli = new Cli();
        (await cli.RunAsync("import", "--file", "missing.csv")).Should().Match<CliResult>(r => r.ExitCode == 2 && r.Stderr.Contains("missing.csv"));
        var csv = await WriteFixtureAsync(cli);
        (await cli.RunAsync("import", "--file", csv, "--on-duplicate", "maybe")).Should().Match<CliResult>(r => r.ExitCode == 2 && r.Stderr.Contains("--on-duplicate"));
        await System.IO.File.WriteAllTextAsync(cli.File("m.json"), """{ "columns": { "取引先": "Nonsense" } }""");
        (await cli.RunAsync("import", "--file", csv, "--mapping", "m.json")).Should().Match<CliResult>(r => r.ExitCode == 2 && r.Stderr.Contains("取引先"));
    }
}
