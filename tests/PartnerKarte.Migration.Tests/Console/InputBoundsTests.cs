using System.Text;
using MiniExcelLibs;
using PartnerKarte.Console.Cli;
using PartnerKarte.Console.Migration;
using PartnerKarte.Migration.Tests.Support;

namespace PartnerKarte.Migration.Tests.Console;

/// <summary>Input that used to be ignored silently or to crash: each is refused with a message and exit 2.</summary>
public class InputBoundsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("yesterday")]
    public async Task An_unusable_as_of_value_is_refused(string asOf)
    {
        using var cli = new Cli();

        var run = await cli.RunAsync("sync", "--as-of", asOf, "--json");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stdout.Should().Contain("--as-of");
    }

    [Fact]
    public async Task Sheet_on_a_csv_file_is_refused()
    {
        using var cli = new Cli();
        await File.WriteAllTextAsync(cli.File("a.csv"), "会社名\r\n株式会社サンプル\r\n");

        var run = await cli.RunAsync("import", "--file", cli.File("a.csv"), "--sheet", "Sheet1");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--sheet");
    }

    [Fact]
    public async Task A_utf16_file_is_refused_with_how_to_save_it_again()
    {
        using var cli = new Cli();
        await File.WriteAllTextAsync(cli.File("unicode.csv"), "会社名\t担当者名\r\n株式会社サンプル\t山田 太郎\r\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        var run = await cli.RunAsync("import", "--file", cli.File("unicode.csv"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("UTF-16").And.Contain("CSV UTF-8");
    }

    [Fact]
    public void A_workbook_is_bounded_by_rows_and_by_its_unzipped_size()
    {
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "big.xlsx");
        MiniExcel.SaveAs(xlsx, Enumerable.Range(0, 50).Select(i => new Dictionary<string, object?> { ["会社名"] = $"株式会社{i}", ["備考"] = new string('あ', 200) }));

        var tooManyRows = () => SheetReader.ReadXlsx(xlsx, null, maxRows: 20).ToList();
        var tooLarge = () => SheetReader.ReadXlsx(xlsx, null, maxExpandedBytes: 1024).ToList();

        tooManyRows.Should().Throw<CliException>().WithMessage("*more than 20 rows*");
        tooLarge.Should().Throw<CliException>().WithMessage("*expands to*");
        SheetReader.ReadXlsx(xlsx, null).Should().HaveCount(51, "the header and 50 rows fit the default bounds");
    }

    [Fact]
    public void A_workbook_read_ahead_keeps_row_order_reports_the_bound_after_the_rows_before_it_and_stops_when_the_caller_stops()
    {
        using var dir = new TempDir();
        var xlsx = Path.Combine(dir.Path, "big.xlsx");
        MiniExcel.SaveAs(xlsx, Enumerable.Range(0, 2000).Select(i => new Dictionary<string, object?> { ["会社名"] = $"株式会社{i}" }));

        var rows = SheetReader.ReadWorkbook(xlsx).Single().Rows.ToList();
        rows.Select(r => r.LineNumber).Should().Equal(Enumerable.Range(1, 2001), "rows read ahead arrive in sheet order");
        rows[^1].Fields[0].Should().Be("株式会社1999");

        var seen = new List<CsvRecord>();
        var bounded = () =>
        {
            foreach (var row in SheetReader.ReadWorkbook(xlsx, maxRows: 1500).Single().Rows)
            {
                seen.Add(row);
            }
        };
        bounded.Should().Throw<CliException>().WithMessage("*more than 1,500 rows*");
        seen.Should().HaveCount(1500, "the rows before the bound are handed over first");

        SheetReader.ReadWorkbook(xlsx).Single().Rows.Take(3).Should().HaveCount(3, "stopping early ends the reader");
    }
}
