namespace PartnerKarte.Scoring;

/// <summary>Lower bounds (inclusive, on the 0–100 score) of the rank bands; below <see cref="C"/> is rank D.</summary>
public sealed class TrustRankBands
{
    /// <summary>Lowest score of rank S. Default 80.</summary>
    public double S { get; set; } = 80;

    /// <summary>Lowest score of rank A. Default 65.</summary>
    public double A { get; set; } = 65;

    /// <summary>Lowest score of rank B. Default 50.</summary>
    public double B { get; set; } = 50;

    /// <summary>Lowest score of rank C. Default 35.</summary>
    public double C { get; set; } = 35;

    /// <summary>The rank of a rated score.</summary>
    /// <param name="value">A score in 0..100.</param>
    /// <returns>S, A, B, C or D.</returns>
    public TrustRank RankOf(double value) =>
        value >= S ? TrustRank.S : value >= A ? TrustRank.A : value >= B ? TrustRank.B : value >= C ? TrustRank.C : TrustRank.D;
}
