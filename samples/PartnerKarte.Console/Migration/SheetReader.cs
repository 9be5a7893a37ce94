using System.Globalization;
using MiniExcelLibs;
using PartnerKarte.Console.Cli;
using PartnerKarte.Migration;

namespace PartnerKarte.Console.Migration;

/// <summary>Reads an .xlsx sheet (MiniExcel) into rows with their sheet row numbers, the first row being the header.</summary>
internal static class SheetReader
{
    public static IReadOnlyList<CsvRecord> ReadXlsx(string path, string? sheet)
    {
        try
        {
            if (sheet is not null && !MiniExcel.GetSheetNames(path).Contains(sheet, StringComparer.Ordinal))
            {
                throw CliException.BadInput($"--sheet: the workbook has no sheet '{sheet}' (sheets: {string.Join(", ", MiniExcel.GetSheetNames(path))}).");
            }

            var records = new List<CsvRecord>();
            var line = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet))
            {
                line++;
                records.Add(new CsvRecord(line, [.. row.Values.Select(Cell)]));
            }

            // Trailing empty cells are not columns.
            return records;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException)
        {
            throw CliException.BadInput($"{Path.GetFileName(path)} is not a readable .xlsx workbook: {ex.Message}", ex);
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
