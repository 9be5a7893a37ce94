using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>Cadence and deal flow before and after a handover, and whether a drop is flagged.</summary>
/// <param name="Companies">The companies monitored.</param>
/// <param name="HandoverAt">When the handover took effect.</param>
/// <param name="AsOf">The instant of the comparison.</param>
/// <param name="Cadence">Active contact days with the companies' reps.</param>
/// <param name="DealFlow">Proposals created at the companies.</param>
public sealed record ContinuityReport(IReadOnlyList<CompanyId> Companies, DateTimeOffset HandoverAt, DateTimeOffset AsOf, ContinuityMetric Cadence, ContinuityMetric DealFlow)
{
    /// <summary>Whether any metric dropped: the relationship is at risk of being lost (the failure the karte exists to prevent).</summary>
    public bool DropDetected => Cadence.Dropped || DealFlow.Dropped;
}
