using System.Globalization;
using PartnerKarte.Handover;
using PartnerKarte.Targeting;
using static PartnerKarte.Core.Tests.Handover.JapaneseKarte;

namespace PartnerKarte.Core.Tests.Handover;

public class HandoverBriefTests
{
    private readonly HandoverPlanner _planner = new();

    [Fact]
    public void Brief_for_a_departing_rep_reads_in_Japanese_and_English()
    {
        var data = Build();
        var plan = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = Sato, EffectiveOn = EffectiveOn }, Trust());
        var brief = HandoverBriefBuilder.Build(data, plan, Trust(), AsOf);

        var sato = brief.Reps.Single(r => r.Rep.Id == Sato);
        sato.TrustExplanation.Should().HaveCount(3);
        sato.ApproachTips.Select(t => t.Basis).Should().Equal("DiSC D", "MBTI NT");
        sato.OpenProposals.Select(p => p.Id.Value).Should().Equal("p-001");
        sato.OpenActions.Select(i => i.Id.Value).Should().Equal("i-sato-next");
        sato.RecentInteractions.Should().NotBeEmpty().And.BeInDescendingOrder(i => i.OccurredAt);
        sato.SuggestedIntroductions.Select(s => s.To).Should().NotContain(Ito, "opted-out reps are never suggested");
        brief.MissingItems.Should().BeEmpty();

        var ja = brief.ToMarkdown(CultureInfo.GetCultureInfo("ja-JP"));
        ja.Should().Contain("# 引き継ぎブリーフ: rep:r-sato").And.Contain("## 佐藤 健一 (サトウ ケンイチ) — 株式会社サンプル商事")
            .And.Contain("信頼スコア: 82 (A)、推移 +2.5").And.Contain("対応傾向: 積極的、レスポンスが早い")
            .And.Contain("結論と成果").And.Contain("キーパーソンリスク (High)").And.Contain("直近90日の履歴");
        var en = brief.ToMarkdown(CultureInfo.GetCultureInfo("en-US"));
        en.Should().Contain("# Handover brief: rep:r-sato").And.Contain("Trust score: 82 (A), trend +2.5")
            .And.Contain("Tendencies: proactive, fast responder").And.Contain("Lead with the conclusion").And.Contain("Key-person risk (High)");
    }

    [Fact]
    public void Missing_brief_items_block_the_handover_until_waived_with_a_reason()
    {
        var data = Build();
        var plan = _planner.PlanOwnerDeparture(data, new OwnerDepartureRequest { Departing = Tanaka, EffectiveOn = EffectiveOn }, Trust());
        var brief = HandoverBriefBuilder.Build(data, plan, Trust(), AsOf);
        var after = HandoverApplier.Apply(data, plan).Data;

        // 高橋 has no contact in the last 90 days; 伊藤 has no trust score.
        brief.MissingItems.Should().Contain(["rep:r-takahashi:RecentHistory", "rep:r-ito:TrustScore"]);
        var result = HandoverChecker.Check(after, plan, brief);
        result.Succeeded.Should().BeFalse();
        result.IsDone.Should().BeFalse();
        result.Blockers.Should().OnlyContain(b => b.Kind == HandoverBlockerKind.BriefItemMissing);
        result.Completeness.Should().BeInRange(50, 99.9);

        var waived = HandoverChecker.Check(after, plan, brief, new HandoverWaiver("部長 佐々木", "高橋様・伊藤様は今期の対象外のため", AsOf));
        waived.IsDone.Should().BeTrue();
        waived.Blockers.Should().NotBeEmpty("a waiver records the blockers, it does not hide them");
    }

    [Fact]
    public void No_brief_is_a_blocker()
    {
        var data = Build();
        var plan = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = Sato, EffectiveOn = EffectiveOn }, Trust());
        var result = HandoverChecker.Check(HandoverApplier.Apply(data, plan).Data, plan, brief: null);
        result.Blockers.Should().ContainSingle(b => b.Kind == HandoverBlockerKind.BriefItemMissing && b.Item == "brief");
    }

    [Theory]
    [InlineData("", "理由")]
    [InlineData("部長", " ")]
    public void A_waiver_needs_who_and_why(string by, string reason)
    {
        var act = () => new HandoverWaiver(by, reason, AsOf);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Owner_brief_shows_the_path_from_the_successor()
    {
        var data = Build();
        var plan = _planner.PlanOwnerDeparture(data, new OwnerDepartureRequest
        {
            Departing = Tanaka,
            EffectiveOn = EffectiveOn,
            Successors = new Dictionary<PartnerKarte.Karte.CompanyId, PartnerKarte.Karte.UserId> { [Mirai] = Nakamura },
        }, Trust());
        var brief = HandoverBriefBuilder.Build(data, plan, Trust(), AsOf);

        // The path from 山本 does not go through 田中, who is leaving.
        var suzuki = brief.Reps.Single(r => r.Rep.Id == Suzuki);
        suzuki.Successor.Should().Be(Yamamoto);
        suzuki.PathFromSuccessor!.People.Should().Equal(PersonRef.User(Yamamoto), PersonRef.Rep(Suzuki));
    }
}
