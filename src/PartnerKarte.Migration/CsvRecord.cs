namespace PartnerKarte.Migration;

/// <summary>One record of a CSV file: its fields and where it started.</summary>
/// <param name="LineNumber">The 1-based line the record starts on (a quoted field may span several lines).</param>
/// <param name="Fields">The fields, unquoted.</param>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);
