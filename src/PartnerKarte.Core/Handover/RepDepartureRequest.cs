using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>A partner rep transfers or leaves (パートナー担当者の異動・退職).</summary>
public sealed record RepDepartureRequest
{
    /// <summary>The departing rep.</summary>
    public required RepId RepId { get; init; }

    /// <summary>The rep's last day in post.</summary>
    public required DateOnly EffectiveOn { get; init; }

    /// <summary>The rep's status afterwards: <see cref="RepStatus.Transferred"/> or <see cref="RepStatus.Left"/>.</summary>
    public RepStatus NewStatus { get; init; } = RepStatus.Left;

    /// <summary>An explicit successor rep; when null the planner picks the best candidate if it fits well enough.</summary>
    public RepId? Successor { get; init; }
}
