using System.Globalization;

namespace PartnerKarte.Scoring;

/// <summary>Renders a <see cref="TrustScore"/> as a short list of sentences in Japanese or English.</summary>
public static class TrustExplanation
{
    /// <summary>Factors whose impact is smaller than this many points are not mentioned.</summary>
    public const double MinimumImpact = 0.5;

    private static readonly string[] JaUp =
    [
        "レスポンスが速い", "自ら連絡・相談してくる", "接触頻度が高い", "対面・双方向のやり取りが多い",
        "次回アクションを期限内に実行", "提案への反応が前向き", "案件の創出・受注がある",
    ];

    private static readonly string[] JaDown =
    [
        "レスポンスが遅い", "連絡はほぼこちらから", "最近の接触が少ない", "やり取りが浅い・一方向",
        "次回アクションの遅れ・未実行", "提案への反応が否定的", "案件の創出・受注が少ない",
    ];

    private static readonly string[] EnUp =
    [
        "Replies fast", "Reaches out first", "Frequent contact", "Deep, two-way contact",
        "Keeps agreed next actions", "Positive reactions", "Brings and wins deals",
    ];

    private static readonly string[] EnDown =
    [
        "Replies slowly", "Rarely reaches out first", "Little recent contact", "Shallow or one-way contact",
        "Next actions late or missed", "Negative reactions", "Few deals sourced or won",
    ];

    /// <summary>
    /// The sentences: the headline (score, rank, confidence, or why it is unrated), the trend, each factor that
    /// moved the score by at least <see cref="MinimumImpact"/> points with its signed impact — e.g.
    /// "レスポンスが速い (+6.2)" / "Replies fast (+6.2)" — biggest first (a factor whose evidence is mostly missing is said
    /// to be pending, never read as either side), the tendencies, the follow-up priority with its reasons, and our own
    /// overdue tasks (当社の期限切れタスク) as a line of their own.
    /// </summary>
    /// <param name="score">The score.</param>
    /// <param name="culture">Japanese when its language is <c>ja</c>, English otherwise.</param>
    /// <returns>The sentences.</returns>
    public static IReadOnlyList<string> Render(TrustScore score, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(culture);
        var ja = culture.TwoLetterISOLanguageName == "ja";
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>();
        if (score.Value is not { } value)
        {
            lines.Add(ja
                ? $"評価保留: 接触記録が{score.InteractionCount}件で、評価には足りません"
                : $"Unrated: {score.InteractionCount} interaction{(score.InteractionCount == 1 ? string.Empty : "s")}, too little evidence to rate");
        }
        else
        {
            var confidence = (score.Confidence * 100).ToString("0", inv);
            lines.Add(ja
                ? $"信頼スコア {value.ToString("0.0", inv)}（ランク{score.Rank}、確度 {confidence}%）"
                : $"Trust score {value.ToString("0.0", inv)} (rank {score.Rank}, confidence {confidence}%)");
            if (score.Trend is { } trend)
            {
                var t = trend.ToString("+0.0;-0.0;±0.0", inv);
                lines.Add(ja ? $"前回比 {t}" : $"Trend {t} points");
            }

            foreach (var f in score.Factors.Where(f => Math.Abs(f.Impact) >= MinimumImpact || f.MostlyMissing).OrderByDescending(f => f.MostlyMissing ? 0 : Math.Abs(f.Impact)))
            {
                // Missing evidence is said to be missing, never read as either side.
                lines.Add(f.MostlyMissing
                    ? Pending(f.Kind, ja)
                    : $"{Phrase(f.Kind, f.Impact > 0, ja)} ({f.Impact.ToString("+0.0;-0.0", inv)})");
            }
        }

        var tendencies = Tendencies(score.Tendencies, ja);
        if (tendencies.Length > 0)
        {
            lines.Add(ja ? "対応傾向: " + tendencies : "Tendencies: " + tendencies);
        }

        var reasons = score.Alerts.Where(a => a.RaisesPriority).Select(a => ja ? a.Reason.Ja : a.Reason.En).ToList();
        var because = reasons.Count == 0 ? string.Empty : (ja ? "（" + string.Join("、", reasons) + "）" : " (" + string.Join("; ", reasons) + ")");
        lines.Add((ja ? "フォロー優先度: " : "Follow-up priority: ") + Priority(score.FollowUpPriority, ja) + because);
        foreach (var own in score.Alerts.Where(a => !a.RaisesPriority))
        {
            lines.Add(ja ? own.Reason.Ja : own.Reason.En);
        }

        return lines;
    }

    /// <summary>The sentence for a factor whose evidence is mostly missing, e.g. 「起点が記録されていないため判断保留（積極性）」.</summary>
    /// <param name="kind">The factor.</param>
    /// <param name="japanese">Japanese or English.</param>
    /// <returns>The sentence.</returns>
    internal static string Pending(TrustFactorKind kind, bool japanese) => kind switch
    {
        TrustFactorKind.Initiative => japanese ? "起点が記録されていないため判断保留（積極性）" : "Initiative not judged: who started most contacts is not recorded",
        _ => japanese ? "記録が不足しているため判断保留" : "Not judged: the records lack the data",
    };

    /// <summary>The follow-up priority as a word (緊急 / 高 / 通常 / 低, or urgent / high / normal / low).</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="japanese">Japanese or English.</param>
    /// <returns>The word.</returns>
    internal static string PriorityLabel(FollowUpPriority priority, bool japanese) => Priority(priority, japanese);

    /// <summary>The phrase for a factor that raised (<paramref name="up"/>) or lowered the score.</summary>
    /// <param name="kind">The factor.</param>
    /// <param name="up">Whether it raised the score.</param>
    /// <param name="japanese">Japanese or English.</param>
    /// <returns>The phrase, e.g. "レスポンスが速い".</returns>
    internal static string Phrase(TrustFactorKind kind, bool up, bool japanese)
    {
        var table = japanese ? (up ? JaUp : JaDown) : (up ? EnUp : EnDown);
        return (uint)kind < (uint)table.Length ? table[(int)kind] : kind.ToString();
    }

    private static string Tendencies(TrustTendency t, bool ja)
    {
        var parts = new List<string>();
        void Add(TrustTendency flag, string jaText, string enText)
        {
            if ((t & flag) != 0)
            {
                parts.Add(ja ? jaText : enText);
            }
        }

        Add(TrustTendency.Proactive, "積極的", "proactive");
        Add(TrustTendency.Cautious, "慎重派", "cautious");
        Add(TrustTendency.FastResponder, "レスポンスが早い", "fast responder");
        Add(TrustTendency.SlowResponder, "レスポンスが遅い", "slow responder");
        Add(TrustTendency.FrequentInquirer, "問合せが多い", "frequent inquirer");
        Add(TrustTendency.RareInquirer, "問合せが少ない", "rare inquirer");
        return string.Join(ja ? "・" : ", ", parts);
    }

    private static string Priority(FollowUpPriority p, bool ja) => p switch
    {
        FollowUpPriority.Urgent => ja ? "緊急" : "urgent",
        FollowUpPriority.High => ja ? "高" : "high",
        FollowUpPriority.Normal => ja ? "通常" : "normal",
        _ => ja ? "低" : "low",
    };
}
