using System.Text;
using PartnerKarte.Karte;

namespace PartnerKarte.Migration;

/// <summary>
/// Imports partner kartes from a spreadsheet (代理店管理表): one row per company, per rep, or per rep with
/// the company columns repeated. Rows are validated (bad ones are quarantined with line, column and reason),
/// companies and reps are deduplicated with the Japanese-aware <see cref="KarteMatcher"/> (株式会社/(株)
/// variants, widths, kana, corporate number, domain; reps by email or name at the same company), and the
/// result is a <see cref="KarteDataSet"/> to upsert plus an <see cref="ImportReport"/> that doubles as the
/// dry-run plan. Nothing is written here; the caller writes the data set with a connector
/// (<c>KarteConnector.UpsertKarteAsync</c>) when <see cref="ImportReport.CanWrite"/>.
/// </summary>
/// <remarks>Ids of new records are derived from their content (corporate number or name; email or name), so
/// importing the same file again yields the same ids and upserts are idempotent.</remarks>
public static class KarteImporter
{
    private const int DetectionPrefix = 64 * 1024;

    /// <summary>Imports a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The data set and report.</returns>
    public static async Task<ImportResult> ImportCsvAsync(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await ImportCsvAsync(stream, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports CSV from a stream (UTF-8 with or without BOM, or Shift_JIS/CP932; see <see cref="ImportOptions.Encoding"/>).</summary>
    /// <param name="stream">The CSV bytes; left open.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The data set and report.</returns>
    public static async Task<ImportResult> ImportCsvAsync(Stream stream, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new ImportOptions();
        options.Validate();

        // Read a prefix for detection, then replay it in front of the rest of the stream.
        var prefix = new byte[DetectionPrefix];
        var filled = await FillAsync(stream, prefix, cancellationToken).ConfigureAwait(false);
        CheckPrefix(prefix, filled, options);
        var session = new ImportSession(options);
        var kind = await ReadCsvAsync(stream, prefix, filled, options, session, cancellationToken).ConfigureAwait(false);
        return session.Finish(kind);
    }

    /// <summary>
    /// Imports a set of CSV files as one workbook: companies, reps, proposals and contact history (会社.csv, 担当者.csv,
    /// 提案.csv, 接触履歴.csv), each recognised by its file name, else by its headers. Proposals and contact history are read
    /// after the companies and reps, whatever the order of the files, and link to them by id, name or e-mail.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>The data set and report (the encoding is the first file's).</returns>
    public static async Task<ImportResult> ImportCsvFilesAsync(IReadOnlyList<string> paths, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new ImportOptions();
        options.Validate();
        var session = new ImportSession(options);
        ImportEncoding? first = null;
        foreach (var path in paths.OrderBy(p => ImportSession.SheetRank(Path.GetFileNameWithoutExtension(p))))
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var prefix = new byte[DetectionPrefix];
                var filled = await FillAsync(stream, prefix, cancellationToken).ConfigureAwait(false);
                CheckPrefix(prefix, filled, options);
                session.BeginSheet(Path.GetFileNameWithoutExtension(path), null);
                var kind = await ReadCsvAsync(stream, prefix, filled, options, session, cancellationToken).ConfigureAwait(false);
                first ??= kind;
            }
        }

        return session.Finish(first ?? ImportEncoding.Auto);
    }

    /// <summary>
    /// Imports the sheets of a workbook (companies, reps, proposals, contact history) as one import: a company or rep
    /// met on several sheets is one record, and proposals and contact history keep their links to them.
    /// </summary>
    /// <param name="sheets">The sheets, in any order: companies are read first, then reps, then proposals and contact history.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    /// <returns>The data set and report.</returns>
    public static ImportResult ImportSheets(IEnumerable<ImportSheet> sheets, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        options ??= new ImportOptions();
        options.Validate();
        var session = new ImportSession(options);
        foreach (var sheet in sheets.OrderBy(s => ImportSession.SheetRank(s.Name)))
        {
            session.BeginSheet(sheet.Name, sheet.Kind);
            foreach (var record in sheet.Rows)
            {
                session.Add(record);
            }
        }

        return session.Finish(ImportEncoding.Auto);
    }

