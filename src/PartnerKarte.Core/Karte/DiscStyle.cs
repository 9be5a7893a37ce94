namespace PartnerKarte.Karte;

/// <summary>The four DiSC behavioural styles.</summary>
public enum DiscStyle
{
    /// <summary>Dominance: direct, results-first.</summary>
    D = 1,
    /// <summary>Influence: outgoing, enthusiastic.</summary>
    I = 2,
    /// <summary>Steadiness: calm, supportive, dislikes sudden change.</summary>
    S = 3,
    /// <summary>Conscientiousness: analytical, wants accuracy and evidence.</summary>
    C = 4,
}
