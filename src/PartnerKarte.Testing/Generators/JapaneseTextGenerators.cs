using FsCheck;
using FsCheck.Fluent;

namespace PartnerKarte.Testing;

/// <summary>FsCheck generators of the messy Japanese text real karte data holds: names, free text, phone numbers and email addresses as people type them.</summary>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class JapaneseTextGenerators
{
    /// <summary>Full-width katakana with their half-width spelling (voiced ones take two half-width characters).</summary>
    public static IReadOnlyList<(string Full, string Half)> Kana { get; } =
    [
        ("ア", "ｱ"), ("イ", "ｲ"), ("ウ", "ｳ"), ("エ", "ｴ"), ("オ", "ｵ"), ("カ", "ｶ"), ("キ", "ｷ"), ("ク", "ｸ"), ("ケ", "ｹ"),
        ("コ", "ｺ"), ("サ", "ｻ"), ("シ", "ｼ"), ("ス", "ｽ"), ("セ", "ｾ"), ("ソ", "ｿ"), ("タ", "ﾀ"), ("チ", "ﾁ"), ("ツ", "ﾂ"),
        ("テ", "ﾃ"), ("ト", "ﾄ"), ("ナ", "ﾅ"), ("ニ", "ﾆ"), ("ノ", "ﾉ"), ("ハ", "ﾊ"), ("ヒ", "ﾋ"), ("フ", "ﾌ"), ("ホ", "ﾎ"),
        ("マ", "ﾏ"), ("ミ", "ﾐ"), ("ム", "ﾑ"), ("メ", "ﾒ"), ("ヤ", "ﾔ"), ("ユ", "ﾕ"), ("ヨ", "ﾖ"), ("ラ", "ﾗ"), ("リ", "ﾘ"),
        ("ル", "ﾙ"), ("レ", "ﾚ"), ("ロ", "ﾛ"), ("ワ", "ﾜ"), ("ン", "ﾝ"), ("ガ", "ｶﾞ"), ("ギ", "ｷﾞ"), ("ゴ", "ｺﾞ"),
        ("ジ", "ｼﾞ"), ("ダ", "ﾀﾞ"), ("デ", "ﾃﾞ"), ("ド", "ﾄﾞ"), ("バ", "ﾊﾞ"), ("ビ", "ﾋﾞ"), ("プ", "ﾌﾟ"), ("ポ", "ﾎﾟ"),
        ("ー", "ｰ"), ("ャ", "ｬ"), ("ュ", "ｭ"), ("ョ", "ｮ"), ("ッ", "ｯ"),
    ];

    private static readonly string[] Kanji = ["山", "田", "商", "事", "東", "京", "産", "業", "技", "研", "電", "機", "販", "売", "日", "本", "大", "阪", "通", "信"];

    private static readonly string[] Noise =
    [
        "株式会社", "(株)", "（株）", "㈱", "㍿", "有限会社", "㈲", "ｶ)", "(ｶ", "合同会社", " ", "\u3000", "\t", "\n", "・", "ｰ", "ー", "－", "-",
        "‐", "―", "−", "〜", "～", "ﾞ", "ﾟ", "\u3099", "\u0301", "Ａ", "ｂ", "１", "9", "Co., Ltd.", " Inc.", "K.K.", "@", "＠", ".", "\uFEFF",
        "\u200B", "ß", "İ", "ﬁ", "Ⅻ", "①", "㌔", "ヴ", "ゔ", "ゝ", "ゞ", "ヽ", "々", "\ud83d\ude00", "\ud800", "\udc00", "\uFFFE", "\uFFFF", "\uFDD0", "\ud83f\udffe",
    ];

    /// <summary>A core company name made of katakana and kanji, 2–6 symbols, with its half-width kana form.</summary>
    public static Gen<(string Full, string Half)> CoreName =>
        Gen.Choose(2, 6).SelectMany(n => Gen.Elements(Kana.Take(41).Select(k => (k.Full, k.Half)).Concat(Kanji.Select(k => (k, k))).ToArray())
            .ArrayOf(n)
            .Select(parts => (string.Concat(parts.Select(p => p.Item1)), string.Concat(parts.Select(p => p.Item2)))));

    /// <summary>Text mixing hiragana, katakana (full and half width), kanji, full-width ASCII, legal forms,
    /// whitespace, dashes, combining marks and broken surrogates.</summary>
    public static Gen<string> MessyText =>
        Gen.OneOf(
                Gen.Elements(Kana.Select(k => k.Full).ToArray()),
                Gen.Elements(Kana.Select(k => k.Half).ToArray()),
                Gen.Choose(0x3041, 0x3096).Select(c => ((char)c).ToString()),
                Gen.Elements(Kanji),
                Gen.Elements(Noise),
                Gen.Choose(0x21, 0x7E).Select(c => ((char)c).ToString()),
                Gen.Choose(0xFF01, 0xFF9F).Select(c => ((char)c).ToString()),
                Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()))
            .ListOf()
            .Select(string.Concat);

    /// <summary>Phone numbers as people type them, valid or not.</summary>
    public static Gen<string> PhoneText =>
        Gen.OneOf(
                Gen.Elements("0", "03", "06", "090", "080", "070", "050", "0120", "0800", "0570", "045", "0466", "+81", "+81 (0)", "0081", "+1"),
                Gen.Choose(0, 9).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Gen.Elements("０", "５", "９", "-", "－", "ｰ", "ー", "‐", "−", " ", "(", ")", "（", "）", "\u3000", "内線", "ext.", "Ext", "：", ","))
            .ListOf()
            .Select(string.Concat);

    /// <summary>Email addresses as people type them, valid or not.</summary>
    public static Gen<string> EmailText =>
        Gen.OneOf(
                Gen.Elements("taro", "Yamada", "ｔａｒｏ", "h.suzuki", "..", "+tag", "山田", "ﾔﾏﾀﾞ"),
                Gen.Elements("@", "＠", "@@"),
                Gen.Elements("example.co.jp", "Example.CO.JP", "ｅｘａｍｐｌｅ．ｃｏｍ", "docomo.ne.jp", "例え.jp", "-bad-.jp", "localhost", "."),
                Gen.Elements(" ", "\u3000", "mailto:", "<", ">"))
            .ListOf()
            .Select(string.Concat);
}
