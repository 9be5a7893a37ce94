using System.Text;
using FsCheck.Fluent;
using PartnerKarte.Testing;
using PartnerKarte.Text;

namespace PartnerKarte.Core.Tests.Text;

public class JapaneseTextTests
{
    [Theory]
    [InlineData("　ｻﾝﾌﾟﾙ　ＡＢＣ　", "サンプル ABC")]
    [InlineData("ｶﾞｲｼｬ", "ガイシャ")]
    [InlineData("㈱サンプル", "(株)サンプル")]
    [InlineData("（株）サンプル", "(株)サンプル")]
    [InlineData("東京都\r\n千代田区　丸の内１－１", "東京都 千代田区 丸の内1-1")]
    [InlineData("\uFEFFサン\u200Bプル", "サンプル")]
    [InlineData("", "")]
    public void Normalize_applies_nfkc_and_collapses_whitespace(string input, string expected) =>
        JapaneseText.Normalize(input).Should().Be(expected);

    [Fact]
    public void Normalize_keeps_null_and_survives_broken_surrogates()
    {
        JapaneseText.Normalize(null).Should().BeNull();
        JapaneseText.Normalize("A\ud800B").Should().Be("A\uFFFDB");
        JapaneseText.Normalize("Ａ\uFFFEＢ").Should().Be("A\uFFFDB");
    }

    [Fact]
    public void ToKatakana_folds_hiragana_only() =>
        JapaneseText.ToKatakana("やまだ たろう 山田ゞ").Should().Be("ヤマダ タロウ 山田ヾ");

    [Theory]
    [InlineData("キャノン", "キヤノン")]
    [InlineData("サーバー", "サーバ")]
    [InlineData("さんぷる", "ｻﾝﾌﾟﾙ")]
    [InlineData("サンプル・テクノロジー", "サンプル テクノロジ")]
    [InlineData("ＡＢＣ商事", "abc商事")]
    public void Match_keys_equal_for_spellings_a_reader_calls_the_same(string a, string b) =>
        JapaneseText.ToMatchKey(a).Should().Be(JapaneseText.ToMatchKey(b)).And.NotBeEmpty();

    [Theory]
    [InlineData("ガス", "カス")]
    [InlineData("山田", "山口")]
    public void Match_keys_differ_for_different_names(string a, string b) =>
        JapaneseText.ToMatchKey(a).Should().NotBe(JapaneseText.ToMatchKey(b));

    [Fact]
    public void Normalize_is_idempotent() =>
        Props.Check(JapaneseTextGenerators.MessyText, s => JapaneseText.Normalize(JapaneseText.Normalize(s)) == JapaneseText.Normalize(s));

    [Fact]
    public void Normalize_output_is_nfkc_without_edge_whitespace() =>
        Props.Check(JapaneseTextGenerators.MessyText, s =>
        {
            var n = JapaneseText.Normalize(s);
            return n.IsNormalized(NormalizationForm.FormKC) && n.Trim() == n && !n.Contains("  ", StringComparison.Ordinal);
        });

    [Fact]
    public void ToKatakana_is_idempotent() =>
        Props.Check(JapaneseTextGenerators.MessyText, s => JapaneseText.ToKatakana(JapaneseText.ToKatakana(s)) == JapaneseText.ToKatakana(s));

    [Fact]
    public void ToMatchKey_is_idempotent() =>
        Props.Check(JapaneseTextGenerators.MessyText, s => JapaneseText.ToMatchKey(JapaneseText.ToMatchKey(s)) == JapaneseText.ToMatchKey(s));

    [Fact]
    public void ToMatchKey_is_idempotent_on_any_string() =>
        Props.Check(Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(a => new string(a)),
            s => JapaneseText.ToMatchKey(JapaneseText.ToMatchKey(s)) == JapaneseText.ToMatchKey(s), cases: 300);

    [Fact]
    public void Half_width_and_hiragana_spellings_share_the_match_key() =>
        Props.Check(JapaneseTextGenerators.CoreName, name =>
            JapaneseText.ToMatchKey(name.Half) == JapaneseText.ToMatchKey(name.Full) &&
            JapaneseText.ToMatchKey(ToHiragana(name.Full)) == JapaneseText.ToMatchKey(name.Full));

    private static string ToHiragana(string s) =>
        new(s.Select(c => c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c).ToArray());
}
