namespace PartnerKarte.Targeting;

/// <summary>One reason behind a fit score (targeting, successor suggestion), with what it added.</summary>
/// <param name="Code">A stable code for the reason, e.g. <c>expertise</c>, <c>trust</c>, <c>win-rate</c>.</param>
/// <param name="Contribution">Points (0..1 scale of the whole score) this reason added.</param>
/// <param name="Text">The reason as a short JA/EN sentence.</param>
public sealed record FitReason(string Code, double Contribution, LocalizedText Text);
