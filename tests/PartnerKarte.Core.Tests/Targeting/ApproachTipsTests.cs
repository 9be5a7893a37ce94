using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Core.Tests.Targeting;

public class ApproachTipsTests
{
    [Theory]
    [InlineData(DiscStyle.D)]
    [InlineData(DiscStyle.I)]
    [InlineData(DiscStyle.S)]
    [InlineData(DiscStyle.C)]
    public void Every_DiSC_style_has_Japanese_and_English_tips(DiscStyle style)
    {
        var tip = ApproachTips.ForDisc(style);
        tip.Basis.Should().Be($"DiSC {style}");
        tip.Do.Should().NotBeEmpty().And.OnlyContain(t => t.Ja.Length > 0 && t.En.Length > 0);
        tip.Avoid.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("INTJ", "MBTI NT")]
    [InlineData("ENFP", "MBTI NF")]
    [InlineData("ISTJ", "MBTI SJ")]
    [InlineData("ESFP", "MBTI SP")]
    public void MBTI_types_map_to_their_temperament(string code, string basis) =>
        ApproachTips.For(new Personality(Mbti: MbtiType.Parse(code))).Should().ContainSingle().Which.Basis.Should().Be(basis);

    [Fact]
    public void A_steady_S_rep_gets_advice_for_a_calm_handover_in_Japanese()
    {
        var tips = ApproachTips.For(new Personality(DiscStyle.S, MbtiType.Parse("ISFJ")));
        tips.Select(t => t.Basis).Should().Equal("DiSC S", "MBTI SJ");
        tips[0].Do.Select(d => d.Get(CultureInfo.GetCultureInfo("ja-JP"))).Should().Contain("担当交代時は前任者同席で丁寧に引き継ぐ");
        ApproachTips.For(Personality.None).Should().BeEmpty();
    }
}
