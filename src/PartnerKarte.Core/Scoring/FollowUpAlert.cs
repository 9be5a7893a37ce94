namespace PartnerKarte.Scoring;

/// <summary>One reason to follow a rep up, with its explanation in Japanese and English (フォロー理由).</summary>
/// <param name="Kind">What the alert is about.</param>
/// <param name="Reason">The reason, e.g. 「双方向の接触が42日途絶（通常の間隔 7日の6.0倍）」 / "No two-way contact for 42 days (6.0× the usual 7-day gap)".</param>
public sealed record FollowUpAlert(FollowUpAlertKind Kind, LocalizedText Reason)
{
    /// <summary>Whether the alert raises the rep's follow-up priority (every kind except <see cref="FollowUpAlertKind.OwnActionOverdue"/>).</summary>
    public bool RaisesPriority => Kind != FollowUpAlertKind.OwnActionOverdue;

    /// <summary>For <see cref="FollowUpAlertKind.Silence"/>: days since the last two-way contact.</summary>
    public double? SilentDays { get; init; }

    /// <summary>For <see cref="FollowUpAlertKind.Silence"/>: the rep's usual gap between two-way contacts (median, days) the silence is measured against.</summary>
    public double? UsualGapDays { get; init; }
}
