using System.Globalization;
using System.Text;
using PartnerKarte.Migration;

namespace PartnerKarte.Console.Migration;

/// <summary>
/// The report files of an import: <c>rejected.csv</c> and <c>duplicates.csv</c>, UTF-8 with BOM so Excel opens them,
/// with formula-like cells neutralised (<see cref="KarteCsv.Quote"/>). A file is only ever created, never overwritten:
/// when the name is taken (an earlier run's file, or one of the user's), the next free <c>rejected-2.csv</c>, … is used.
/// </summary>
internal static class ImportFiles
{
    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes the rejected rows to a new file in <paramref name="directory"/>.</summary>
    /// <returns>The file written, or <see langword="null"/> when no row was rejected (nothing is written then).</returns>
    public static async Task<string?> WriteRejectedAsync(ImportReport report, string directory, CancellationToken cancellationToken)
    {
        if (report.Rejected.Count == 0)
        {
            return null;
        }

        var (path, stream) = CreateNew(directory, "rejected");
        var writer = new StreamWriter(stream, Utf8Bom);
        await using (writer.ConfigureAwait(false))
        {
            await RejectedCsv.WriteAsync(report, writer, cancellationToken).ConfigureAwait(false);
        }

        return path;
    }

    /// <summary>Creates <c>{stem}.csv</c>, or <c>{stem}-2.csv</c>, <c>{stem}-3.csv</c>, … when taken; never opens an existing file.</summary>
    private static (string Path, FileStream Stream) CreateNew(string directory, string stem)
    {
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(directory, n == 1 ? stem + ".csv" : $"{stem}-{n}.csv");
            try
            {
                return (path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None));
            }
            catch (IOException) when (File.Exists(path) && n < 10_000)
            {
                // Taken: try the next name.
            }
        }
    }

    /// <summary>Every merge decision and review candidate: what was done, the line, both sides, score and reasons.
    /// A merge is reversed by importing again with <c>--keep-separate LINE</c>.</summary>
    /// <returns>The file written, or <see langword="null"/> when there was no merge or candidate (nothing is written then).</returns>
    public static async Task<string?> WriteDuplicatesAsync(ImportReport report, string directory, CancellationToken cancellationToken)
    {
        if (report.Merges.Count == 0)
        {
            return null;
        }

        var (path, stream) = CreateNew(directory, "duplicates");
        var writer = new StreamWriter(stream, Utf8Bom);
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

        return path;
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
        proposals = new { created = r.ProposalsCreated },
        interactions = new { created = r.InteractionsCreated },
        rejected = r.Rejected.Select(q => new { sheet = q.Sheet, line = q.LineNumber, part = RejectedCsv.PartEn(q.Part), column = q.Column, reasonJa = q.Reason.Ja, reason = q.Reason.En }),
        duplicates = r.Merges.Select(m => new { decision = Decision(m.Kind), line = m.LineNumber, matchedId = m.SurvivorId, score = Math.Round(m.Score, 2), reasons = m.Reasons }),
        r.UnknownColumns,
        r.CarriedOver,
        newOwners = r.NewOwners.Select(o => new { id = o.Id.Value, name = o.Name }),
        r.SkippedSheets,
        r.StrictFailed,
    };
}
