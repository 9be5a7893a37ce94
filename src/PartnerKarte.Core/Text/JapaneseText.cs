using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace PartnerKarte.Text;

/// <summary>
/// Normalisation of Japanese text as it arrives from spreadsheets, forms and CRMs: NFKC (full-width
/// letters and digits to ASCII, half-width kana to full-width, ㈱ to (株)), whitespace, kana folding and
/// the compact keys the matcher compares. Every function here is idempotent: applying it to its own
/// output changes nothing.
/// </summary>
public static class JapaneseText
{
    /// <summary>
    /// Normalises text for storage and display: NFKC, every run of whitespace (including the ideographic
    /// space U+3000 and line breaks) to one ASCII space, trimmed; unpaired surrogates become U+FFFD.
    /// </summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The normalised text; <see langword="null"/> for <see langword="null"/>.</returns>
    /// <example><c>Normalize("　ｻﾝﾌﾟﾙ　ＡＢＣ　")</c> returns <c>"サンプル ABC"</c>.</example>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var nfkc = Nfkc(RemoveInvisible(text));
        StringBuilder? sb = null;
        var pendingSpace = false;
        for (var i = 0; i < nfkc.Length; i++)
        {
            var c = nfkc[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (sb is null)
                {
                    sb = new StringBuilder(nfkc.Length);
                    sb.Append(nfkc, 0, i);
                }

                pendingSpace = sb.Length > 0;
                continue;
            }

            if (sb is not null)
            {
                if (pendingSpace)
                {
                    sb.Append(' ');
                    pendingSpace = false;
                }

                sb.Append(c);
            }
        }

        return sb is null ? nfkc : sb.ToString();
    }

    /// <summary>
    /// Folds hiragana to katakana (ぁ–ゖ to ァ–ヶ, ゝゞ to ヽヾ), leaving everything else as it is.
    /// Apply after <see cref="Normalize"/> so half-width kana are already full-width.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with katakana in place of hiragana.</returns>
    /// <example><c>ToKatakana("やまだ たろう")</c> returns <c>"ヤマダ タロウ"</c>.</example>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? ToKatakana(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var index = text.AsSpan().IndexOfAnyInRange('\u3041', '\u309E');
        if (index < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, index), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (var i = state.index; i < span.Length; i++)
            {
                span[i] = HiraganaToKatakana(span[i]);
            }
        });
    }

    /// <summary>
    /// The comparison key of a name or reading: normalised, hiragana folded to katakana, small kana folded to
    /// large (ャ→ヤ, ッ→ツ: キャノン and キヤノン compare equal), the long vowel mark ー and every dash, space
    /// and punctuation removed (サーバー and サーバ compare equal), letters lower-cased. Only letters and
    /// digits remain. Two texts a reader would call "the same name" get the same key.
    /// </summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The key; empty for <see langword="null"/> or text without letters or digits.</returns>
    /// <example><c>ToMatchKey("ｻﾝﾌﾟﾙ・テクノロジー")</c> and <c>ToMatchKey("さんぷる てくのろじ")</c> both return <c>"サンプルテクノロジ"</c>.</example>
    public static string ToMatchKey(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Lower-casing can, for a handful of letters, produce text NFKC would change again; settle it so the
        // key is a fixed point (idempotence is what makes keys comparable across sources).
        var key = MatchKeyOnce(text);
        for (var i = 0; i < 3 && !key.IsNormalized(NormalizationForm.FormKC); i++)
        {
            key = MatchKeyOnce(key);
        }

        return key;
    }

    private static string MatchKeyOnce(string text)
    {
        var nfkc = Nfkc(text);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var rune in nfkc.EnumerateRunes())
        {
            if (rune.IsBmp)
            {
                var c = FoldSmallKana(HiraganaToKatakana((char)rune.Value));
                if (c is '\u30FC' or '\u30FB' or '\u309B' or '\u309C')
                {
                    continue; // long vowel mark, middle dot, stand-alone sound marks
                }

                if (char.IsLetterOrDigit(c))
                {
                    sb.Append(char.ToLowerInvariant(c));
                }
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                sb.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether the text contains any hiragana or katakana (after <see cref="Normalize"/>).</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when a kana character is present.</returns>
    public static bool ContainsKana(string? text) =>
        text is not null && text.AsSpan().IndexOfAnyInRange('\u3041', '\u30FA') >= 0;

    /// <summary>NFKC with unpaired surrogates replaced first (string.Normalize throws on them).</summary>
    internal static string Nfkc(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // Pure ASCII is already NFKC; skip the call on the hot path of large imports.
        if (!text.AsSpan().ContainsAnyExceptInRange('\u0000', '\u007F'))
        {
            return text;
        }

        var safe = ReplaceInvalid(text);
        try
        {
            return safe.IsNormalized(NormalizationForm.FormKC) ? safe : safe.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // The platform refused a code point we did not anticipate: drop unassigned ones and try once more.
            var assigned = string.Concat(safe.EnumerateRunes()
                .Where(r => Rune.GetUnicodeCategory(r) != UnicodeCategory.OtherNotAssigned).Select(r => r.ToString()));
            return assigned.Normalize(NormalizationForm.FormKC);
        }
    }

    internal static char HiraganaToKatakana(char c) =>
        c is >= '\u3041' and <= '\u3096' or '\u309D' or '\u309E' ? (char)(c + 0x60) : c;

    internal static char FoldSmallKana(char c) => c switch
    {
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        'ッ' => 'ツ',
        'ャ' => 'ヤ',
        'ュ' => 'ユ',
        'ョ' => 'ヨ',
        'ヮ' => 'ワ',
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        _ => c,
    };

    /// <summary>Removes zero-width and byte-order marks, which spreadsheets leave inside cells.</summary>
    private static string RemoveInvisible(string text)
    {
        if (text.AsSpan().IndexOfAny(Invisible) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!Invisible.Contains(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Invisible =
        System.Buffers.SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF\u00AD");

    /// <summary>Replaces unpaired surrogates and noncharacters (U+FFFE, U+FDD0…), on which string.Normalize throws, by U+FFFD.</summary>
    private static string ReplaceInvalid(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if ((codePoint & 0xFFFE) == 0xFFFE)
                {
                    copy ??= text.ToCharArray();
                    copy[i] = '\uFFFD';
                    copy[i + 1] = '\uFFFD';
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || c is >= '\uFDD0' and <= '\uFDEF')
            {
                copy ??= text.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }

        return copy is null ? text : new string(copy);
    }
}
