using System.Text.RegularExpressions;

namespace PartnerKarte.Text;

/// <summary>Finds and strips legal forms (法人格) written before or after a company name.</summary>
internal static partial class LegalForms
{
    // Patterns are matched against NFKC text with hiragana folded to katakana, so （株）, ㈱ and ｶ) arrive
    // here as (株) and カ). Longer patterns come first so 医療法人社団 wins over 医療法人.
    private static readonly (string Text, CompanyLegalForm Form)[] Japanese =
    [
        ("特定非営利活動法人", CompanyLegalForm.NonProfitCorporation),
        ("NPO法人", CompanyLegalForm.NonProfitCorporation),
        ("一般社団法人", CompanyLegalForm.IncorporatedAssociation),
        ("公益社団法人", CompanyLegalForm.IncorporatedAssociation),
        ("一般財団法人", CompanyLegalForm.IncorporatedFoundation),
        ("公益財団法人", CompanyLegalForm.IncorporatedFoundation),
        ("医療法人社団", CompanyLegalForm.MedicalCorporation),
        ("医療法人財団", CompanyLegalForm.MedicalCorporation),
        ("社会福祉法人", CompanyLegalForm.SocialWelfareCorporation),
        ("カブシキガイシャ", CompanyLegalForm.KabushikiKaisha),
        ("カブシキカイシャ", CompanyLegalForm.KabushikiKaisha),
        ("ユウゲンガイシャ", CompanyLegalForm.YugenKaisha),
        ("ユウゲンカイシャ", CompanyLegalForm.YugenKaisha),
        ("ゴウドウガイシャ", CompanyLegalForm.GodoKaisha),
        ("ゴウドウカイシャ", CompanyLegalForm.GodoKaisha),
        ("ゴウシガイシャ", CompanyLegalForm.GoshiKaisha),
        ("ゴウメイガイシャ", CompanyLegalForm.GomeiKaisha),
        ("社団法人", CompanyLegalForm.IncorporatedAssociation),
        ("財団法人", CompanyLegalForm.IncorporatedFoundation),
        ("医療法人", CompanyLegalForm.MedicalCorporation),
        ("学校法人", CompanyLegalForm.SchoolCorporation),
        ("株式会社", CompanyLegalForm.KabushikiKaisha),
        ("有限会社", CompanyLegalForm.YugenKaisha),
        ("合同会社", CompanyLegalForm.GodoKaisha),
        ("合資会社", CompanyLegalForm.GoshiKaisha),
        ("合名会社", CompanyLegalForm.GomeiKaisha),
        ("(特非)", CompanyLegalForm.NonProfitCorporation),
        ("(株)", CompanyLegalForm.KabushikiKaisha),
        ("(有)", CompanyLegalForm.YugenKaisha),
        ("(同)", CompanyLegalForm.GodoKaisha),
        ("(資)", CompanyLegalForm.GoshiKaisha),
        ("(名)", CompanyLegalForm.GomeiKaisha),
        ("(社)", CompanyLegalForm.IncorporatedAssociation),
        ("(財)", CompanyLegalForm.IncorporatedFoundation),
        ("(医)", CompanyLegalForm.MedicalCorporation),
        ("(学)", CompanyLegalForm.SchoolCorporation),
        ("(福)", CompanyLegalForm.SocialWelfareCorporation),
    ];

    // Abbreviations used in kana names (bank transfer style): カ)サンプル / サンプル(カ.
    private static readonly (string Text, CompanyLegalForm Form)[] KanaAbbreviations =
    [
        ("トクヒ", CompanyLegalForm.NonProfitCorporation),
        ("シャ", CompanyLegalForm.IncorporatedAssociation),
        ("ザイ", CompanyLegalForm.IncorporatedFoundation),
        ("ガク", CompanyLegalForm.SchoolCorporation),
        ("フク", CompanyLegalForm.SocialWelfareCorporation),
        ("カ", CompanyLegalForm.KabushikiKaisha),
        ("ユ", CompanyLegalForm.YugenKaisha),
        ("ド", CompanyLegalForm.GodoKaisha),
        ("シ", CompanyLegalForm.GoshiKaisha),
        ("メ", CompanyLegalForm.GomeiKaisha),
        ("イ", CompanyLegalForm.MedicalCorporation),
    ];

    private static readonly char[] Separators = [' ', '・', ',', '、'];

