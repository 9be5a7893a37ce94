using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>
/// A partner's place in the focus ranking (注力パートナー): performance in the period × potential, each in 0..1
/// relative to the other partners, with the reasons.
/// </summary>
public sealed record PartnerFocus
{
    /// <summary>The partner company.</summary>
    public required CompanyId CompanyId { get; init; }

    /// <summary>1 for the partner to focus on first.</summary>
    public int Rank { get; init; }

    /// <summary>Focus score in 0..100: 100 × √(performance × potential).</summary>
    public double Score { get; init; }

    /// <summary>Performance in 0..1: revenue and deal count percentiles and the shrunk win rate.</summary>
    public double Performance { get; init; }

    /// <summary>Potential in 0..1: customer base, size and open pipeline percentiles (unknown counts as 0.5).</summary>
    public double Potential { get; init; }

    /// <summary>The grid quadrant.</summary>
    public FocusQuadrant Quadrant { get; init; }

    /// <summary>The reasons, quadrant first.</summary>
    public IReadOnlyList<FocusReason> Reasons { get; init; } = [];
}
