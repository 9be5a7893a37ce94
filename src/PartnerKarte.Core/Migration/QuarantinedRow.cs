namespace PartnerKarte.Migration;

/// <summary>A row that was not imported, with why (one entry of <c>rejected.csv</c>).
/// Holds personal data: write it to the rejected file, never to logs.</summary>
/// <param name="LineNumber">The 1-based line the row starts on in the source file.</param>
/// <param name="Column">The header of the offending column, or <see langword="null"/> when the row as a whole is at fault.</param>
/// <param name="Reason">Why the row was rejected, in plain English.</param>
/// <param name="Fields">The row's original fields, as read.</param>
public sealed record QuarantinedRow(int LineNumber, string? Column, string Reason, IReadOnlyList<string> Fields);
