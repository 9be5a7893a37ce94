using System.Text.RegularExpressions;

namespace PartnerKarte.Migration;

/// <summary>The Japanese beside each English rejection reason (rejected.csv's 理由 column).</summary>
internal static partial class ImportReasons
{
    private static readonly Dictionary<string, string> Exact = new(StringComparer.Ordinal)
    {
        ["company name is required"] = "会社名は必須です",
        ["the file has no company name column (会社名)"] = "会社名の列（会社名・取引先名など）がありません",
        ["contract terms need a contract start date"] = "契約条件を入れるには契約開始日が必要です",
        ["value is required"] = "値が必要です（空欄です）",
        ["name is required"] = "名前は必須です",
        ["rep items are filled but the row has no rep"] = "担当者の項目が入っていますが、担当者（氏名）がありません",
        ["fiscal closing month must be 1–12"] = "決算月は 1〜12 で指定してください",
        ["commission rate must be 0–100 %"] = "手数料率は 0〜100% で指定してください",
        ["cannot be negative"] = "負の値は指定できません",
        ["year founded must be a four-digit year"] = "設立年は西暦 4 桁か和暦（令和5年など）で指定してください",
        ["contract ends before it starts"] = "契約終了日が契約開始日より前です",
        ["contract term must be at least one month"] = "契約期間は 1 か月以上にしてください",
        ["next action is due before the interaction took place"] = "次回アクションの期日が接触日より前です",
        ["the row names no company the import knows"] = "会社が見つかりません（会社シートか既存カルテにある会社名・会社ID を入れてください）",
        ["the row names no rep the import knows"] = "担当者が見つかりません（担当者シートか既存カルテにある氏名・メール・担当者ID を入れてください）",
        ["contact history needs a rep"] = "接触履歴には担当者が必要です（この行には担当者がありません）",
        ["a proposal needs what was proposed (提案名)"] = "提案には提案名（商材）が必要です",
        ["a proposal needs a creation date (提案日)"] = "提案には提案日（作成日）が必要です",
        ["contact history needs a date (接触日)"] = "接触履歴には接触日が必要です",
        ["the company part was rejected, so the rep was not imported"] = "会社の部分が取り込めなかったため、担当者も取り込んでいません",
    };

    private static readonly (string Prefix, string Ja)[] Prefixes =
    [
        ("not a date", "日付として読めません（2024/4/1、令和6年4月1日など）"),
        ("not a whole number", "整数として読めません"),
        ("not a year", "年として読めません（2015、平成27年など）"),
        ("not an amount in yen", "金額として読めません（1200000、120万、1.2億など）"),
        ("not a month", "月として読めません（1〜12、3月など）"),
        ("not a percentage", "割合（%）として読めません"),
        ("not a term in months", "契約期間として読めません（12、12ヶ月、1年など）"),
        ("not a contract type", "契約形態として読めません（紹介・再販・OEM）"),
        ("not yes or no", "あり・なし（はい・いいえ）として読めません"),
        ("not a valid", "この項目の値として読めません"),
        ("not a DiSC style", "DiSC として読めません（D・I・S・C）"),
        ("not an MBTI type", "MBTI として読めません（ENTJ など 4 文字）"),
        ("not a stage", "ステージとして読めません"),
        ("not an outcome", "結果として読めません（受注・失注・進行中）"),
        ("not a channel", "接触手段として読めません（訪問・Web会議・電話・メールなど）"),
        ("email", "メールアドレスの形式が正しくありません"),
        ("phone", "電話番号の形式が正しくありません"),
        ("mobile number", "電話番号の桁数が正しくありません"),
        ("fixed-line number", "電話番号の桁数が正しくありません"),
        ("IP phone", "電話番号の桁数が正しくありません"),
        ("0570", "電話番号の桁数が正しくありません"),
        ("020", "電話番号の桁数が正しくありません"),
    ];

    /// <summary>The Japanese for an English reason; several reasons joined by "; " are translated one by one.</summary>
    /// <param name="english">The English reason, as in <see cref="QuarantinedRow.Reason"/> (its <see cref="LocalizedText.En"/>).</param>
    /// <returns>The Japanese.</returns>
    public static string Ja(string english)
    {
        if (english.Contains("; ", StringComparison.Ordinal))
        {
            return string.Join("。", english.Split("; ").Select(One));
        }

        return One(english);
    }

    private static string One(string english)
    {
        // "列名: reason" as joined by the importer for a row with several problems.
        var colon = english.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && !Exact.ContainsKey(english) && !english.StartsWith("unknown", StringComparison.Ordinal))
        {
            var head = english[..colon];
            if (!head.Contains(' ', StringComparison.Ordinal) || head.Any(c => c > 0x3000))
            {
                return $"{head}: {One(english[(colon + 2)..])}";
            }
        }

        if (Exact.TryGetValue(english, out var ja))
        {
            return ja;
        }

        var duplicate = DuplicatePattern().Match(english);
        if (duplicate.Success)
        {
            var what = duplicate.Groups["what"].Value == "company" ? "会社" : "担当者";
            return $"{what}が {duplicate.Groups["id"].Value} と重複しています（重複時は失敗にする設定 --on-duplicate fail）";
        }

        foreach (var (prefix, text) in Prefixes)
        {
            if (english.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text;
            }
        }

        return "取り込めない値です（英語の理由を参照）";
    }

    [GeneratedRegex(@"^(?<what>company|rep) is a duplicate of (?<id>\S+)")]
    private static partial Regex DuplicatePattern();
}
