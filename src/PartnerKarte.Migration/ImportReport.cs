using System.Globalization;
using PartnerKarte.Karte;

namespace PartnerKarte.Migration;

/// <summary>
/// What an import found and would do — the dry-run plan and the summary after writing: creates, updates,
/// merges, rejections. Counts only; holds no cell values except in <see cref="Rejected"/> and the merge names.
/// </summary>
public sealed record ImportReport
{
    /// <summary>The encoding the file was read with.</summary>
    public ImportEncoding Encoding { get; init; }

    /// <summary>Data rows read (header and blank rows excluded).</summary>
    public int RowsRead { get; init; }

    /// <summary>Rows identical to an earlier row, dropped.</summary>
    public int DuplicateRows { get; init; }

    /// <summary>New companies to create.</summary>
    public int CompaniesCreated { get; init; }

    /// <summary>Companies already in the target that will be updated.</summary>
    public int CompaniesUpdated { get; init; }

    /// <summary>Rows whose company was merged into another row's company.</summary>
    public int CompaniesMerged { get; init; }

    /// <summary>New reps to create.</summary>
    public int RepsCreated { get; init; }

    /// <summary>Reps already in the target that will be updated.</summary>
    public int RepsUpdated { get; init; }

    /// <summary>Rows whose rep was merged into another row's rep.</summary>
    public int RepsMerged { get; init; }

    /// <summary>Merge decisions, in row order.</summary>
    public IReadOnlyList<ImportMerge> Merges { get; init; } = [];

    /// <summary>Rows not imported, in row order (write them with <see cref="RejectedCsv"/>).</summary>
    public IReadOnlyList<QuarantinedRow> Rejected { get; init; } = [];

    /// <summary>Headers the mapping and the template did not know; their values were not imported.</summary>
    public IReadOnlyList<string> UnknownColumns { get; init; } = [];

    /// <summary>The header row, for writing the rejected file.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>The header row of each sheet or file, by name, when several were read.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SheetHeaders { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Proposals to create or update (proposals sheet).</summary>
    public int ProposalsCreated { get; init; }

    /// <summary>Contact history entries to create or update (contact history sheet, and 最終接触日/次回アクション of rep rows).</summary>
    public int InteractionsCreated { get; init; }

    /// <summary>Owners (自社担当) that matched no user id or team member name the import knew (<see cref="ImportOptions.Existing"/>):
    /// each became a team member whose id is the name as written, so the same name gives the same owner on every import.</summary>
    public IReadOnlyList<TeamMember> NewOwners { get; init; } = [];

    /// <summary>Columns carried over outside the karte's own fields, with where they went
    /// ("備考 → 備考・メモ", "信頼度 → 信頼度（旧管理表の手入力値）", "最終接触日 → 接触履歴").</summary>
    public IReadOnlyList<string> CarriedOver { get; init; } = [];

    /// <summary>Sheets of a workbook passed over because their headers name no company, proposal or contact history
    /// column (a cover or instructions sheet).</summary>
    public IReadOnlyList<string> SkippedSheets { get; init; } = [];

    /// <summary>Strict mode and at least one rejection: nothing may be written.</summary>
    public bool StrictFailed { get; init; }

    /// <summary>Whether the result may be written: not <see cref="StrictFailed"/>.</summary>
    public bool CanWrite => !StrictFailed;

    /// <summary>The counts only (no row contents, no personal data), for logs.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ImportReport ({Encoding}): {RowsRead} rows; companies +{CompaniesCreated} ~{CompaniesUpdated} merged {CompaniesMerged}; reps +{RepsCreated} ~{RepsUpdated} merged {RepsMerged}; proposals +{ProposalsCreated}; interactions +{InteractionsCreated}; rejected {Rejected.Count}; unknown columns {UnknownColumns.Count}");
}
