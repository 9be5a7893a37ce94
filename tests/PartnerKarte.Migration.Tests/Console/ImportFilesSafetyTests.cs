using System.Text;
using System.Text.Json;
using PartnerKarte.Migration.Tests.Import;
using PartnerKarte.Migration.Tests.Support;

namespace PartnerKarte.Migration.Tests.Console;

/// <summary>The files an import writes (and does not write): no overwrite, nothing in a dry run, safe to open in Excel, and broken files refused.</summary>
public class ImportFilesSafetyTests
{
    [Fact]
    public async Task A_dry_run_creates_no_store_and_no_report_file()
    {
        using var cli = new Cli();
        var csv = cli.File("代理店管理表.csv");
        await File.WriteAllBytesAsync(csv, MessyCsvFixture.Cp932Bytes());

        var dry = await cli.RunAsync("import", "--file", csv, "--dry-run", "--json");

        dry.ExitCode.Should().Be(1, "the plan rejects rows: " + dry);
        using var json = JsonDocument.Parse(dry.Stdout);
        json.RootElement.GetProperty("plan").GetProperty("rejected").GetArrayLength().Should().Be(5);
        Directory.GetFiles(cli.Directory).Select(Path.GetFileName).Should().Equal(["代理店管理表.csv"], "a dry run writes nothing: no store, no rejected.csv, no duplicates.csv");
    }

    [Fact]
    public async Task Files_that_are_already_there_are_never_overwritten()
    {
        using var cli = new Cli();
        var csv = cli.File("代理店管理表.csv");
        await File.WriteAllBytesAsync(csv, MessyCsvFixture.Cp932Bytes());
        await File.WriteAllTextAsync(cli.File("rejected.csv"), "私のメモ");
        await File.WriteAllTextAsync(cli.File("duplicates.csv"), "my notes");

        var first = await cli.RunAsync("import", "--file", csv, "--json");
        var second = await cli.RunAsync("import", "--file", csv, "--json");

        (await File.ReadAllTextAsync(cli.File("rejected.csv"))).Should().Be("私のメモ");
        (await File.ReadAllTextAsync(cli.File("duplicates.csv"))).Should().Be("my notes");
        Files(first).Should().Equal(cli.File("rejected-2.csv"), cli.File("duplicates-2.csv"));
        Files(second).Should().Equal(cli.File("rejected-3.csv"), cli.File("duplicates-3.csv")); // the first run's files are kept too
        (await File.ReadAllLinesAsync(cli.File("rejected-2.csv"), Encoding.UTF8))[0].Should().StartWith("line,部分,part,column,理由,reason,");

        static string[] Files(CliResult run)
        {
            using var json = JsonDocument.Parse(run.Stdout);
            var files = json.RootElement.GetProperty("files");
            return [files.GetProperty("rejected").GetString()!, files.GetProperty("duplicates").GetString()!];
        }
    }

    [Fact]
    public async Task Formula_cells_reach_rejected_csv_neutralised_and_import_back_unchanged()
    {
        using var cli = new Cli();
        var csv = cli.File("sheet.csv");
        await File.WriteAllTextAsync(csv, "会社名,担当者名,メールアドレス\r\n=HYPERLINK(\"http://example.invalid\"),山田 太郎,bad@@example.co.jp\r\n", new UTF8Encoding(true));

        var run = await cli.RunAsync("import", "--file", csv, "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        var lines = await File.ReadAllLinesAsync(cli.File("rejected.csv"), Encoding.UTF8);
        lines[1].Should().Contain("\"'=HYPERLINK(\"\"http://example.invalid\"\")\"", "Excel must show the text, not run the formula");
        lines[1].Should().NotContain(",=HYPERLINK");
        var records = new List<CsvRecord>();
        await foreach (var r in KarteCsv.ReadAsync(new StringReader(string.Join("\r\n", lines))))
        {
            records.Add(r);
        }

        records[1].Fields[RejectedCsv.LeadingHeaders.Count].Should().Be("=HYPERLINK(\"http://example.invalid\")", "the apostrophe is removed again when the file is read back");
    }

    [Fact]
    public async Task A_quote_that_is_never_closed_refuses_the_file_with_its_line_and_imports_nothing()
    {
        using var cli = new Cli();
        var csv = cli.File("sheet.csv");
        await File.WriteAllTextAsync(csv, "会社名,担当者名,備考\r\n株式会社サンプル,山田 太郎,ok\r\n東京テクノ株式会社,佐藤 花子,\"要注意\r\n有限会社やまだ屋,田中 三郎,ok\r\n", new UTF8Encoding(true));

        var run = await cli.RunAsync("import", "--file", csv, "--json");

        run.ExitCode.Should().Be(2, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Contain("3 行目").And.Contain("line 3");
        if (File.Exists(cli.File("partnerkarte.db")))
        {
            (await Kartes.LoadAllAsync(new PartnerKarte.Connectors.Sqlite.SqliteKarteConnector(new() { Path = cli.File("partnerkarte.db") })))
                .Companies.Should().BeEmpty("nothing was imported");
        }
    }
}
