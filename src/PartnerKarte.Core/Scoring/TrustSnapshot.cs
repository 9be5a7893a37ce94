namespace PartnerKarte.Scoring;

/// <summary>
/// The compact result of scoring one rep on the hot path (no evidence ids, no allocation): what a nightly sync
/// writes back. Use <see cref="TrustScorer.Score(RepTrustState, DateTimeOffset)"/> or the <see cref="TrustScore"/>
/// overloads when the explanation is needed.
/// </summary>
public readonly struct TrustSnapshot
{
    /// <summary>The score in 0..100, or <see langword="null"/> when unrated.</summary>
    public double? Value { get; init; }

    /// <summary>The rank band, <see cref="TrustRank.Unrated"/> when evidence is too thin.</summary>
    public TrustRank Rank { get; init; }

    /// <summary>Confidence in 0..1 from the effective sample size.</summary>
    public double Confidence { get; init; }

    /// <summary>Change in points against the score <see cref="TrustScoringOptions.TrendWindow"/> earlier; <see langword="null"/> when either is unrated.</summary>
    public double? Trend { get; init; }

    /// <summary>Tendency labels.</summary>
    public TrustTendency Tendencies { get; init; }

    /// <summary>Follow-up priority.</summary>
    public FollowUpPriority FollowUpPriority { get; init; }

    /// <summary>Interactions seen up to the scoring instant (not decayed).</summary>
    public int InteractionCount { get; init; }

    /// <summary>Latest contact up to the scoring instant, in days since the Unix epoch; NaN when none.</summary>
    public double LastContactTime { get; init; }

    /// <summary>The latest contact, if any.</summary>
    public DateTimeOffset? LastContactAt => double.IsNaN(LastContactTime) ? null : TrustEvent.FromEventTime(LastContactTime);

    /// <summary>Responsiveness factor in 0..1.</summary>
    public double Responsiveness { get; init; }

    /// <summary>Initiative factor in 0..1.</summary>
    public double Initiative { get; init; }

    /// <summary>Cadence factor in 0..1.</summary>
    public double Cadence { get; init; }

    /// <summary>Depth factor in 0..1.</summary>
    public double Depth { get; init; }

    /// <summary>Reliability factor in 0..1.</summary>
    public double Reliability { get; init; }

    /// <summary>Sentiment factor in 0..1.</summary>
    public double Sentiment { get; init; }

    /// <summary>Outcomes factor in 0..1.</summary>
    public double Outcomes { get; init; }

    /// <summary>The value of one factor.</summary>
    /// <param name="kind">The factor.</param>
    /// <returns>Its value in 0..1.</returns>
    public double FactorValue(TrustFactorKind kind) => kind switch
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
}
