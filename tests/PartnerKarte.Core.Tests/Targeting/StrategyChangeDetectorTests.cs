using PartnerKarte.Targeting;
using static PartnerKarte.Core.Tests.Handover.JapaneseKarte;

namespace PartnerKarte.Core.Tests.Targeting;

public class StrategyChangeDetectorTests
{
    [Fact]
    public void サンプル商事_moving_into_DX_lists_the_reps_and_offers_to_retarget()
    {
        var data = Build();
        var before = data.Companies.Single(c => c.Id == Sample);
        var after = before with { FocusTags = ["クラウド", "ＤＸ"], BusinessPolicy = "製造業のDX支援に注力" };
        var offers = new[]
        {
            new Offer { Product = "経費精算", Themes = ["DX"] },
            new Offer { Product = "勤怠管理", Themes = ["人事"] },
        };

        var change = StrategyChangeDetector.Detect(before, after, data, offers);

        change.HasChanged.Should().BeTrue();
        change.AddedFocus.Should().Equal("ＤＸ");
        change.RemovedFocus.Should().Equal("会計");
        change.PolicyChanged.Should().BeTrue();
        change.MatchingReps.Select(r => r.RepId).Should().Equal(Sato, Takahashi);
        change.MatchingReps[0].MatchedTags.Should().Equal("DX");
        change.OffersToRetarget.Select(o => o.Offer.Product).Should().Equal("経費精算");
    }

    [Fact]
    public void Proposals_that_only_fit_the_dropped_focus_are_at_risk()
    {
        var data = Build();
        var before = data.Companies.Single(c => c.Id == Sample) with { FocusTags = ["インボイス制度", "DX"] };
        var after = before with { FocusTags = ["DX"] };
        StrategyChangeDetector.Detect(before, after, data, []).ProposalsAtRisk.Select(p => p.Value).Should().Equal("p-001");
    }

    [Fact]
    public void Same_focus_in_another_width_is_no_change()
    {
        var data = Build();
        var before = data.Companies.Single(c => c.Id == Sample);
        var after = before with { FocusTags = ["クラウド", "会計"], BusinessPolicy = before.BusinessPolicy + " " };
        StrategyChangeDetector.Detect(before, after, data, []).HasChanged.Should().BeFalse();
    }
}
