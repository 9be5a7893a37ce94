using System.ComponentModel.DataAnnotations;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;
using static PartnerKarte.Core.Tests.Handover.JapaneseKarte;

namespace PartnerKarte.Core.Tests.Targeting;

public class ProposalTargeterTests
{
    private static readonly Offer CloudAccounting = new()
    {
        Product = "クラウド会計",
        Themes = ["インボイス制度", "ＤＸ"],
        TargetIndustries = ["SIer"],
        EmployeeSizeBands = [new EmployeeSizeBand(100, 999)],
    };

    [Fact]
    public void クラウド会計_is_pitched_first_to_佐藤_whose_expertise_interests_trust_and_history_fit()
    {
        var matches = new ProposalTargeter(Build(), Trust()).Target(CloudAccounting, AsOf, top: 10);

        matches[0].RepId.Should().Be(Sato);
        matches[0].CompanyId.Should().Be(Sample);
        matches[0].Reasons.Select(r => r.Code).Should().Contain(["expertise", "interest", "company-fit", "trust", "win-rate", "recency"]);
        matches[0].Reasons.Single(r => r.Code == "interest").Text.Ja.Should().Be("関心分野が一致: インボイス制度、DX", "full-width ＤＸ matches DX");
        matches[0].Reasons.Should().BeInDescendingOrder(r => r.Contribution);
        matches[0].Score.Should().BeApproximately(matches[0].Reasons.Sum(r => r.Contribution), 1e-9);
        matches[0].Approach!.Basis.Should().Be("DiSC D");
        matches.Should().BeInDescendingOrder(m => m.Score);
        matches.Select(m => m.RepId).Should().NotContain([Ito, Kato], "opted-out and departed reps are never targeted");
    }

    [Fact]
    public void Minimum_trust_excludes_low_and_unrated_reps()
    {
        var matches = new ProposalTargeter(Build(), Trust()).Target(CloudAccounting with { MinimumTrust = 60 }, AsOf);
        matches.Select(m => m.RepId).Should().BeEquivalentTo([Sato, Watanabe]);
    }

    [Fact]
    public void Win_rate_is_smoothed_toward_the_population_rate()
    {
        var matches = new ProposalTargeter(Build(), Trust()).Target(CloudAccounting, AsOf, top: 10);
        var sato = matches.Single(m => m.RepId == Sato).Reasons.Single(r => r.Code == "win-rate");
        // サンプル商事: 2 won, 1 lost on similar offers; population 2 won, 1 lost → prior (2+1)/(3+2) = 0.6; (2 + 2×0.6)/(3 + 2) = 0.64.
        sato.Contribution.Should().BeApproximately(0.1 * 0.64, 1e-9);
        sato.Text.En.Should().Contain("2 won, 1 lost");
    }

    [Fact]
    public void Weights_must_sum_to_one()
    {
        var act = () => new ProposalTargeter(Build(), Trust(), new TargetingOptions { TrustWeight = 0.5 });
        act.Should().Throw<ValidationException>().WithMessage("PartnerKarte:Targeting: *Weight* must sum to 1 (was *");
    }

    [Fact]
    public void Ties_are_broken_by_rep_id_so_results_are_deterministic()
    {
        var reps = Enumerable.Range(0, 50).Select(i => Rep(new RepId($"r{i:00}"), Sample, "同", "点", "ドウ", "テン", "営業部", null, null, ["ERP"], [], Personality.None)).Reverse().ToArray();
        var data = new KarteDataSet { Companies = Build().Companies, Reps = reps };
        var matches = new ProposalTargeter(data, new Dictionary<RepId, PartnerKarte.Scoring.TrustScore>()).Target(new Offer { Product = "ERP" }, AsOf, top: 5);
        matches.Select(m => m.RepId.Value).Should().Equal("r00", "r01", "r02", "r03", "r04");
    }
}
