using System.Text;
using PartnerKarte.Migration;

namespace PartnerKarte.Migration.Tests.Import;

public class KarteCsvTests
{
    private static async Task<List<CsvRecord>> ReadAsync(string text)
    {
        var list = new List<CsvRecord>();
        await foreach (var r in KarteCsv.ReadAsync(new StringReader(text)))
        {
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public async Task Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var records = await ReadAsync("a,b,c\r\n\"東京都,港区\",\"彼は\"\"はい\"\"と言った\",\"1行目\r\n2行目\"\r\nx,,z\n");

        records.Select(r => r.LineNumber).Should().Equal(1, 2, 4);
        records[1].Fields.Should().Equal("東京都,港区", "彼は\"はい\"と言った", "1行目\r\n2行目");
        records[2].Fields.Should().Equal("x", "", "z");
    }

    [Fact]
    public async Task The_last_line_needs_no_line_break() =>
        (await ReadAsync("a,b\n1,2")).Last().Fields.Should().Equal("1", "2");

    [Fact]
    public void Encodings_are_detected()
    {
        KarteCsv.DetectEncoding(KarteCsv.ShiftJis.GetBytes("会社名,担当者名\r\n株式会社サンプル,山田")).Should().Be(ImportEncoding.ShiftJis);
        KarteCsv.DetectEncoding(Encoding.UTF8.GetBytes("会社名,担当者名")).Should().Be(ImportEncoding.Utf8);
        KarteCsv.DetectEncoding([0xEF, 0xBB, 0xBF, (byte)'a']).Should().Be(ImportEncoding.Utf8);
        KarteCsv.DetectEncoding(Encoding.UTF8.GetBytes("会社名")[..^1]).Should().Be(ImportEncoding.Utf8, "a character cut at the end of the prefix is tolerated");
    }

    [Fact]
    public async Task A_quote_that_is_never_closed_refuses_the_file_naming_the_line_it_opens_on()
    {
        var read = () => ReadAsync("会社名,備考\n株式会社A,\"注意\n株式会社B,ok\n株式会社C,ok\n");

        (await read.Should().ThrowAsync<CsvFormatException>()).Which.LineNumber.Should().Be(2);
    }

    [Fact]
    public async Task A_quote_that_closes_on_a_later_line_inside_text_refuses_the_file()
    {
        var read = () => ReadAsync("会社名,備考\n株式会社A,\"注意\n株式会社B,o\"k\n株式会社C,ok\n");

        (await read.Should().ThrowAsync<CsvFormatException>()).Which.LineNumber.Should().Be(2);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_on_the_same_line_is_kept_as_before() =>
        (await ReadAsync("a,b\n\"株式会社\"サンプル,2\n")).Last().Fields.Should().Equal("株式会社サンプル", "2");

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+81-3-1234-5678", "\"'+81-3-1234-5678\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_neutralised(string field, string expected) => KarteCsv.Quote(field).Should().Be(expected);

    [Fact]
    public async Task Neutralised_cells_read_back_as_they_were()
    {
        string[] cells = ["=1+1", "+81-3-1234-5678", "-5", "@x", "'quoted already", "普通の値", "a,b"];

        var records = await ReadAsync(string.Join(',', cells.Select(KarteCsv.Quote)) + "\r\n");

        records.Single().Fields.Should().Equal(cells);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Quote_escapes_only_when_needed(string field, string expected) => KarteCsv.Quote(field).Should().Be(expected);
}
