using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>One (company, rep) pair ranked for an offer, with the reasons.</summary>
/// <param name="CompanyId">The partner company.</param>
/// <param name="RepId">The rep to pitch to.</param>
/// <param name="Score">The fit in 0..1: the weighted sum of the reasons' components.</param>
/// <param name="Reasons">The reasons, largest contribution first.</param>
/// <param name="Approach">How to approach the rep, from their DiSC/MBTI profile, when recorded.</param>
public sealed record TargetMatch(CompanyId CompanyId, RepId RepId, double Score, IReadOnlyList<FitReason> Reasons, ApproachTip? Approach);
