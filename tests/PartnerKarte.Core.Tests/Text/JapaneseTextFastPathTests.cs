using System.Text;
using FsCheck.Fluent;
using FsCheck;
using PartnerKarte.Testing;
using PartnerKarte.Text;

namespace PartnerKarte.Core.Tests.Text;

/// <summary>
/// The NFKC fast path (text made only of characters NFKC keeps skips ICU) must give exactly what ICU gives.
/// </summary>
public class JapaneseTextFastPathTests
{
    private static readonly char[] Stable = JapaneseText.StableRanges().ToCharArray();

    /// <summary>Strings mixing fast-path characters with full-width, half-width kana, sound marks and other code points.</summary>
    private static Gen<string> Mixed =>
        Gen.OneOf(
                Gen.Elements(Stable).Select(c => c.ToString()),
                Gen.Elements(Stable).Select(c => c.ToString()),
                JapaneseTextGenerators.MessyText,
                Gen.Choose(0xFF01, 0xFF9F).Select(c => ((char)c).ToString()),
                Gen.Choose(0x3000, 0x30FF).Select(c => ((char)c).ToString()),
                Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()))
            .ListOf()
            .Select(string.Concat);

    [Fact]
    public void Every_fast_path_character_is_left_alone_by_nfkc()
    {
        var changed = Stable.Where(c => !c.ToString().IsNormalized(NormalizationForm.FormKC) || c.ToString().Normalize(NormalizationForm.FormKC) != c.ToString())
            .Select(c => $"U+{(int)c:X4}").ToList();
        changed.Should().BeEmpty();
    }

    [Theory]
    [InlineData("\u3000")]
    [InlineData("ｶ")]
    [InlineData("Ａ")]
    [InlineData("㈱")]
    [InlineData("\u3099")]
    [InlineData("\u309B")]
    [InlineData("ゟ")]
    [InlineData("ヿ")]
    [InlineData("\uF900")]
    [InlineData("\ud800")]
    public void Characters_nfkc_may_change_are_not_on_the_fast_path(string text) =>
        JapaneseText.IsKnownNfkc(text).Should().BeFalse();

    [Fact]
    public void Fast_path_strings_are_nfkc_by_icu() =>
        Props.Check(Gen.Elements(Stable).ArrayOf().Select(a => new string(a)), s =>
            JapaneseText.IsKnownNfkc(s) && s.IsNormalized(NormalizationForm.FormKC));

    [Fact]
    public void Nfkc_with_the_fast_path_equals_icu_on_mixed_text() =>
        Props.Check(Mixed, s => JapaneseText.Nfkc(s) == JapaneseText.NfkcSlow(s), cases: 300);

    [Fact]
    public void Fast_path_never_claims_text_icu_would_change() =>
        Props.Check(Mixed, s => !JapaneseText.IsKnownNfkc(s) || JapaneseText.NfkcSlow(s) == s, cases: 300);

    [Fact]
    public void Whitespace_collapsing_with_the_clean_check_equals_the_full_pass() =>
        Props.Check(Gen.OneOf(Mixed, Gen.Elements(" ", "  ", "\t", "\u3000", "a", "山", "\n").ListOf().Select(string.Concat)),
            s => JapaneseText.CollapseWhitespace(s) == JapaneseText.CollapseWhitespaceSlow(s), cases: 300);

    [Theory]
    [InlineData("山田 太郎", "山田 太郎")]
    [InlineData("山田  太郎", "山田 太郎")]
    [InlineData(" 山田", "山田")]
    [InlineData("山田 ", "山田")]
    [InlineData("山田\t太郎", "山田 太郎")]
    [InlineData("株式会社テスト1商事", "株式会社テスト1商事")]
    [InlineData("ヤマダ タロウ", "ヤマダ タロウ")]
    [InlineData("ｶﾞｲｼｬ", "ガイシャ")]
    [InlineData("㈱テスト", "(株)テスト")]
    public void Normalize_gives_the_same_result_on_and_off_the_fast_path(string input, string expected) =>
        JapaneseText.Normalize(input).Should().Be(expected);
}
