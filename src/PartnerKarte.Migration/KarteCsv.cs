using System.Runtime.CompilerServices;
using System.Text;

namespace PartnerKarte.Migration;

/// <summary>
/// Reads and writes CSV as Japanese spreadsheets produce it: UTF-8 with or without BOM or Shift_JIS/CP932
/// (detected), comma separated, fields quoted with double quotes that may hold commas, doubled quotes and
/// line breaks (RFC 4180), CRLF or LF line ends.
/// </summary>
/// <remarks>
/// Files we write are opened in Excel, so <see cref="Quote"/> neutralises cells that a spreadsheet would run as a
/// formula (OWASP's CSV injection guidance: a leading <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets
/// an apostrophe in front); <see cref="ReadAsync"/> removes that apostrophe again, so such a file imports back unchanged.
/// </remarks>
public static class KarteCsv
{
    private static readonly Lazy<Encoding> ShiftJisEncoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    });

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Shift_JIS as Windows writes it (code page 932), registering the code pages provider on first use.</summary>
    public static Encoding ShiftJis => ShiftJisEncoding.Value;

    /// <summary>Detects the encoding of CSV bytes: a UTF-8 BOM or bytes that are valid UTF-8 mean UTF-8; otherwise CP932.</summary>
    /// <param name="bytes">The file's bytes (or a long enough prefix; a cut multi-byte character at the end is tolerated).</param>
    /// <returns><see cref="ImportEncoding.Utf8"/> or <see cref="ImportEncoding.ShiftJis"/>.</returns>
    public static ImportEncoding DetectEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return ImportEncoding.Utf8;
        }

        // Drop a possibly truncated UTF-8 sequence at the end of a prefix.
        var end = bytes.Length;
        for (var back = 1; back <= 3 && end - back >= 0; back++)
        {
            var b = bytes[end - back];
            if ((b & 0xC0) != 0x80)
            {
                var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                if (need > back)
                {
                    end -= back;
                }

                break;
            }
        }

        try
        {
            StrictUtf8.GetCharCount(bytes[..end]);
            return ImportEncoding.Utf8;
        }
        catch (DecoderFallbackException)
        {
            return ImportEncoding.ShiftJis;
        }
    }

    /// <summary>
    /// Whether the bytes mix encodings line by line: some lines are valid UTF-8 with Japanese text (two or more non-ASCII
    /// characters) and others are not UTF-8 at all (typically Shift_JIS pasted into a UTF-8 file, or the reverse).
    /// </summary>
    /// <param name="bytes">The file's first bytes.</param>
    /// <param name="utf8Line">The first line that is UTF-8 with Japanese text.</param>
    /// <param name="otherLine">The first line that is not UTF-8.</param>
    /// <returns>Whether both kinds of line occur.</returns>
    internal static bool MixesEncodings(ReadOnlySpan<byte> bytes, out int utf8Line, out int otherLine)
    {
        utf8Line = 0;
        otherLine = 0;
        var line = 1;
        var complete = bytes.LastIndexOf((byte)'\n') + 1; // a last, possibly truncated line is left out
        var rest = bytes[..complete];
        while (!rest.IsEmpty && (utf8Line == 0 || otherLine == 0))
        {
            var nl = rest.IndexOf((byte)'\n');
            var current = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? default : rest[(nl + 1)..];
            if (current.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0)
            {
                try
                {
                    var text = StrictUtf8.GetString(current);
                    if (utf8Line == 0 && text.Count(c => c > 0x7F) >= 2)
                    {
                        utf8Line = line;
                    }
                }
                catch (DecoderFallbackException)
                {
                    otherLine = otherLine == 0 ? line : otherLine;
                }
            }

            line++;
        }

        return utf8Line > 0 && otherLine > 0;
    }

    /// <summary>The .NET encoding for an <see cref="ImportEncoding"/>, detecting from <paramref name="bytes"/> for <see cref="ImportEncoding.Auto"/>.</summary>
    /// <param name="encoding">The requested encoding.</param>
    /// <param name="bytes">The file's first bytes, used for detection.</param>
    /// <returns>The encoding.</returns>
    public static Encoding Resolve(ImportEncoding encoding, ReadOnlySpan<byte> bytes) =>
        (encoding == ImportEncoding.Auto ? DetectEncoding(bytes) : encoding) == ImportEncoding.ShiftJis ? ShiftJis : new UTF8Encoding(false);

    /// <summary>Reads CSV records from text, keeping the line each record starts on.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="cancellationToken">Cancels between records.</param>
    /// <returns>The records in file order.</returns>
    /// <exception cref="CsvFormatException">A quoted field is never closed, or closes on a later line and runs on into
    /// text: either would swallow rows into one cell, so the file is refused with the line where the field starts.</exception>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        var buffer = new char[16384];
        var pendingQuote = false; // a quote seen inside quotes: either the end of the field or the first of a doubled pair
        var pendingCr = false;
        var quoteLine = 0; // where the current quoted field opened
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (c == '\n')
                    {
                        continue; // CRLF already ended the record
                    }
                }

                if (pendingQuote)
                {
                    pendingQuote = false;
                    if (c == '"')
                    {
                        field.Append('"');
                        continue;
                    }

                    inQuotes = false; // the quote closed the field; fall through to handle c
                    if (line != quoteLine && c is not (',' or '\r' or '\n'))
                    {
                        throw new CsvFormatException(
                            quoteLine,
                            "引用符（\"）で始まる項目が複数行にわたり、閉じた後にも文字が続いています。引用符の対応を確認してください",
                            "a quoted field runs over several lines and text follows its closing quote; check the quotes");
                    }
                }

                if (inQuotes)
                {
                    if (c == '"')
                    {
                        pendingQuote = true;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"' when !fieldStarted || field.Length == 0:
                        inQuotes = true;
                        fieldStarted = true;
                        quoteLine = line;
                        break;
                    case ',':
                        fields.Add(Take(field));
                        field.Clear();
                        fieldStarted = false;
                        break;
                    case '\r' or '\n':
                        fields.Add(Take(field));
                        field.Clear();
                        fieldStarted = false;
                        yield return new CsvRecord(recordLine, fields.ToArray());
                        fields.Clear();
                        line++;
                        recordLine = line;
                        pendingCr = c == '\r';
                        cancellationToken.ThrowIfCancellationRequested();
                        break;
                    default:
                        field.Append(c);
                        fieldStarted = true;
                        break;
                }
            }
        }

        if (inQuotes && !pendingQuote)
        {
            throw new CsvFormatException(
                quoteLine,
                "引用符（\"）で始まる項目がファイルの終わりまで閉じられていません。以降の行が 1 つのセルに入ってしまうため、ファイル全体を取り込みません",
                "a quoted field is never closed; every later row would end up in one cell, so the file is not imported");
        }

        if (field.Length > 0 || fields.Count > 0 || fieldStarted)
        {
            fields.Add(Take(field));
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }

    /// <summary>
    /// Quotes a field for a CSV file meant for a spreadsheet: a cell a spreadsheet would run as a formula gets an
    /// apostrophe in front (and is quoted), and a field holding a comma, quote or line break is quoted.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <returns>The field as it goes into a CSV line.</returns>
    public static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        if (IsFormulaTrigger(field[0]))
        {
            field = "'" + field;
            return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    /// <summary>The characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).</summary>
    private static bool IsFormulaTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The field's text, without the apostrophe <see cref="Quote"/> puts before a formula trigger.</summary>
    private static string Take(System.Text.StringBuilder field)
    {
        var text = field.Length >= 2 && field[0] == '\'' && IsFormulaTrigger(field[1]) ? field.ToString(1, field.Length - 1) : field.ToString();
        field.Clear();
        return text;
    }
}
