using System.Globalization;

namespace PartnerKarte.Migration;

/// <summary>Writes quarantined rows as <c>rejected.csv</c>: line, the part that failed (部分/part), column, the reason in
/// Japanese (理由) and in English (reason), then the original row's fields under the original headers, so the file can
/// be fixed and imported again. Rows of several sheets add a <c>sheet</c> column in front and come sheet by sheet, each
/// under a header line with its own sheet's columns.</summary>
public static class RejectedCsv
{
    /// <summary>The first columns, before the original headers.</summary>
    public static IReadOnlyList<string> LeadingHeaders { get; } = ["line", "部分", "part", "column", "理由", "reason"];

    /// <summary>Writes the rejected rows of a report.</summary>
    /// <param name="report">The import report.</param>
    /// <param name="writer">Where to write (the caller picks the encoding; UTF-8 with BOM opens well in Excel).</param>
    /// <param name="cancellationToken">Cancels between rows.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(ImportReport report, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var sheets = report.Rejected.Any(r => r.Sheet is not null);
        if (!sheets)
        {
            await writer.WriteLineAsync(string.Join(',', LeadingHeaders.Concat(report.Headers).Select(KarteCsv.Quote))).ConfigureAwait(false);
        }

        string? sheet = null;
        var first = true;
        foreach (var row in sheets ? report.Rejected.OrderBy(r => r.Sheet, StringComparer.Ordinal).ThenBy(r => r.LineNumber) : report.Rejected.AsEnumerable())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sheets && (first || row.Sheet != sheet))
            {
                // Rows of several sheets: each sheet's rows come under a header line of that sheet's own columns.
                sheet = row.Sheet;
                var headers = sheet is not null && report.SheetHeaders.TryGetValue(sheet, out var h) ? h : report.Headers;
                await writer.WriteLineAsync(string.Join(',', new[] { "sheet" }.Concat(LeadingHeaders).Concat(headers).Select(KarteCsv.Quote))).ConfigureAwait(false);
            }

            first = false;
            IEnumerable<string> cells =
            [
                row.LineNumber.ToString(CultureInfo.InvariantCulture), PartJa(row.Part), PartEn(row.Part), row.Column ?? string.Empty,
                row.Reason.Ja, row.Reason.En,
            ];
            if (sheets)
            {
                cells = cells.Prepend(row.Sheet ?? string.Empty);
            }

            await writer.WriteLineAsync(string.Join(',', cells.Concat(row.Fields).Select(KarteCsv.Quote))).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The part's Japanese name (行全体, 会社, 担当者, 提案, 接触履歴).</summary>
    /// <param name="part">The part.</param>
    /// <returns>The name.</returns>
    public static string PartJa(ImportRowPart part) => part switch
    {
        ImportRowPart.Company => "会社",
        ImportRowPart.Rep => "担当者",
        ImportRowPart.Proposal => "提案",
        ImportRowPart.Interaction => "接触履歴",
        _ => "行全体",
    };

    /// <summary>The part's English name (row, company, rep, proposal, interaction).</summary>
    /// <param name="part">The part.</param>
    /// <returns>The name.</returns>
    public static string PartEn(ImportRowPart part) => part switch
    {
        ImportRowPart.Company => "company",
        ImportRowPart.Rep => "rep",
        ImportRowPart.Proposal => "proposal",
        ImportRowPart.Interaction => "interaction",
        _ => "row",
    };
}
