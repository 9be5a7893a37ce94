using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Testing;

namespace PartnerKarte.Core.Tests.Kpis;

public class PartnerKpiPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(100)).WithEndSize(30);
    private static readonly KpiPeriod Period = new(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));
    private static readonly CompanyId[] Ids = [new("C-1"), new("C-2"), new("C-3"), new("C-4")];
    private static Gen<Proposal> ProposalGen => KarteGenerators.Proposal(Ids, Period.From);

    private static Gen<PartnerCompany> CompanyGen(CompanyId id) => KarteGenerators.SparseCompany(id);

    private static Gen<KarteDataSet> DataSetGen => KarteGenerators.SparseDataSet(Ids, Period.From);

    private static Gen<PartnerKpiOptions> OptionsGen =>
        from required in Gen.Choose(1, 5)
        from recommended in Gen.Choose(0, 5)
        from repShare in Gen.Choose(0, 10)
        select new PartnerKpiOptions { RequiredItemWeight = required, RecommendedItemWeight = recommended, RepLevelWeight = repShare / 10.0 };

    [Fact]
    public void Completeness_is_always_within_0_and_100()
    {
        var prop = Prop.ForAll(Arb.From(DataSetGen), Arb.From(OptionsGen), (data, options) =>
        {
            var report = new PartnerKpiCalculator(options).Calculate(data, Period, new DateOnly(2026, 3, 1));
            return report.Partners.All(p =>
                p.Completeness.Percent is >= 0 and <= 100 &&
                p.Completeness.CompanyPercent is >= 0 and <= 100 &&
                p.Completeness.RepPercent is >= 0 and <= 100 &&
                (p.Completeness.Percent < 100 || p.Completeness.Missing.Count == 0 || options.RecommendedItemWeight == 0));
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Filling_in_a_missing_item_never_lowers_completeness()
    {
        var calculator = new PartnerKpiCalculator();
        var prop = Prop.ForAll(Arb.From(CompanyGen(Ids[0])), Arb.From(Gen.Elements(KarteTemplate.Default.ItemsFor(KarteLevel.Company).Where(i => i.Key.StartsWith("kpi.", StringComparison.Ordinal) || i.Key.StartsWith("company.t", StringComparison.Ordinal)).ToArray())), (company, item) =>
        {
            var before = calculator.CalculateCompleteness(company, [], [], []);
            var filled = new Dictionary<string, KarteValue>(company.CustomItems)
            {
                [item.Key] = item.Type switch
                {
                    KarteItemType.Integer or KarteItemType.Money or KarteItemType.Percent => KarteValue.FromNumber(1, item.Type),
                    _ => KarteValue.FromText("記入済み", multiline: true),
                },
            };
            var after = calculator.CalculateCompleteness(company with { CustomItems = filled }, [], [], []);
            return after.CompanyPercent >= before.CompanyPercent && after.Missing.All(m => m.Item.Key != item.Key);
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Win_rate_is_won_over_closed_and_null_without_closed_deals()
    {
        var calculator = new PartnerKpiCalculator();
        var prop = Prop.ForAll(Arb.From(Gen.ListOf(ProposalGen)), proposals =>
            calculator.CalculateKpis([.. proposals], Period).All(k =>
                k.Won + k.Lost == 0
                    ? k.WinRate is null && k.AverageDealSize is null
                    : k.WinRate is double wr && wr >= 0 && wr <= 1 && Math.Abs(wr - ((double)k.Won / (k.Won + k.Lost))) < 1e-12));
        Check.One(Quick, prop);
    }

    [Fact]
    public void Another_win_never_lowers_and_another_loss_never_raises_the_win_rate()
    {
        var calculator = new PartnerKpiCalculator();
        var day = new DateOnly(2025, 10, 1);
        var won = new Proposal { Id = new ProposalId("w"), CompanyId = Ids[0], Offer = "SaaS", Outcome = ProposalOutcome.Won, CreatedOn = day, ClosedOn = day, Amount = 1 };
        var lost = won with { Id = new ProposalId("l"), Outcome = ProposalOutcome.Lost };
        var prop = Prop.ForAll(Arb.From(Gen.ListOf(ProposalGen)), proposals =>
        {
            var before = calculator.CalculateKpis(Ids[0], proposals, Period).WinRate ?? 0.5;
            var withWin = calculator.CalculateKpis(Ids[0], proposals.Append(won), Period).WinRate!.Value;
            var withLoss = calculator.CalculateKpis(Ids[0], proposals.Append(lost), Period).WinRate!.Value;
            return withWin >= before - 1e-12 && withLoss <= before + 1e-12;
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Grouped_pass_equals_per_company_calculation_in_any_order()
    {
        var calculator = new PartnerKpiCalculator();
        var gen = from proposals in Gen.ListOf(ProposalGen)
                  from shuffled in Gen.Shuffle(proposals.ToArray())
                  select (proposals, shuffled);
        var prop = Prop.ForAll(Arb.From(gen), t =>
        {
            var grouped = calculator.CalculateKpis([.. t.proposals], Period).ToDictionary(k => k.CompanyId);
            var reordered = calculator.CalculateKpis([.. t.shuffled], Period).ToDictionary(k => k.CompanyId);
            var createdInPeriod = t.proposals.Count(p => Period.Contains(p.CreatedOn));
            return grouped.Sum(kv => kv.Value.Deals) == createdInPeriod &&
                   grouped.All(kv =>
                   {
                       var single = calculator.CalculateKpis(kv.Key, t.proposals, Period);
                       var other = reordered[kv.Key];
                       return Same(single, kv.Value) && Same(other, kv.Value);
                   });
        });
        Check.One(Quick, prop);

        static bool Same(PartnerKpis a, PartnerKpis b) =>
            a.Deals == b.Deals && a.Won == b.Won && a.Lost == b.Lost && a.Open == b.Open && a.Revenue == b.Revenue &&
            a.GrossProfit == b.GrossProfit && a.OpenPipelineAmount == b.OpenPipelineAmount && a.WinRate == b.WinRate &&
            a.AverageCycleDays == b.AverageCycleDays && a.LossReasons.SequenceEqual(b.LossReasons);
    }

    [Fact]
    public void Focus_scores_stay_in_range_and_ranks_are_a_permutation()
    {
        var calculator = new PartnerKpiCalculator();
        var prop = Prop.ForAll(Arb.From(DataSetGen), data =>
        {
            var report = calculator.Calculate(data, Period, new DateOnly(2026, 3, 1));
            return report.FocusRanking.Select(f => f.Rank).SequenceEqual(Enumerable.Range(1, data.Companies.Count)) &&
                   report.FocusRanking.All(f => f.Score is >= 0 and <= 100 && f.Performance is >= 0 and <= 1 && f.Potential is >= 0 and <= 1 && f.Reasons.Count > 0);
        });
        Check.One(Quick, prop);
    }
}
