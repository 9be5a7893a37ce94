namespace PartnerKarte.Targeting;

/// <summary>How to approach a person of one DiSC style or MBTI temperament (アプローチのコツ).</summary>
/// <param name="Basis">What the tip is based on, e.g. <c>DiSC D</c> or <c>MBTI NT</c>.</param>
/// <param name="Headline">The style in a few words.</param>
/// <param name="Do">What works.</param>
/// <param name="Avoid">What to avoid.</param>
public sealed record ApproachTip(string Basis, LocalizedText Headline, IReadOnlyList<LocalizedText> Do, IReadOnlyList<LocalizedText> Avoid);
