namespace PartnerKarte.Scoring;

/// <summary>The factors of the trust score.</summary>
public enum TrustFactorKind
{
    /// <summary>How quickly the rep replies, against their own baseline and the population (レスポンス).</summary>
    Responsiveness = 0,
    /// <summary>Share of contact the rep starts: inquiries, questions, proposals (積極性・問合せ頻度).</summary>
    Initiative = 1,
    /// <summary>Decayed count of active contact days (接触頻度).</summary>
    Cadence = 2,
    /// <summary>Channel mix and reciprocity (関係の深さ).</summary>
    Depth = 3,
    /// <summary>Next actions kept on time (約束の履行).</summary>
    Reliability = 4,
    /// <summary>Reactions to our proposals (反応).</summary>
    Sentiment = 5,
    /// <summary>Deals sourced and won with this rep (成果).</summary>
    Outcomes = 6,
}
