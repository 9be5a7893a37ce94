using System.Text;
using PartnerKarte.Migration;

namespace PartnerKarte.Core.Tests.Migration;

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

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Quote_escapes_only_when_needed(string field, string expected) => KarteCsv.Quote(field).Should().Be(expected);
}
