using System.Globalization;
using System.Text;
using PartnerKarte.Migration;

namespace PartnerKarte.Console.Migration;

/// <summary>The report files of an import: <c>rejected.csv</c> and <c>duplicates.csv</c>, UTF-8 with BOM so Excel opens them.</summary>
internal static class ImportFiles
{
    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteRejectedAsync(ImportReport report, string path, CancellationToken cancellationToken)
    {
        if (report.Rejected.Count == 0)
        {
            File.Delete(path); // a stale file from an earlier run would mislead
            return;
        }

        var writer = new StreamWriter(path, append: false, Utf8Bom);
        await using (writer.ConfigureAwait(false))
        {
            await RejectedCsv.WriteAsync(report, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every merge decision and review candidate: what was done, the line, both sides, score and reasons.
    /// A merge is reversed by importing again with <c>--keep-separate LINE</c>.</summary>
    public static async Task WriteDuplicatesAsync(ImportReport report, string path, CancellationToken cancellationToken)
    {
        if (report.Merges.Count == 0)
        {
            File.Delete(path);
            return;
        }

        var writer = new StreamWriter(path, append: false, Utf8Bom);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync("decision,line,name_in_row,matched_id,score,reasons").ConfigureAwait(false);
            foreach (var m in report.Merges)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cells = new[]
                {
                    Decision(m.Kind), m.LineNumber.ToString(CultureInfo.InvariantCulture), m.MergedName, m.SurvivorId,
                    m.Score.ToString("0.00", CultureInfo.InvariantCulture), string.Join(';', m.Reasons),
                };
                await writer.WriteLineAsync(string.Join(',', cells.Select(KarteCsv.Quote))).ConfigureAwait(false);
            }
        }
    }

    public static string Decision(ImportMergeKind kind) => kind switch
    {
        ImportMergeKind.CompanyMerged => "company-merged",
        ImportMergeKind.RepMerged => "rep-merged",
        ImportMergeKind.CompanyUpdatesExisting => "company-updates-existing",
        ImportMergeKind.RepUpdatesExisting => "rep-updates-existing",
        ImportMergeKind.Skipped => "duplicate-skipped",
        _ => "review-candidate",
    };

    public static object ToJson(ImportReport r) => new
    {
        r.Encoding,
        r.RowsRead,
        r.DuplicateRows,
        companies = new { created = r.CompaniesCreated, updated = r.CompaniesUpdated, merged = r.CompaniesMerged },
        reps = new { created = r.RepsCreated, updated = r.RepsUpdated, merged = r.RepsMerged },
        rejected = r.Rejected.Select(q => new { line = q.LineNumber, column = q.Column, reason = q.Reason }),
        duplicates = r.Merges.Select(m => new { decision = Decision(m.Kind), line = m.LineNumber, matchedId = m.SurvivorId, score = Math.Round(m.Score, 2), reasons = m.Reasons }),
        r.UnknownColumns,
        r.StrictFailed,
    };
}