    private static async Task<int> FillAsync(Stream stream, byte[] prefix, CancellationToken cancellationToken)
    {
        var filled = 0;
        int n;
        while (filled < prefix.Length && (n = await stream.ReadAsync(prefix.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += n;
        }

        return filled;
    }

    private static void CheckPrefix(byte[] prefix, int filled, ImportOptions options)
    {
        if (filled >= 2 && ((prefix[0] == 0xFF && prefix[1] == 0xFE) || (prefix[0] == 0xFE && prefix[1] == 0xFF)))
        {
            // Excel's "Unicode text" is UTF-16 and tab-separated: read as UTF-8 or Shift_JIS it would be garbage.
            throw new CsvFormatException(
                1,
                "ファイルが UTF-16（Excel の「Unicode テキスト」）で保存されています。「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください",
                "the file is UTF-16 (Excel's \"Unicode Text\"); save it again as \"CSV UTF-8 (Comma delimited)\" or \"CSV (Comma delimited)\"");
        }

        if (options.Encoding == ImportEncoding.Auto && KarteCsv.MixesEncodings(prefix.AsSpan(0, filled), out var utf8Line, out var otherLine))
        {
            throw MixedEncodings(Math.Min(utf8Line, otherLine), utf8Line, otherLine);
        }
    }

    private static async Task<ImportEncoding> ReadCsvAsync(Stream stream, byte[] prefix, int filled, ImportOptions options, ImportSession session, CancellationToken cancellationToken)
    {
        var kind = options.Encoding == ImportEncoding.Auto ? KarteCsv.DetectEncoding(prefix.AsSpan(0, filled)) : options.Encoding;
        // UTF-8 is decoded strictly: bytes of another encoding further down the file refuse the file instead of turning into U+FFFD.
        var encoding = kind == ImportEncoding.Utf8 ? new UTF8Encoding(false, throwOnInvalidBytes: true) : KarteCsv.Resolve(kind, default);
        var combined = new PrefixedStream(prefix, filled, stream);
        using var reader = new StreamReader(combined, encoding, detectEncodingFromByteOrderMarks: kind == ImportEncoding.Utf8, bufferSize: 1 << 16, leaveOpen: true);
        var lastLine = 1;
        try
        {
            await foreach (var record in KarteCsv.ReadAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                lastLine = record.LineNumber;
                session.Add(record);
            }
        }
        catch (DecoderFallbackException)
        {
            throw MixedEncodings(lastLine, lastLine > 1 ? 1 : 0, lastLine);
        }

        return kind;
    }

    /// <summary>Imports rows already read from a spreadsheet (e.g. an .xlsx sheet): the first record is the header row.</summary>
    /// <param name="records">The rows with their line numbers.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    /// <returns>The data set and report.</returns>
    public static ImportResult ImportRows(IEnumerable<CsvRecord> records, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new ImportOptions();
        options.Validate();
        var session = new ImportSession(options);
        foreach (var record in records)
        {
            session.Add(record);
        }

        return session.Finish(ImportEncoding.Auto);
    }

    /// <summary>Replays a buffered prefix before the rest of a stream (the source may not be seekable).</summary>
    private sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position < prefixLength)
            {
                var n = Math.Min(buffer.Length, prefixLength - position);
                prefix.AsSpan(position, n).CopyTo(buffer);
                position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position < prefixLength)
            {
                return Read(buffer.Span);
            }

            return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static CsvFormatException MixedEncodings(int line, int utf8Line, int otherLine) => new(
        line,
        $"ファイルの中で文字コードが混在しています（UTF-8 の行{(utf8Line > 0 ? $" {utf8Line} 行目" : "")}と UTF-8 でない行 {otherLine} 行目付近、Shift_JIS など）。文字化けを避けるため取り込みません。Excel で開いて「CSV UTF-8（コンマ区切り）」で保存し直してください",
        $"the file mixes encodings (UTF-8 text{(utf8Line > 0 ? $" on line {utf8Line}" : "")} and bytes that are not UTF-8, e.g. Shift_JIS, on or after line {otherLine}); it was refused rather than imported as garbled text. Open it in Excel and save it again as \"CSV UTF-8 (Comma delimited)\"");
}
