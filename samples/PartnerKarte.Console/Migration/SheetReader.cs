using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.ExceptionServices;
using MiniExcelLibs;
using PartnerKarte.Console.Cli;
using PartnerKarte.Migration;

namespace PartnerKarte.Console.Migration;

/// <summary>
/// Reads an .xlsx sheet (MiniExcel) into rows with their sheet row numbers, the first row being the header. Rows are
/// streamed, and a workbook is bounded before it is read: at most Excel's own 1,048,576 rows and 16,384 columns per
/// sheet, and at most <see cref="MaxExpandedBytes"/> once unzipped, so a small file that expands hugely cannot exhaust memory.
/// </summary>
internal static class SheetReader
{
    /// <summary>Excel's row limit per sheet.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Excel's column limit per sheet.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>The most a workbook may hold once unzipped (512 MiB).</summary>
    public const long MaxExpandedBytes = 512L * 1024 * 1024;

    public static IEnumerable<CsvRecord> ReadXlsx(string path, string? sheet, long maxExpandedBytes = MaxExpandedBytes, int maxRows = MaxRows)
    {
        var name = Path.GetFileName(path);
        var sheets = SheetNames(path, maxExpandedBytes);
        if (sheet is not null && !sheets.Contains(sheet, StringComparer.Ordinal))
        {
            throw CliException.BadInput($"--sheet: the workbook has no sheet '{sheet}' (sheets: {string.Join(", ", sheets)}).");
        }

        return Rows(path, name, sheet, maxRows);
    }

    /// <summary>Every sheet of a workbook (companies, reps, proposals, contact history …), each streamed when read.</summary>
    public static IReadOnlyList<ImportSheet> ReadWorkbook(string path, long maxExpandedBytes = MaxExpandedBytes, int maxRows = MaxRows)
    {
        var name = Path.GetFileName(path);
        return [.. SheetNames(path, maxExpandedBytes).Select(s => new ImportSheet(s, ReadAhead(Rows(path, name, s, maxRows))))];
    }

    /// <summary>
    /// The rows, parsed on a worker thread a few hundred rows ahead of the caller: unzipping and parsing a sheet's XML and
    /// importing its rows take about as long as each other, so on two cores they overlap. Rows are handed over in chunks
    /// (handing over each row would cost more than it saves). A failure of the reader surfaces after the rows before it;
    /// stopping early stops the reader.
    /// </summary>
    private static IEnumerable<CsvRecord> ReadAhead(IEnumerable<CsvRecord> source, int chunk = 512, int chunksAhead = 4)
    {
        using var buffer = new BlockingCollection<CsvRecord[]>(chunksAhead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var reader = Task.Factory.StartNew(
            () =>
            {
                var rows = new List<CsvRecord>(chunk);
                try
                {
                    try
                    {
                        foreach (var row in source)
                        {
                            rows.Add(row);
                            if (rows.Count == chunk)
                            {
                                buffer.Add([.. rows], stop.Token);
                                rows.Clear();
                            }
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                    {
                        failure = ExceptionDispatchInfo.Capture(ex);
                    }

                    // The rows read before the end, or before a failure (which surfaces after them).
                    if (rows.Count > 0)
                    {
                        buffer.Add([.. rows], stop.Token);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The caller stopped reading.
                }
                finally
                {
                    buffer.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var rows in buffer.GetConsumingEnumerable())
            {
                foreach (var row in rows)
                {
                    yield return row;
                }
            }

            reader.Wait();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            reader.Wait();
        }
    }

    /// <summary>The sheet names, after checking the workbook's unzipped size.</summary>
    public static IReadOnlyList<string> SheetNames(string path, long maxExpandedBytes = MaxExpandedBytes)
    {
        var name = Path.GetFileName(path);
        return Guard(name, () =>
        {
            using (var zip = ZipFile.OpenRead(path))
            {
                var expanded = zip.Entries.Sum(e => e.Length);
                if (expanded > maxExpandedBytes)
                {
                    throw CliException.BadInput($"{name}: the workbook expands to {expanded / (1024 * 1024):N0} MiB, more than the {maxExpandedBytes / (1024 * 1024):N0} MiB allowed; split it into smaller workbooks or save the sheet as CSV.");
                }
            }

            return (IReadOnlyList<string>)MiniExcel.GetSheetNames(path);
        });
    }

    private static IEnumerable<CsvRecord> Rows(string path, string name, string? sheet, int maxRows)
    {
        using var rows = Guard(name, () => MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet).GetEnumerator());
        var line = 0;
        while (Guard(name, rows.MoveNext))
        {
            line++;
            if (line > maxRows)
            {
                throw CliException.BadInput($"{name}: the sheet has more than {maxRows:N0} rows (Excel's own limit); nothing was imported.");
            }

            var row = (IDictionary<string, object?>)rows.Current;
            if (row.Count > MaxColumns)
            {
                throw CliException.BadInput($"{name}: row {line} has more than {MaxColumns:N0} columns (Excel's own limit); nothing was imported.");
            }

            yield return new CsvRecord(line, [.. row.Values.Select(Cell)]);
        }
    }

    private static T Guard<T>(string name, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException)
        {
            throw CliException.BadInput($"{name} is not a readable .xlsx workbook: {ex.Message}", ex);
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "はい" : "いいえ",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
