namespace PartnerKarte.Scoring;

/// <summary>Behavioural tendencies read from the evidence (対応傾向).</summary>
[Flags]
public enum TrustTendency
{
    /// <summary>No clear tendency.</summary>
    None = 0,
    /// <summary>Starts contact and brings deals (積極的).</summary>
    Proactive = 1,
    /// <summary>Waits to be contacted, decides slowly (慎重派).</summary>
    Cautious = 2,
    /// <summary>Replies quickly (レスポンスが早い).</summary>
    FastResponder = 4,
    /// <summary>Replies slowly (レスポンスが遅い).</summary>
    SlowResponder = 8,
    /// <summary>Asks and inquires often (問合せが多い).</summary>
    FrequentInquirer = 16,
    /// <summary>Rarely asks or inquires (問合せが少ない).</summary>
    RareInquirer = 32,
}
