using System.Text;
using System.Text.Json;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Migration.Tests.Support;

namespace PartnerKarte.Migration.Tests.Relationship;

/// <summary>Issue 22 through the console: <c>import</c> of the workbook and of the same sheets as CSV files, <c>karte</c>
/// showing what was carried over, and <c>export</c> → <c>import</c> giving the same kartes.</summary>
public class RelationshipCommandTests
{
    private static async Task<KarteDataSet> DbAsync(Cli cli, string name = "partnerkarte.db") =>
        await Kartes.LoadAllAsync(new SqliteKarteConnector(new SqliteStoreOptions { Path = cli.File(name) }));

    [Fact]
    public async Task The_workbook_is_imported_sheet_by_sheet_with_parts_rejected_in_japanese_and_english()
    {
        using var cli = new Cli();
        var xlsx = cli.File("代理店管理表.xlsx");
        RelationshipWorkbook.SaveXlsx(xlsx);

        var run = await cli.RunAsync("import", "--file", xlsx, "--json");

        run.ExitCode.Should().Be(1, "parts were rejected: a partial import. " + run);
        using var json = JsonDocument.Parse(run.Stdout);
        var plan = json.RootElement.GetProperty("plan");
        plan.GetProperty("unknownColumns").EnumerateArray().Select(e => e.GetString()).Should().Equal("社内ランク");
        plan.GetProperty("skippedSheets").EnumerateArray().Select(e => e.GetString()).Should().Equal("記入方法");
        plan.GetProperty("proposals").GetProperty("created").GetInt32().Should().Be(3);
        plan.GetProperty("rejected").EnumerateArray().Should().Contain(r => r.GetProperty("part").GetString() == "rep" && r.GetProperty("reasonJa").GetString() == "メールアドレスの形式が正しくありません");

        var db = await DbAsync(cli);
        db.Companies.Should().HaveCount(3);
        db.Reps.Select(r => r.Name.Display).Should().BeEquivalentTo("山田 太郎", "田中 三郎", "伊藤 美咲");
        db.Proposals.Should().HaveCount(3).And.OnlyContain(p => db.Companies.Any(c => c.Id == p.CompanyId));
        db.Interactions.Should().HaveCount(4).And.OnlyContain(i => db.Reps.Any(r => r.Id == i.RepId));
        db.Companies.Single(c => c.Name == "株式会社サンプル商事").CustomItems["company.note"].Text.Should().Be("2023年に担当交代。\n社長と旧知の仲");

        var rejected = await File.ReadAllTextAsync(cli.File("rejected.csv"), Encoding.UTF8);
        rejected.Should().Contain("sheet,line,部分,part,column,理由,reason,会社名,担当者名,フリガナ")
            .And.Contain("担当者,3,担当者,rep,メールアドレス,メールアドレスの形式が正しくありません,email domain has no dot,株式会社サンプル商事,佐藤 花子")
            .And.Contain("sheet,line,部分,part,column,理由,reason,会社名,担当者名,提案名")
            .And.Contain("提案,5,提案,proposal,会社名,");
    }

    [Fact]
    public async Task The_same_sheets_as_csv_files_give_the_same_kartes_as_the_workbook()
    {
        using var cli = new Cli();
        var xlsx = cli.File("代理店管理表.xlsx");
        RelationshipWorkbook.SaveXlsx(xlsx);
        var csvDir = Directory.CreateDirectory(cli.File("csv")).FullName;
        var csvFiles = RelationshipWorkbook.SaveCsvSet(csvDir);

        (await cli.RunAsync("import", "--file", xlsx, "--db", cli.File("xlsx.db"))).ExitCode.Should().Be(1);
        var args = new List<string> { "import", "--db", cli.File("csv.db") };
        foreach (var f in csvFiles)
        {
            args.AddRange(["--file", f]);
        }

        var csvRun = await cli.RunAsync([.. args]);

        csvRun.ExitCode.Should().Be(1, csvRun.ToString());
        csvRun.Stdout.Should().Contain("ShiftJis", "the first file read, 会社.csv, is Shift_JIS");
        var fromXlsx = await DbAsync(cli, "xlsx.db");
        var fromCsv = await DbAsync(cli, "csv.db");
        fromCsv.Companies.Should().BeEquivalentTo(fromXlsx.Companies, o => o.Excluding(c => c.ModifiedAt));
        fromCsv.Reps.Should().BeEquivalentTo(fromXlsx.Reps, o => o.Excluding(r => r.ModifiedAt));
        fromCsv.Proposals.Should().BeEquivalentTo(fromXlsx.Proposals, o => o.Excluding(p => p.ModifiedAt));
        fromCsv.Interactions.Should().BeEquivalentTo(fromXlsx.Interactions, o => o.Excluding(i => i.ModifiedAt));
    }

    [Fact]
    public async Task Karte_shows_the_notes_and_items_carried_over()
    {
        using var cli = new Cli();
        var xlsx = cli.File("代理店管理表.xlsx");
        RelationshipWorkbook.SaveXlsx(xlsx);
        await cli.RunAsync("import", "--file", xlsx);
        var db = await DbAsync(cli);

        var company = await cli.RunAsync("karte", "--company", db.Companies.Single(c => c.Name == "株式会社サンプル商事").Id.Value);
        company.Stdout.Should().Contain("備考・メモ").And.Contain("社長と旧知の仲").And.Contain("佐藤 一郎");

        var rep = await cli.RunAsync("karte", "--rep", db.Reps.Single(r => r.Name.Display == "山田 太郎").Id.Value);
        rep.Stdout.Should().Contain("担当者の備考・メモ").And.Contain("ゴルフ好き")
            .And.Contain("信頼度（旧管理表の手入力値）").And.Contain("自社への関心度（温度感）").And.Contain("新製品の勉強会を提案");
    }

    [Fact]
    public async Task Export_then_import_gives_the_same_kartes()
    {
        using var cli = new Cli();
        var xlsx = cli.File("代理店管理表.xlsx");
        RelationshipWorkbook.SaveXlsx(xlsx);
        await cli.RunAsync("import", "--file", xlsx);

        var export = await cli.RunAsync("export", "--dir", cli.File("out"), "--json");
        export.ExitCode.Should().Be(0, export.ToString());
        var again = await cli.RunAsync("export", "--dir", cli.File("out"));
        again.ExitCode.Should().Be(2, "existing files are never overwritten");

        var args = new List<string> { "import", "--db", cli.File("again.db") };
        foreach (var sheet in Enum.GetValues<KarteExportSheet>())
        {
            args.AddRange(["--file", Path.Combine(cli.File("out"), KarteSheetExport.FileName(sheet))]);
        }

        var reimport = await cli.RunAsync([.. args]);
        reimport.ExitCode.Should().Be(0, reimport.ToString());
        var first = await DbAsync(cli);
        var second = await DbAsync(cli, "again.db");
        second.Companies.Should().BeEquivalentTo(first.Companies, o => o.Excluding(c => c.ModifiedAt));
        second.Reps.Should().BeEquivalentTo(first.Reps, o => o.Excluding(r => r.ModifiedAt));
        second.Proposals.Should().BeEquivalentTo(first.Proposals, o => o.Excluding(p => p.ModifiedAt));
        second.Interactions.Should().BeEquivalentTo(first.Interactions, o => o.Excluding(i => i.ModifiedAt));
    }
}
