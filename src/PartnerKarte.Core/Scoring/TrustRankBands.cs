namespace PartnerKarte.Scoring;

/// <summary>
/// Lower bounds (inclusive, on the 0–100 score) of the rank bands; below <see cref="C"/> is rank D. The defaults are
/// calibrated on the sample generator's hidden rep types (docs/scoring-model.md): S holds the upper quarter of star reps,
/// D about half of the disengaged ones.
/// </summary>
public sealed class TrustRankBands
{
    /// <summary>Lowest score of rank S. Default 72.</summary>
    public double S { get; set; } = 72;

    /// <summary>Lowest score of rank A. Default 60.</summary>
    public double A { get; set; } = 60;

    /// <summary>Lowest score of rank B. Default 48.</summary>
    public double B { get; set; } = 48;

    /// <summary>Lowest score of rank C. Default 40.</summary>
    public double C { get; set; } = 40;

    /// <summary>The rank of a rated score.</summary>
    /// <param name="value">A score in 0..100.</param>
    /// <returns>S, A, B, C or D.</returns>
    public TrustRank RankOf(double value) =>
        value >= S ? TrustRank.S : value >= A ? TrustRank.A : value >= B ? TrustRank.B : value >= C ? TrustRank.C : TrustRank.D;
}
