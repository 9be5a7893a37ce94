namespace PartnerKarte.Karte;

/// <summary>Why a proposal was lost (失注理由).</summary>
/// <param name="Category">The category, for counting.</param>
/// <param name="Note">What was said, free text.</param>
public sealed record LossReason(LossReasonCategory Category, string? Note = null);
