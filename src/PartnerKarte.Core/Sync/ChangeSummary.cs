using System.Globalization;
using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// What changed since a watermark, as ids only: the kartes the enrichment sync must recompute, without the
/// records' contents. One page of <see cref="KarteConnector.ReadChangeSummaryAsync"/>.
/// </summary>
/// <remarks>
/// The sync reads each affected company's whole karte afterwards (<see cref="KarteConnector.ReadKarteAsync"/>), so
/// reading the changed records in full first would read them twice. Lists may hold duplicates.
/// </remarks>
public sealed record ChangeSummary
{
    /// <summary>Companies created or modified.</summary>
    public IReadOnlyList<CompanyId> Companies { get; init; } = [];

    /// <summary>Reps created or modified, with their current company.</summary>
    public IReadOnlyList<ChangedRep> Reps { get; init; } = [];

    /// <summary>
    /// The companies of <see cref="Companies"/> in full, when the change read brought their contents (connectors whose
    /// <see cref="ConnectorCapabilities.ChangeFeedEchoesWrites"/> is set, on incremental reads). A company whose record is
    /// what the sync last read is not read again for this change: its own enrichment write came back, or a field the
    /// karte does not hold was edited.
    /// </summary>
    public IReadOnlyList<PartnerCompany> CompanyRecords { get; init; } = [];

    /// <summary>The reps of <see cref="Reps"/> in full, as <see cref="CompanyRecords"/> for companies.</summary>
    public IReadOnlyList<PartnerRep> RepRecords { get; init; } = [];

    /// <summary>The companies of proposals created or modified.</summary>
    public IReadOnlyList<CompanyId> ProposalCompanies { get; init; } = [];

    /// <summary>The reps of interactions and proposals created or modified.</summary>
    public IReadOnlyList<RepId> RecordReps { get; init; } = [];

    /// <summary>Records deleted (only when the connector can see deletions).</summary>
    public IReadOnlyList<DeletedRecord> Deletions { get; init; } = [];

    /// <summary>As <see cref="ChangePage.Notices"/>: what the connector did differently and why, for the run's report.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The number of changed and deleted records this page sums up (the sync reports it as read).</summary>
    public long Count { get; init; }

    /// <summary>As <see cref="ChangePage.NextWatermark"/>: where to resume after this page; never <see langword="null"/> on the last page.</summary>
    public string? NextWatermark { get; init; }

    /// <summary>Sums up a page of the full change feed.</summary>
    /// <param name="page">The page.</param>
    /// <returns>The page's ids.</returns>
    public static ChangeSummary Of(ChangePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var recordReps = new List<RepId>(page.Interactions.Count + page.Proposals.Count);
        foreach (var i in page.Interactions)
        {
            recordReps.Add(i.RepId);
        }

        foreach (var p in page.Proposals)
        {
            if (p.RepId is { } rep)
            {
                recordReps.Add(rep);
            }
        }

        return new ChangeSummary
        {
            Companies = [.. page.Companies.Select(c => c.Id)],
            Reps = [.. page.Reps.Select(r => new ChangedRep(r.Id, r.CompanyId))],
            ProposalCompanies = [.. page.Proposals.Select(p => p.CompanyId)],
            RecordReps = recordReps,
            Deletions = page.Deletions,
            Notices = page.Notices,
            Count = page.Count,
            NextWatermark = page.NextWatermark,
        };
    }

    /// <summary>The counts only (no ids, no personal data), for logs.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ChangeSummary: {Count} changes; {Companies.Count} companies, {Reps.Count} reps, {ProposalCompanies.Count} proposal companies, {Deletions.Count} deletions");
}
