using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Console.Commands;

/// <summary>Japanese labels of the karte's values, for the terminal and the HTML report.</summary>
internal static class Labels
{
    public static string Of(InteractionChannel c) => c switch
    {
        InteractionChannel.Meeting => "訪問・対面",
        InteractionChannel.WebMeeting => "Web会議",
        InteractionChannel.Call => "電話",
        InteractionChannel.Email => "メール",
        InteractionChannel.Chat => "チャット",
        InteractionChannel.Event => "イベント",
        InteractionChannel.Meal => "会食・1on1",
        _ => "その他",
    };

    /// <summary>
    /// A contract alert as a sentence (the CRM field keeps the short code, e.g. <c>renewal:2027-01-07</c>, so that
    /// reports and filters can sort on it): 「契約更新期限 2027-01-07（あと 31 日）」.
    /// </summary>
    public static string ContractAlert(string? code, DateOnly today)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "なし";
        }

        var colon = code.LastIndexOf(':');
        if (colon <= 0 || !DateOnly.TryParseExact(code[(colon + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return code;
        }

        var days = date.DayNumber - today.DayNumber;
        var when = days >= 0 ? $"あと {days} 日" : $"{-days} 日経過";
        return code[..colon] switch
        {
            "renewal" => $"契約更新期限 {date:yyyy-MM-dd}（{when}）",
            "expired" => $"契約終了 {date:yyyy-MM-dd}（{when}）",
            "commission-review" => $"手数料見直し期限 {date:yyyy-MM-dd}（{when}）",
            "commission-review-overdue" => $"手数料見直し期限切れ {date:yyyy-MM-dd}（{when}）",
            _ => code,
        };
    }

    /// <summary>
    /// The reasons the sync writes next to a rep's score (「高: 双方向の接触が59日途絶…／最近の接触が少ない (-5.4)・…」) split
    /// into the follow-up alert's reason (without the priority word) and the reasons behind the score.
    /// </summary>
    public static (string? Alert, string? Score) SplitTrustReasons(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var slash = text.IndexOf('／', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (null, text.Trim());
        }

        var alert = text[..slash].Trim();
        var colon = alert.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && colon <= 3)
        {
            alert = alert[(colon + 2)..];
        }

        var score = text[(slash + 1)..].Trim();
        return (alert.Length == 0 ? null : alert, score.Length == 0 ? null : score);
    }

    /// <summary>A comma-separated list as typed (ASCII, full-width or Japanese commas), trimmed, empties dropped.</summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split([',', '、', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string Of(Initiator i) => i switch { Initiator.Us => "当社から", Initiator.Rep => "先方から", _ => "起点不明" };

    public static string Of(InteractionPurpose p) => p switch
    {
        InteractionPurpose.Inquiry => "問合せ",
        InteractionPurpose.Question => "質問",
        InteractionPurpose.Proposal => "提案・案件相談",
        InteractionPurpose.Report => "報告",
        InteractionPurpose.Training => "勉強会",
        _ => "一般",
    };

    public static string Of(Reaction r) => r switch
    {
        Reaction.Positive => "前向き",
        Reaction.Neutral => "様子見",
        Reaction.Negative => "否定的",
        _ => "—",
    };

    public static string Of(RepStatus s) => s switch
    {
        RepStatus.Active => "在籍",
        RepStatus.OnLeave => "休職中",
        RepStatus.Transferred => "異動",
        _ => "退職",
    };

    public static string Of(ContractType t) => t switch
    {
        ContractType.Referral => "紹介",
        ContractType.Resale => "再販",
        _ => "OEM",
    };

    public static string Of(ProposalOutcome o) => o switch
    {
        ProposalOutcome.Won => "受注",
        ProposalOutcome.Lost => "失注",
        _ => "進行中",
    };

    public static string Of(LossReasonCategory c) => c switch
    {
        LossReasonCategory.Price => "価格",
        LossReasonCategory.Competitor => "競合",
        LossReasonCategory.Features => "機能不足",
        LossReasonCategory.Timing => "時期",
        LossReasonCategory.Budget => "予算",
        LossReasonCategory.NoDecision => "検討中止",
        LossReasonCategory.Relationship => "関係性",
        LossReasonCategory.Other => "その他",
        _ => "未記録",
    };

    public static string Of(TrustRank r) => r == TrustRank.Unrated ? "評価保留" : r.ToString();

    public static string Of(TrustFactorKind k) => k switch
    {
        TrustFactorKind.Responsiveness => "レスポンス",
        TrustFactorKind.Initiative => "積極性・問合せ頻度",
        TrustFactorKind.Cadence => "接触頻度",
        TrustFactorKind.Depth => "関係の深さ",
        TrustFactorKind.Reliability => "約束の履行",
        TrustFactorKind.Sentiment => "反応",
        _ => "成果",
    };

    public static string Of(FollowUpPriority p) => p switch
    {
        FollowUpPriority.Urgent => "緊急",
        FollowUpPriority.High => "高",
        FollowUpPriority.Normal => "通常",
        _ => "低",
    };

    public static string Of(DiscStyle d) => d switch
    {
        DiscStyle.D => "D（主導）",
        DiscStyle.I => "i（感化）",
        DiscStyle.S => "S（安定）",
        _ => "C（慎重）",
    };

    public static string Yen(decimal? v) => v is decimal d ? "¥" + d.ToString("N0", CultureInfo.InvariantCulture) : "—";

    public static string Number(double? v, string format = "F1") => v?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

    public static string Signed(double? v) => v is double d ? (d >= 0 ? "+" : string.Empty) + d.ToString("F1", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Jst(DateTimeOffset? t) => t?.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";

    public static string Latency(TimeSpan? t) => t is { } l ? (l.TotalHours >= 24 ? $"{l.TotalDays:F1}日" : $"{l.TotalHours:F1}時間") : "—";
}
