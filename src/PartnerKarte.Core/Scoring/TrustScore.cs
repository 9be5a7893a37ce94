using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>An explainable trust score of one partner rep as of an instant (信頼スコア).</summary>
public sealed record TrustScore
{
    /// <summary>The rep.</summary>
    public required RepId RepId { get; init; }

    /// <summary>The instant the score describes.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The score in 0..100, or <see langword="null"/> when <see cref="Rank"/> is <see cref="TrustRank.Unrated"/>.</summary>
    public double? Value { get; init; }

    /// <summary>The rank band.</summary>
    public TrustRank Rank { get; init; }

    /// <summary>Confidence in 0..1 from the effective sample size.</summary>
    public double Confidence { get; init; }

    /// <summary>Change in points against the score the configured number of days earlier; <see langword="null"/> when either side is unrated.</summary>
    public double? Trend { get; init; }

    /// <summary>The factors, each with value, weight, contribution and evidence.</summary>
    public IReadOnlyList<TrustFactor> Factors { get; init; } = [];

    /// <summary>Tendency labels.</summary>
    public TrustTendency Tendencies { get; init; }

    /// <summary>Follow-up priority.</summary>
    public FollowUpPriority FollowUpPriority { get; init; }

    /// <summary>
    /// The reasons behind <see cref="FollowUpPriority"/> (silence against the rep's rhythm, a score drop, an overdue action the
    /// rep owes) and our own overdue tasks, each in Japanese and English; empty when nothing calls for a follow-up.
    /// </summary>
    public IReadOnlyList<FollowUpAlert> Alerts { get; init; } = [];

    /// <summary>Number of interactions seen (not decayed).</summary>
    public int InteractionCount { get; init; }

    /// <summary>When the rep was last in contact, if ever.</summary>
    public DateTimeOffset? LastContactAt { get; init; }
}
