namespace PartnerKarte.Migration;

/// <summary>Writes quarantined rows as <c>rejected.csv</c>: line, column, reason, then the original row's fields
/// under the original headers, so the file can be fixed and imported again.</summary>
public static class RejectedCsv
{
    /// <summary>Writes the rejected rows of a report.</summary>
    /// <param name="report">The import report.</param>
    /// <param name="writer">Where to write (the caller picks the encoding; UTF-8 with BOM opens well in Excel).</param>
    /// <param name="cancellationToken">Cancels between rows.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(ImportReport report, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(string.Join(',', new[] { "line", "column", "reason" }.Concat(report.Headers).Select(KarteCsv.Quote))).ConfigureAwait(false);
        foreach (var row in report.Rejected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cells = new[] { row.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Column ?? string.Empty, row.Reason }.Concat(row.Fields);
            await writer.WriteLineAsync(string.Join(',', cells.Select(KarteCsv.Quote))).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
