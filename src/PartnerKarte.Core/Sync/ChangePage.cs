using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// One page of changes read from a connector: the records created or modified and the records deleted
/// since the previous page, plus the watermark to resume after this page.
/// </summary>
/// <remarks>
/// A record appears in its newest state. The same record may appear on two pages when it changed
/// again while the read was running; readers take the later one. Pages carry no enrichment values.
/// </remarks>
public sealed record ChangePage
{
    /// <summary>Companies created or modified.</summary>
    public IReadOnlyList<PartnerCompany> Companies { get; init; } = [];

    /// <summary>Reps created or modified (with their employment episodes).</summary>
    public IReadOnlyList<PartnerRep> Reps { get; init; } = [];

    /// <summary>Proposals created or modified.</summary>
    public IReadOnlyList<Proposal> Proposals { get; init; } = [];

    /// <summary>Interactions created or modified.</summary>
    public IReadOnlyList<Interaction> Interactions { get; init; } = [];

    /// <summary>Records deleted (only when the connector can see deletions).</summary>
    public IReadOnlyList<DeletedRecord> Deletions { get; init; } = [];

    /// <summary>
    /// What the connector did differently from a plain read and why, for the run's report (for example a table read in
    /// full because its change-tracking token had expired). No personal data.
    /// </summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>
    /// The opaque watermark to pass to <see cref="KarteConnector.ReadChangesAsync"/> to read everything after
    /// this page (for example <c>SystemModstamp|Id</c>, a delta link, a row version). Never <see langword="null"/>
    /// on the last page of a read; callers persist the last one they fully processed.
    /// </summary>
    public string? NextWatermark { get; init; }

    /// <summary>The number of changed and deleted records on the page.</summary>
    public int Count => Companies.Count + Reps.Count + Proposals.Count + Interactions.Count + Deletions.Count;
}
