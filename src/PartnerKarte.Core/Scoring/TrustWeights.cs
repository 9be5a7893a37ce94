using System.ComponentModel.DataAnnotations;

namespace PartnerKarte.Scoring;

/// <summary>The weight of each factor in the trust score. The weights must sum to 1.</summary>
public sealed class TrustWeights
{
    /// <summary>Weight of <see cref="TrustFactorKind.Responsiveness"/>. Default 0.20.</summary>
    [Range(0.0, 1.0)]
    public double Responsiveness { get; set; } = 0.20;

    /// <summary>Weight of <see cref="TrustFactorKind.Initiative"/>. Default 0.15.</summary>
    [Range(0.0, 1.0)]
    public double Initiative { get; set; } = 0.15;

    /// <summary>Weight of <see cref="TrustFactorKind.Cadence"/>. Default 0.20.</summary>
    [Range(0.0, 1.0)]
    public double Cadence { get; set; } = 0.20;

    /// <summary>Weight of <see cref="TrustFactorKind.Depth"/>. Default 0.10.</summary>
    [Range(0.0, 1.0)]
    public double Depth { get; set; } = 0.10;

    /// <summary>Weight of <see cref="TrustFactorKind.Reliability"/>. Default 0.15.</summary>
    [Range(0.0, 1.0)]
    public double Reliability { get; set; } = 0.15;

    /// <summary>Weight of <see cref="TrustFactorKind.Sentiment"/>. Default 0.10.</summary>
    [Range(0.0, 1.0)]
    public double Sentiment { get; set; } = 0.10;

    /// <summary>Weight of <see cref="TrustFactorKind.Outcomes"/>. Default 0.10.</summary>
    [Range(0.0, 1.0)]
    public double Outcomes { get; set; } = 0.10;

    /// <summary>The weight of one factor.</summary>
    /// <param name="kind">The factor.</param>
    /// <returns>Its weight.</returns>
    public double Get(TrustFactorKind kind) => kind switch
    {
        TrustFactorKind.Responsiveness => Responsiveness,
        TrustFactorKind.Initiative => Initiative,
        TrustFactorKind.Cadence => Cadence,
        TrustFactorKind.Depth => Depth,
        TrustFactorKind.Reliability => Reliability,
        TrustFactorKind.Sentiment => Sentiment,
        TrustFactorKind.Outcomes => Outcomes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trust factor."),
    };

    /// <summary>The sum of all weights (1 when valid).</summary>
    public double Sum => Responsiveness + Initiative + Cadence + Depth + Reliability + Sentiment + Outcomes;
}
