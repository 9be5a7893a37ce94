namespace PartnerKarte.Migration;

/// <summary>One sheet of a workbook, or one CSV file of a set, for <see cref="KarteImporter.ImportSheets"/>.</summary>
/// <param name="Name">The sheet or file name (会社, 担当者, 提案, 接触履歴 …); it names the sheet in the report and
/// in <c>rejected.csv</c>, and tells what the sheet holds.</param>
/// <param name="Rows">The rows with their line numbers; the first non-blank row is the header row.</param>
/// <param name="Kind">What the sheet holds; <see langword="null"/> recognises it by its name, else by its headers.</param>
public sealed record ImportSheet(string Name, IEnumerable<CsvRecord> Rows, ImportSheetKind? Kind = null);
