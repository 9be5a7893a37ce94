using System.Globalization;
using System.Text;
using PartnerKarte.Migration;

namespace PartnerKarte.Migration.Tests.Import;

/// <summary>
/// Encodings are checked over the whole file, not only the first block read for detection: a file that changes encoding
/// after 64 KB is refused with the one file-level message naming the line, never imported as garbled text.
/// </summary>
public sealed class MixedEncodingTests : IDisposable
{
    private const int Rows = 4000; // > 64 KB in either encoding
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-mixed-").FullName;

    private static Encoding Sjis => KarteCsv.ShiftJis;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The header and <see cref="Rows"/> rows in <paramref name="head"/>, then one row in <paramref name="tail"/> on line <see cref="Rows"/> + 2.</summary>
    private static byte[] File(Encoding head, Encoding tail)
    {
        var text = new StringBuilder("取引先,担当者\n");
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"株式会社さくら販売{i},田中 太郎{i}\n");
        }

        var bytes = head.GetBytes(text.ToString()).ToList();
        bytes.Count.Should().BeGreaterThan(64 * 1024);
        bytes.AddRange(tail.GetBytes("株式会社みなと商事,佐藤 花子\n"));
        return [.. bytes];
    }

    public static TheoryData<string, bool> Cases => new()
    {
        { "utf8-then-sjis", true },
        { "utf8-then-sjis", false },
        { "sjis-then-utf8", true },
        { "sjis-then-utf8", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_change_of_encoding_after_64_KB_refuses_the_file_naming_the_line(string order, bool seekable)
    {
        var utf8 = new UTF8Encoding(false);
        var bytes = order == "utf8-then-sjis" ? File(utf8, Sjis) : File(Sjis, utf8);
        Stream stream = seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);

        var refused = (await FluentActions.Awaiting(() => KarteImporter.ImportCsvAsync(stream)).Should().ThrowAsync<CsvFormatException>()).Which;

        refused.LineNumber.Should().Be(Rows + 2, "the line where the second encoding first appears");
        refused.Message.Should().Contain("文字コードが混在").And.Contain("mixes encodings").And.Contain($"line {Rows + 2}").And.NotContain("\uFFFD");
    }

    [Fact]
    public async Task A_refusal_of_a_file_names_the_file()
    {
        var path = Path.Combine(_dir, "代理店管理表.csv");
        await System.IO.File.WriteAllBytesAsync(path, File(Sjis, new UTF8Encoding(false)));

        var refused = (await FluentActions.Awaiting(() => KarteImporter.ImportCsvAsync(path)).Should().ThrowAsync<CsvFormatException>()).Which;

        refused.FileName.Should().Be("代理店管理表.csv");
        refused.Message.Should().StartWith("代理店管理表.csv: ").And.Contain("mixes encodings");
        (await FluentActions.Awaiting(() => KarteImporter.ImportCsvFilesAsync([path])).Should().ThrowAsync<CsvFormatException>())
            .Which.FileName.Should().Be("代理店管理表.csv");
    }

    [Fact]
    public async Task A_shift_jis_file_whose_first_64_KB_are_ascii_is_read_as_shift_jis()
    {
        var text = new StringBuilder("Company\n");
        for (var i = 0; text.Length < 70_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Sakura Hanbai {i}\n");
        }

        text.Append("株式会社みなと商事\n");
        var result = await KarteImporter.ImportCsvAsync(new MemoryStream(Sjis.GetBytes(text.ToString())));

        result.Report.Encoding.Should().Be(ImportEncoding.ShiftJis);
        result.Data.Companies.Should().Contain(c => c.Name == "株式会社みなと商事");
    }

    [Fact]
    public async Task A_consistent_file_larger_than_64_KB_imports_in_either_encoding()
    {
        foreach (var (encoding, kind) in new (Encoding, ImportEncoding)[] { (new UTF8Encoding(false), ImportEncoding.Utf8), (Sjis, ImportEncoding.ShiftJis) })
        {
            var result = await KarteImporter.ImportCsvAsync(new MemoryStream(File(encoding, encoding)));
            result.Report.Encoding.Should().Be(kind);
            result.Report.Headers.Should().Equal("取引先", "担当者");
            result.Report.RowsRead.Should().Be(Rows + 1);
        }
    }

    /// <summary>A stream that can be read once, front to back (a pipe, an upload).</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
