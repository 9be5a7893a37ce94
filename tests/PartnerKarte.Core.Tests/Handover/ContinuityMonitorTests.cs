using PartnerKarte.Handover;
using PartnerKarte.Karte;

namespace PartnerKarte.Core.Tests.Handover;

public class ContinuityMonitorTests
{
    private static readonly DateTimeOffset HandoverAt = new(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(9));
    private static readonly string[] CompanyNames = ["株式会社あおば商事", "さくらシステム株式会社", "(株)ひかり情報", "北斗ソリューションズ", "みなと電子株式会社", "やまと販売(株)", "つばさ物産", "いろは工業株式会社"];
    private static readonly string[] FamilyNames = ["佐藤", "鈴木", "高橋"];

    /// <summary>Eight partners with three reps each; contact and deal flow run at a steady rate, then at <paramref name="afterFactor"/> of it.</summary>
    private static (KarteDataSet Data, CompanyId[] Companies) Generate(int seed, double afterFactor)
    {
        var rng = new Random(seed);
        var companies = new List<PartnerCompany>();
        var reps = new List<PartnerRep>();
        var interactions = new List<Interaction>();
        var proposals = new List<Proposal>();
        var oldOwner = new UserId("u-old");
        var newOwner = new UserId("u-new");
        for (var c = 0; c < CompanyNames.Length; c++)
        {
            var cid = new CompanyId($"c{c}");
            companies.Add(new PartnerCompany { Id = cid, Name = CompanyNames[c], OwnerId = oldOwner });
            for (var r = 0; r < FamilyNames.Length; r++)
            {
                reps.Add(new PartnerRep { Id = new RepId($"c{c}-r{r}"), CompanyId = cid, Name = new PersonName(FamilyNames[r], "太郎") });
            }
        }

        for (var d = -120; d < 60; d++)
        {
            var day = HandoverAt.AddDays(d).AddHours(10);
            var factor = d < 0 ? 1.0 : afterFactor;
            foreach (var rep in reps)
            {
                if (rng.NextDouble() < 0.3 * factor)
                {
                    interactions.Add(new Interaction
                    {
                        Id = new InteractionId($"i{interactions.Count}"),
                        RepId = rep.Id,
                        OccurredAt = day,
                        UserId = d < 0 ? oldOwner : newOwner,
                        Statements = "定例の情報交換",
                    });
                }
            }

            foreach (var company in companies)
            {
                if (rng.NextDouble() < 0.1 * factor)
                {
                    proposals.Add(new Proposal { Id = new ProposalId($"p{proposals.Count}"), CompanyId = company.Id, Offer = "クラウド会計", CreatedOn = DateOnly.FromDateTime(day.DateTime) });
                }
            }
        }

        return (new KarteDataSet { Companies = companies, Reps = reps, Interactions = interactions, Proposals = proposals }, [.. companies.Select(c => c.Id)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_drop_after_a_handover_is_detected_within_two_weeks(int seed)
    {
        var (data, companies) = Generate(seed, afterFactor: 0.3);
        var first = new ContinuityMonitor().FindFirstDrop(data, companies, HandoverAt, HandoverAt.AddDays(30));
        first.Should().NotBeNull();
        (first!.Value - HandoverAt).TotalDays.Should().BeLessThanOrEqualTo(14);

        var report = new ContinuityMonitor().Evaluate(data, companies, HandoverAt, HandoverAt.AddDays(14));
        report.DropDetected.Should().BeTrue();
        report.Cadence.Dropped.Should().BeTrue();
        report.Cadence.Ratio.Should().BeLessThan(0.6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_steady_relationship_raises_no_alarm(int seed)
    {
        var (data, companies) = Generate(seed, afterFactor: 1.0);
        new ContinuityMonitor().FindFirstDrop(data, companies, HandoverAt, HandoverAt.AddDays(59)).Should().BeNull();
    }

    [Fact]
    public void Nothing_is_flagged_before_the_minimum_days()
    {
        var (data, companies) = Generate(1, afterFactor: 0.0);
        new ContinuityMonitor().Evaluate(data, companies, HandoverAt, HandoverAt.AddDays(3)).DropDetected.Should().BeFalse();
        new ContinuityMonitor().Evaluate(data, companies, HandoverAt, HandoverAt.AddDays(7)).DropDetected.Should().BeTrue();
    }

    [Fact]
    public void Poisson_lower_tail_is_exact_for_small_and_stable_for_large_rates()
    {
        ContinuityMonitor.PoissonLowerTail(0, 2).Should().BeApproximately(Math.Exp(-2), 1e-12);
        ContinuityMonitor.PoissonLowerTail(1, 2).Should().BeApproximately(3 * Math.Exp(-2), 1e-12);
        ContinuityMonitor.PoissonLowerTail(1000, 1000).Should().BeInRange(0.5, 0.52);
        ContinuityMonitor.PoissonLowerTail(10, 1000).Should().Be(0);
    }
}
