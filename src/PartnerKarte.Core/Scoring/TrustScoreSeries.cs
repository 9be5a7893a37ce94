using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>One rep's trust score at several instants (信頼スコアの推移), as <see cref="TrustScorer.ScoreSeries"/> gives it.</summary>
/// <param name="RepId">The rep.</param>
/// <param name="Values">One value per instant asked for, in the same order; <see langword="null"/> while the evidence up to that
/// instant is too thin to score (as <see cref="TrustScore.Value"/>).</param>
public sealed record TrustScoreSeries(RepId RepId, IReadOnlyList<double?> Values);
