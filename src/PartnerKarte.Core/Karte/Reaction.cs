namespace PartnerKarte.Karte;

/// <summary>How the rep reacted (反応).</summary>
public enum Reaction
{
    /// <summary>Not recorded.</summary>
    Unknown = 0,
    /// <summary>Positive (前向き).</summary>
    Positive = 1,
    /// <summary>Neutral (様子見).</summary>
    Neutral = 2,
    /// <summary>Negative (否定的).</summary>
    Negative = 3,
}
