namespace PartnerKarte.Migration;

/// <summary>A row, or part of a row, that was not imported, with why (one entry of <c>rejected.csv</c>).
/// Holds personal data: write it to the rejected file, never to logs.</summary>
/// <param name="LineNumber">The 1-based line the row starts on in the source file.</param>
/// <param name="Column">The header of the offending column, or <see langword="null"/> when the row as a whole is at fault.</param>
/// <param name="Reason">Why the row was rejected, in Japanese (理由) and English.</param>
/// <param name="Fields">The row's original fields, as read.</param>
public sealed record QuarantinedRow(int LineNumber, string? Column, LocalizedText Reason, IReadOnlyList<string> Fields)
{
    /// <summary>The part of the row that was rejected; for <see cref="ImportRowPart.Rep"/> and
    /// <see cref="ImportRowPart.Interaction"/> the row's company was imported all the same.</summary>
    public ImportRowPart Part { get; init; }

    /// <summary>The sheet or file the row came from, when the import read several (会社, 担当者, 提案, 接触履歴).</summary>
    public string? Sheet { get; init; }
}
