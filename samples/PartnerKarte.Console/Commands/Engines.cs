using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// The console's calls into the calculation engines (scoring, KPIs, handover) in one place. An engine that is not in
/// this build reports itself as unavailable here; the commands then say so instead of showing made-up numbers.
/// </summary>
internal static class Engines
{
    private static readonly TrustScorer Scorer = new();

    /// <summary>Whether the trust scorer is in this build.</summary>
    public static bool ScoringAvailable => true;

    /// <summary>One rep's explained trust score as of an instant (only the evidence up to then counts).</summary>
    public static TrustScore? ScoreRep(KarteDataSet data, RepId rep, DateTimeOffset asOf) =>
        Scorer.Score(rep, data.Interactions.Where(i => i.RepId == rep && i.OccurredAt <= asOf), data.Proposals.Where(p => p.RepId == rep), asOf);

    /// <summary>All reps' scores as of an instant.</summary>
    public static IReadOnlyList<TrustScore>? ScoreAll(KarteDataSet data, DateTimeOffset asOf) => Scorer.ScoreAll(data, asOf);

    /// <summary>All reps' score values at several instants (the report's trust trend).</summary>
    public static IReadOnlyList<TrustScoreSeries> ScoreSeries(KarteDataSet data, IReadOnlyList<DateTimeOffset> instants) => Scorer.ScoreSeries(data, instants);

    /// <summary>The score's explanation as short Japanese sentences.</summary>
    public static IReadOnlyList<string> Explain(TrustScore score) => TrustExplanation.Render(score, System.Globalization.CultureInfo.GetCultureInfo("ja-JP"));
}
