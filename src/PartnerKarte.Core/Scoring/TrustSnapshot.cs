namespace PartnerKarte.Scoring;

/// <summary>
/// The result of scoring one rep without the explanation (no evidence ids): what the nightly sync writes back.
/// </summary>
internal readonly struct TrustSnapshot
{
    /// <summary>The score in 0..100, or <see langword="null"/> when unrated.</summary>
    internal double? Value { get; init; }

    /// <summary>The rank band, <see cref="TrustRank.Unrated"/> when evidence is too thin.</summary>
    internal TrustRank Rank { get; init; }

    /// <summary>Confidence in 0..1 from the effective sample size.</summary>
    internal double Confidence { get; init; }

    /// <summary>Change in points against the score <see cref="TrustScoringOptions.TrendWindow"/> earlier; <see langword="null"/> when either is unrated.</summary>
    internal double? Trend { get; init; }

    /// <summary>Tendency labels.</summary>
    internal TrustTendency Tendencies { get; init; }

    /// <summary>Follow-up priority.</summary>
    internal FollowUpPriority FollowUpPriority { get; init; }

    /// <summary>The alerts behind the priority (and our own overdue tasks), most pressing first.</summary>
    internal FollowUpAlert[] Alerts { get; init; }

    /// <summary>Decayed thread starts whose initiator is not recorded (missing initiative evidence).</summary>
    internal double InitiativeUnknown { get; init; }

    /// <summary>Decayed thread starts whose initiator is recorded (the initiative factor's evidence).</summary>
    internal double InitiativeKnown { get; init; }

    /// <summary>Interactions seen up to the scoring instant (not decayed).</summary>
    internal int InteractionCount { get; init; }

    /// <summary>Latest contact up to the scoring instant, in days since the Unix epoch; NaN when none.</summary>
    internal double LastContactTime { get; init; }

    /// <summary>The latest contact, if any.</summary>
    internal DateTimeOffset? LastContactAt => double.IsNaN(LastContactTime) ? null : TrustEvent.FromEventTime(LastContactTime);

    /// <summary>Responsiveness factor in 0..1.</summary>
    internal double Responsiveness { get; init; }

    /// <summary>Initiative factor in 0..1.</summary>
    internal double Initiative { get; init; }

    /// <summary>Cadence factor in 0..1.</summary>
    internal double Cadence { get; init; }

    /// <summary>Depth factor in 0..1.</summary>
    internal double Depth { get; init; }

    /// <summary>Reliability factor in 0..1.</summary>
    internal double Reliability { get; init; }

    /// <summary>Sentiment factor in 0..1.</summary>
    internal double Sentiment { get; init; }

    /// <summary>Outcomes factor in 0..1.</summary>
    internal double Outcomes { get; init; }

    /// <summary>The value of one factor.</summary>
    /// <param name="kind">The factor.</param>
    /// <returns>Its value in 0..1.</returns>
    internal double FactorValue(TrustFactorKind kind) => kind switch
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