    /// <summary>Strips legal forms from both ends of a normalised name until none is left.</summary>
    /// <returns>The core, the first form found and its position.</returns>
    public static (string Core, CompanyLegalForm Form, LegalFormPosition Position) Strip(string normalized)
    {
        var core = normalized.Trim(Separators);
        var form = CompanyLegalForm.None;
        var position = LegalFormPosition.None;
        while (true)
        {
            var folded = JapaneseText.ToKatakana(core);
            if (TryPrefix(folded, out var length, out var f))
            {
                if (!Apply(ref core, length, 0, LegalFormPosition.Prefix, f, ref form, ref position))
                {
                    break;
                }

                continue;
            }

            if (TrySuffix(folded, out length, out f))
            {
                if (!Apply(ref core, 0, length, LegalFormPosition.Suffix, f, ref form, ref position))
                {
                    break;
                }

                continue;
            }

            break;
        }

        return (core.Length == 0 ? normalized : core, form, position);
    }

    private static bool Apply(ref string core, int prefix, int suffix, LegalFormPosition where, CompanyLegalForm found,
        ref CompanyLegalForm form, ref LegalFormPosition position)
    {
        var rest = core.Substring(prefix, core.Length - prefix - suffix).Trim(Separators);
        if (rest.Length == 0)
        {
            return false; // the name is nothing but a legal form: keep it whole
        }

        core = rest;
        if (form == CompanyLegalForm.None)
        {
            form = found;
            position = where;
        }

        return true;
    }

    private static bool TryPrefix(string folded, out int length, out CompanyLegalForm form)
    {
        foreach (var (text, f) in Japanese)
        {
            // Comparing the first character first skips the (slower) case-insensitive comparison for almost every pattern.
            if (folded.Length >= text.Length && SameIgnoringAsciiCase(folded[0], text[0]) && folded.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            {
                (length, form) = (text.Length, f);
                return true;
            }
        }

        foreach (var (text, f) in KanaAbbreviations)
        {
            // カ)サンプル and (カ)サンプル
            if (folded.Length > text.Length + 1 && folded.StartsWith(text, StringComparison.Ordinal) && folded[text.Length] == ')')
            {
                (length, form) = (text.Length + 1, f);
                return true;
            }

            if (folded.Length > text.Length + 2 && folded[0] == '(' && string.CompareOrdinal(folded, 1, text, 0, text.Length) == 0 &&
                folded[text.Length + 1] == ')')
            {
                (length, form) = (text.Length + 2, f);
                return true;
            }
        }

        (length, form) = (0, CompanyLegalForm.None);
        return false;
    }

    private static bool TrySuffix(string folded, out int length, out CompanyLegalForm form)
    {
        foreach (var (text, f) in Japanese)
        {
            if (folded.Length >= text.Length && SameIgnoringAsciiCase(folded[^1], text[^1]) && folded.EndsWith(text, StringComparison.OrdinalIgnoreCase))
            {
                (length, form) = (text.Length, f);
                return true;
            }
        }

        foreach (var (text, f) in KanaAbbreviations)
        {
            // サンプル(カ and サンプル(カ)
            if (folded.Length > text.Length + 1 && folded.EndsWith(text, StringComparison.Ordinal) && folded[^(text.Length + 1)] == '(')
            {
                (length, form) = (text.Length + 1, f);
                return true;
            }

            if (folded.Length > text.Length + 2 && folded[^1] == ')' && folded[^(text.Length + 2)] == '(' &&
                string.CompareOrdinal(folded, folded.Length - text.Length - 1, text, 0, text.Length) == 0)
            {
                (length, form) = (text.Length + 2, f);
                return true;
            }
        }

        var match = EnglishSuffix().Match(folded);
        if (match.Success)
        {
            var word = match.Groups["form"].Value.ToUpperInvariant().Replace(".", string.Empty, StringComparison.Ordinal)
                .Replace(" ", string.Empty, StringComparison.Ordinal);
            form = word switch
            {
                "KK" or "KABUSHIKIKAISHA" => CompanyLegalForm.KabushikiKaisha,
                "GK" or "GODOKAISHA" => CompanyLegalForm.GodoKaisha,
                "LLC" => CompanyLegalForm.LimitedLiabilityCompany,
                _ => CompanyLegalForm.Company,
            };
            length = match.Length;
            return true;
        }

        (length, form) = (0, CompanyLegalForm.None);
        return false;
    }

    // The Japanese patterns hold ASCII letters only (NPO法人), so a first or last character that differs beyond ASCII case rules the pattern out.
    private static bool SameIgnoringAsciiCase(char a, char b) => a == b || (char.IsAsciiLetter(a) && (a | 0x20) == (b | 0x20));

    // English forms only count after a separator, so "Zinc" or "Bizcorp" keep their letters.
    [GeneratedRegex(
        @"[ ,]+(?<form>co\.?,? ?ltd\.?|co\.?,? ?limited|company limited|limited|ltd\.?|incorporated|inc\.?|corporation|corp\.?|k\.? ?k\.?|kabushiki ?kaisha|g\.? ?k\.?|godo ?kaisha|l\.?l\.?c\.?|co\.?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishSuffix();
}
