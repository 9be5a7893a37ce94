namespace PartnerKarte.Scoring;

/// <summary>A trust rank (信頼ランク). <see cref="Unrated"/> means the evidence is too thin to rank, never "low trust".</summary>
public enum TrustRank
{
    /// <summary>Not enough evidence to rank (評価保留).</summary>
    Unrated = 0,
    /// <summary>Lowest band.</summary>
    D = 1,
    /// <summary>Below average.</summary>
    C = 2,
    /// <summary>Average.</summary>
    B = 3,
    /// <summary>Strong.</summary>
    A = 4,
    /// <summary>Top band.</summary>
    S = 5,
}
