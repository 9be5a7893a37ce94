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

        return CollapseWhitespace(Nfkc(RemoveInvisible(text)));
    }

    /// <summary>Every run of whitespace and control characters to one ASCII space, trimmed; the text itself when it is already so.</summary>
    internal static string CollapseWhitespace(string nfkc)
    {
        // Most cells are already clean (no whitespace, or single spaces between words as in 山田 太郎): no copy then.
        for (var i = 0; i < nfkc.Length; i++)
        {
            var c = nfkc[i];
            if ((char.IsWhiteSpace(c) || char.IsControl(c)) &&
                (c != ' ' || i == 0 || i == nfkc.Length - 1 || char.IsWhiteSpace(nfkc[i + 1]) || char.IsControl(nfkc[i + 1])))
            {
                return CollapseWhitespaceSlow(nfkc);
            }
        }

        return nfkc;
    }

    /// <summary><see cref="CollapseWhitespace"/> without the already-clean check (the reference it is tested against).</summary>
    internal static string CollapseWhitespaceSlow(string nfkc)
    {
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
        for (var i = 0; i < 3 && !IsKnownNfkc(key) && !key.IsNormalized(NormalizationForm.FormKC); i++)
        {
            key = MatchKeyOnce(key);
        }

        return key;
    }

    private static string MatchKeyOnce(string text)
    {
        var nfkc = Nfkc(text);

        // The key is never longer than its input (a BMP character maps to at most one, a rune to at most two chars).
        char[]? rented = null;
        var buffer = nfkc.Length <= 256 ? stackalloc char[256] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(nfkc.Length));
        var n = 0;
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
                    buffer[n++] = ToLowerInvariant(c);
                }
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                n += Rune.ToLowerInvariant(rune).EncodeToUtf16(buffer[n..]);
            }
        }

        var key = buffer[..n].SequenceEqual(nfkc) ? nfkc : new string(buffer[..n]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return key;
    }

    /// <summary><see cref="char.ToLowerInvariant"/> without asking ICU for ASCII and for U+3000–U+9FFF (kana, CJK), which have no case.</summary>
    internal static char ToLowerInvariant(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + 32),
        < '\u0080' => c,
        >= '\u3000' and <= '\u9FFF' => c,
        _ => char.ToLowerInvariant(c),
    };

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

        // Text made only of characters NFKC never changes (ASCII, kana, common kanji) is its own NFKC; skipping
        // ICU there is most of the cost of normalising a large import.
        if (IsKnownNfkc(text))
        {
            return text;
        }

        return NfkcSlow(text);
    }

    /// <summary>NFKC through ICU, without the fast path (the reference the fast path is tested against).</summary>
    internal static string NfkcSlow(string text)
    {
        if (text.Length == 0)
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

    /// <summary>
    /// Whether the text holds only characters that NFKC leaves alone and that never combine with a neighbour:
    /// ASCII, the common CJK punctuation and brackets, hiragana and katakana without the stand-alone sound marks,
    /// 々〆〇 and the CJK unified ideographs U+4E00–U+9FFF. Such text is NFKC (every character passes the NFKC
    /// quick check with combining class 0), so ICU need not be asked. <see langword="false"/> means "unknown", not "not NFKC".
    /// </summary>
    internal static bool IsKnownNfkc(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(StableUnderNfkc);

    // Each range was checked character by character against ICU (see JapaneseTextFastPathTests). Excluded on purpose:
    // U+3000 (ideographic space → space), U+3099–U+309C (sound marks combine or decompose), U+309F ゟ and U+30FF ヿ
    // (compatibility ligatures), full- and half-width forms, compatibility ideographs.
    private static readonly System.Buffers.SearchValues<char> StableUnderNfkc = System.Buffers.SearchValues.Create(StableRanges());

    internal static string StableRanges()
    {
        var sb = new StringBuilder(0x5300);
        void Range(char from, char to)
        {
            for (var c = from; c <= to; c++)
            {
                sb.Append(c);
            }
        }

        Range('\u0000', '\u007F');
        Range('\u3001', '\u3002');
        Range('\u3005', '\u3011');
        Range('\u3041', '\u3096');
        Range('\u309D', '\u309E');
        Range('\u30A1', '\u30FE');
        Range('\u4E00', '\u9FFF');
        return sb.ToString();
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
