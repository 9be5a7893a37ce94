namespace PartnerKarte.Scoring;

/// <summary>One reason to follow a rep up, with its explanation in Japanese and English (フォロー理由).</summary>
/// <param name="Kind">What the alert is about.</param>
/// <param name="ReasonJa">The reason in Japanese, e.g. 「双方向の接触が42日途絶（通常の間隔 7日の6.0倍）」.</param>
/// <param name="ReasonEn">The same reason in English.</param>
public sealed record FollowUpAlert(FollowUpAlertKind Kind, string ReasonJa, string ReasonEn)
{
    /// <summary>Whether the alert raises the rep's follow-up priority (every kind except <see cref="FollowUpAlertKind.OwnActionOverdue"/>).</summary>
    public bool RaisesPriority => Kind != FollowUpAlertKind.OwnActionOverdue;

    /// <summary>For <see cref="FollowUpAlertKind.Silence"/>: days since the last two-way contact.</summary>
    public double? SilentDays { get; init; }

    /// <summary>For <see cref="FollowUpAlertKind.Silence"/>: the rep's usual gap between two-way contacts (median, days) the silence is measured against.</summary>
    public double? UsualGapDays { get; init; }

    /// <summary>The reason in the language of a culture: Japanese when its language is <c>ja</c>, English otherwise.</summary>
    /// <param name="culture">The culture.</param>
    /// <returns>The reason.</returns>
    public string Reason(System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "ja" ? ReasonJa : ReasonEn;
    }
}
