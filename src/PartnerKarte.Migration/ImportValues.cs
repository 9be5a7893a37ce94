using System.Globalization;
using System.Text.RegularExpressions;
using PartnerKarte.Karte;
using PartnerKarte.Text;

namespace PartnerKarte.Migration;

/// <summary>Parses cell text the way Japanese spreadsheets write values. Each parser returns false for text it cannot read.</summary>
internal static partial class ImportValues
{
    private static readonly (string Era, int FirstYear)[] Eras =
        [("令和", 2019), ("平成", 1989), ("昭和", 1926), ("大正", 1912), ("明治", 1868), ("R", 2019), ("H", 1989), ("S", 1926), ("T", 1912), ("M", 1868)];

    public static bool TryInt(string text, out int value)
    {
        var s = Strip(text, "約", "人", "名", "社", "件", "以上", "程度");
        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(Strip(text, "約", "%", "％"), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>Yen amounts: 50,000,000 / 5000万円 / 12億3000万 / ¥1,200,000.</summary>
    public static bool TryMoney(string text, out decimal value)
    {
        value = 0;
        var s = Strip(text, "約", "円", "¥", "\\", "JPY");
        if (s.Length == 0)
        {
            return false;
        }

        decimal total = 0;
        var start = 0;
        var any = false;
        for (var i = 0; i <= s.Length; i++)
        {
            var unit = i == s.Length ? 1m : s[i] switch { '兆' => 1_000_000_000_000m, '億' => 100_000_000m, '万' => 10_000m, '千' => 1_000m, _ => 0m };
            if (unit == 0)
            {
                continue;
            }

            var part = s[start..i];
            if (part.Length > 0)
            {
                if (!decimal.TryParse(part, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                {
                    return false;
                }

                total += n * unit;
                any = true;
            }
            else if (i < s.Length)
            {
                return false; // a unit without a number
            }

            start = i + 1;
        }

        value = total;
        return any;
    }

    public static bool TryMonth(string text, out int month) =>
        int.TryParse(Strip(text, "決算", "月", "末"), NumberStyles.None, CultureInfo.InvariantCulture, out month);

    /// <summary>Years: 1998, 1998年, 平成10年, H10, 令和元年.</summary>
    public static bool TryYear(string text, out int year)
    {
        var s = Strip(text, "年", "設立", "創業");
        foreach (var (era, first) in Eras)
        {
            if (s.StartsWith(era, StringComparison.OrdinalIgnoreCase))
            {
                var n = s[era.Length..];
                if (n == "元")
                {
                    year = first;
                    return true;
                }

                if (int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1)
                {
                    year = first + y - 1;
                    return true;
                }

                year = 0;
                return false;
            }
        }

        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year);
    }

    /// <summary>Dates: 2025/4/1, 2025-04-01, 2025.4.1, 2025年4月1日, 令和7年4月1日, R7.4.1.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        date = default;
        var s = JapaneseText.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
        var match = DatePattern().Match(s);
        if (!match.Success)
        {
            return false;
        }

        var yearText = match.Groups["year"].Value;
        if (!TryYear(yearText, out var year) || year is < 1000 or > 9999)
        {
            return false;
        }

        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>Terms in months: 12, 12ヶ月, 12か月, 1年, 1年6ヶ月.</summary>
    public static bool TryTermMonths(string text, out int months)
    {
        months = 0;
        var s = Strip(text, "間");
        var match = TermPattern().Match(s);
        if (!match.Success || (match.Groups["years"].Length == 0 && match.Groups["months"].Length == 0))
        {
            return false;
        }

        var years = match.Groups["years"].Length > 0 ? int.Parse(match.Groups["years"].Value, CultureInfo.InvariantCulture) : 0;
        var m = match.Groups["months"].Length > 0 ? int.Parse(match.Groups["months"].Value, CultureInfo.InvariantCulture) : 0;
        months = (years * 12) + m;
        return true;
    }

    public static bool TryBoolean(string text, out bool value)
    {
        var s = JapaneseText.Normalize(text).ToLowerInvariant();
        switch (s)
        {
            case "あり" or "有" or "有り" or "はい" or "yes" or "y" or "true" or "1" or "○" or "〇" or "する" or "自動更新":
                value = true;
                return true;
            case "なし" or "無" or "無し" or "いいえ" or "no" or "n" or "false" or "0" or "×" or "-" or "しない":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryContractType(string text, out ContractType type)
    {
        var s = JapaneseText.Normalize(text).ToLowerInvariant();
        if (s.Contains("oem", StringComparison.Ordinal))
        {
            type = ContractType.Oem;
            return true;
        }

        if (s.Contains('紹') || s.Contains("取次", StringComparison.Ordinal) || s.Contains("referral", StringComparison.Ordinal) || s.Contains("リファラル", StringComparison.Ordinal) || s.Contains("取り次ぎ", StringComparison.Ordinal))
        {
            type = ContractType.Referral;
            return true;
        }

        if (s.Contains("再販", StringComparison.Ordinal) || s.Contains("resale", StringComparison.Ordinal) || s.Contains("reseller", StringComparison.Ordinal) ||
            s.Contains("販売代理", StringComparison.Ordinal) || s.Contains("リセール", StringComparison.Ordinal) || s.Contains("代理店", StringComparison.Ordinal))
        {
            type = ContractType.Resale;
            return true;
        }

        type = default;
        return false;
    }

    public static IReadOnlyList<string> Tags(string text) =>
        JapaneseText.Normalize(text.Replace('\n', '、')).Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToArray();

    public static (string First, string Remainder) SplitName(string text)
    {
        var s = JapaneseText.Normalize(text);
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (s, string.Empty) : (s[..space], s[(space + 1)..].Trim());
    }

    public static string? PrefectureOf(string address)
    {
        var match = PrefecturePattern().Match(JapaneseText.Normalize(address));
        return match.Success ? match.Value : null;
    }

    private static readonly char[] TagSeparators = ['、', ',', ';', '/', '・', '|'];

    private static string Strip(string text, params string[] words)
    {
        var s = JapaneseText.Normalize(text).Replace(",", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var w in words)
        {
            s = s.Replace(w, string.Empty, StringComparison.OrdinalIgnoreCase);
        }

        return s;
    }

    /// <summary>DiSC: D, I, S, C (also "D型", "Dタイプ", 主導/感化/安定/慎重).</summary>
    public static bool TryDisc(string text, out DiscStyle style)
    {
        var s = JapaneseText.Normalize(text).Trim().ToUpperInvariant().Replace("型", string.Empty, StringComparison.Ordinal).Replace("タイプ", string.Empty, StringComparison.Ordinal).Trim();
        style = s switch
        {
            "D" or "主導" or "主導型" or "DOMINANCE" => DiscStyle.D,
            "I" or "感化" or "INFLUENCE" => DiscStyle.I,
            "S" or "安定" or "STEADINESS" => DiscStyle.S,
            "C" or "慎重" or "CONSCIENTIOUSNESS" => DiscStyle.C,
            _ => 0,
        };
        return style != 0;
    }

    /// <summary>Proposal stage: リード, 検討, 提案, 交渉, 完了 (and English).</summary>
    public static bool TryStage(string text, out ProposalStage stage)
    {
        var s = JapaneseText.Normalize(text).Trim().ToUpperInvariant();
        (var ok, stage) = s switch
        {
            "リード" or "見込み" or "見込" or "LEAD" => (true, ProposalStage.Lead),
            "検討" or "ヒアリング" or "QUALIFIED" or "QUALIFICATION" => (true, ProposalStage.Qualified),
            "提案" or "提案中" or "PROPOSAL" => (true, ProposalStage.Proposal),
            "交渉" or "交渉中" or "見積" or "NEGOTIATION" => (true, ProposalStage.Negotiation),
            "完了" or "クローズ" or "受注" or "失注" or "CLOSED" => (true, ProposalStage.Closed),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Proposal outcome: 受注, 失注, 進行中 (and English).</summary>
    public static bool TryOutcome(string text, out ProposalOutcome outcome)
    {
        var s = JapaneseText.Normalize(text).Trim().ToUpperInvariant();
        (var ok, outcome) = s switch
        {
            "受注" or "成約" or "WON" or "WIN" => (true, ProposalOutcome.Won),
            "失注" or "不成約" or "LOST" or "LOSS" => (true, ProposalOutcome.Lost),
            "進行中" or "未決" or "商談中" or "OPEN" => (true, ProposalOutcome.Open),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Contact channel: 訪問/対面, Web会議, 電話, メール, チャット, イベント, 会食, その他 (and English).</summary>
    public static bool TryChannel(string text, out InteractionChannel channel)
    {
        var s = JapaneseText.Normalize(text).Trim().ToUpperInvariant();
        (var ok, channel) = s switch
        {
            "訪問" or "対面" or "面談" or "来社" or "MEETING" or "IN PERSON" => (true, InteractionChannel.Meeting),
            "WEB会議" or "オンライン" or "オンライン会議" or "ZOOM" or "TEAMS" or "WEB MEETING" or "WEBMEETING" => (true, InteractionChannel.WebMeeting),
            "電話" or "CALL" or "PHONE" => (true, InteractionChannel.Call),
            "メール" or "EMAIL" or "E-MAIL" or "MAIL" => (true, InteractionChannel.Email),
            "チャット" or "SLACK" or "CHAT" => (true, InteractionChannel.Chat),
            "イベント" or "セミナー" or "研修" or "EVENT" => (true, InteractionChannel.Event),
            "会食" or "MEAL" => (true, InteractionChannel.Meal),
            "その他" or "OTHER" => (true, InteractionChannel.Other),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>The loss reason category guessed from the words of a 失注理由; the text itself is kept as the note.</summary>
    public static LossReasonCategory LossCategory(string text) =>
        text.Contains("価格", StringComparison.Ordinal) || text.Contains("値段", StringComparison.Ordinal) || text.Contains("高い", StringComparison.Ordinal) ? LossReasonCategory.Price
        : text.Contains("競合", StringComparison.Ordinal) || text.Contains("他社", StringComparison.Ordinal) ? LossReasonCategory.Competitor
        : text.Contains("機能", StringComparison.Ordinal) ? LossReasonCategory.Features
        : text.Contains("時期", StringComparison.Ordinal) || text.Contains("タイミング", StringComparison.Ordinal) ? LossReasonCategory.Timing
        : text.Contains("予算", StringComparison.Ordinal) ? LossReasonCategory.Budget
        : text.Contains("見送", StringComparison.Ordinal) || text.Contains("決まらず", StringComparison.Ordinal) ? LossReasonCategory.NoDecision
        : text.Contains("関係", StringComparison.Ordinal) ? LossReasonCategory.Relationship
        : LossReasonCategory.Other;

    /// <summary>A date with an optional time ("2024/04/01", "2024/04/01 10:30", 和暦), read as Japan time.</summary>
    public static bool TryDateTime(string text, out DateTimeOffset at)
    {
        at = default;
        var s = JapaneseText.Normalize(text).Trim();
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        var time = TimeOnly.MinValue;
        if (space > 0 && TimeOnly.TryParse(s[(space + 1)..].Trim(), CultureInfo.InvariantCulture, out var t))
        {
            time = t;
            s = s[..space];
        }

        if (!TryDate(s, out var date))
        {
            return false;
        }

        at = new DateTimeOffset(date.ToDateTime(time), JapanOffset);
        return true;
    }

    /// <summary>Japan Standard Time (no daylight saving).</summary>
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    [GeneratedRegex(@"^(?<year>(?:令和|平成|昭和|大正|明治|[RHSTMrhstm])?(?:\d{1,4}|元))[/\-.年](?<month>\d{1,2})[/\-.月](?<day>\d{1,2})日?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?:(?<years>\d{1,2})年)?(?:(?<months>\d{1,3})(?:ヶ月|ケ月|か月|カ月|ヵ月|箇月|月|months?|m)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TermPattern();

    [GeneratedRegex(@"^(東京都|北海道|京都府|大阪府|[^\s都道府県0-9]{2,3}県)")]
    private static partial Regex PrefecturePattern();
}
