using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// The console's calls into the calculation engines (scoring, KPIs, handover) in one place. An engine that is not in
/// this build reports itself as unavailable here; the commands then say so instead of showing made-up numbers.
/// </summary>
internal static class Engines
{
    /// <summary>Whether the trust scorer is in this build.</summary>
    public static bool ScoringAvailable => false;

    /// <summary>One rep's explained trust score as of an instant, or <see langword="null"/> without the scorer.</summary>
    public static TrustScore? ScoreRep(KarteDataSet data, RepId rep, DateTimeOffset asOf)
    {
        _ = data;
        _ = rep;
        _ = asOf;
        return null;
    }

    /// <summary>All reps' scores as of an instant, or <see langword="null"/> without the scorer.</summary>
    public static IReadOnlyList<TrustScore>? ScoreAll(KarteDataSet data, DateTimeOffset asOf)
    {
        _ = data;
        _ = asOf;
        return null;
    }
}
