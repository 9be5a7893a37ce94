using System.ComponentModel.DataAnnotations;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using static PartnerKarte.Testing.KarteBuilder;

namespace PartnerKarte.Core.Tests.Kpis;

public class PartnerKpiCalculatorTests
{
    private static readonly CompanyId SampleShoji = new("C-001");
    private static readonly CompanyId MiraiSystems = new("C-002");
    private static readonly KpiPeriod FiscalYear2025 = KpiPeriod.FiscalYear(2026, 3); // 2025-04-01 .. 2026-03-31
    private static readonly PartnerKpiCalculator Calculator = new();

    [Fact]
    public void Sample_shoji_with_3_won_and_1_lost_has_a_75_percent_win_rate()
    {
        Proposal[] proposals =
        [
            WonProposal(SampleShoji, 3_000_000m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31), grossProfit: 900_000m),
            WonProposal(SampleShoji, 2_000_000m, new DateOnly(2025, 6, 1), new DateOnly(2025, 7, 1), grossProfit: 500_000m),
            WonProposal(SampleShoji, 1_000_000m, new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 21), grossProfit: 250_000m),
            LostProposal(SampleShoji, new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 15)),
            OpenProposal(SampleShoji, 4_000_000m, new DateOnly(2026, 2, 1)),
        ];

        var kpis = Calculator.CalculateKpis(SampleShoji, proposals, FiscalYear2025);

        kpis.Deals.Should().Be(5);
        kpis.Won.Should().Be(3);
        kpis.Lost.Should().Be(1);
        kpis.Open.Should().Be(1);
        kpis.WinRate.Should().Be(0.75);
        kpis.Revenue.Should().Be(6_000_000m);
        kpis.GrossProfit.Should().Be(1_650_000m);
        kpis.AverageDealSize.Should().Be(2_000_000m);
        kpis.AverageCycleDays.Should().BeApproximately((30 + 30 + 20) / 3.0, 1e-9);
        kpis.OpenPipelineAmount.Should().Be(4_000_000m);
        kpis.LossReasons.Should().ContainSingle().Which.Should().Be(new LossReasonCount(LossReasonCategory.Price, 1, 1.0));
    }

    [Fact]
    public void Gross_profit_is_unknown_when_a_won_deal_carries_none_and_zero_when_nothing_was_won()
    {
        var unknown = Calculator.CalculateKpis(SampleShoji, [WonProposal(SampleShoji, 3_000_000m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31), grossProfit: null)], FiscalYear2025);
        var partly = Calculator.CalculateKpis(
            SampleShoji,
            [
                WonProposal(SampleShoji, 3_000_000m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31), grossProfit: 900_000m),
                WonProposal(SampleShoji, 1_000_000m, new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), grossProfit: null),
            ],
            FiscalYear2025);
        var none = Calculator.CalculateKpis(SampleShoji, [LostProposal(SampleShoji, new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 15))], FiscalYear2025);

        unknown.GrossProfit.Should().BeNull("no won deal says what it earned");
        unknown.Revenue.Should().Be(3_000_000m);
        partly.GrossProfit.Should().BeNull("the total is unknown while one won deal has no gross profit");
        none.GrossProfit.Should().Be(0m, "nothing won earns nothing: a known zero");
    }

    [Fact]
    public void Win_rate_is_null_when_nothing_closed_in_the_period()
    {
        var kpis = Calculator.CalculateKpis(SampleShoji, [OpenProposal(SampleShoji, 500_000m, new DateOnly(2025, 6, 1))], FiscalYear2025);
        kpis.WinRate.Should().BeNull("an open-only partner has no win rate, not a 0 % one");
        kpis.AverageDealSize.Should().BeNull();
        kpis.AverageCycleDays.Should().BeNull();
        kpis.Deals.Should().Be(1);
        kpis.Open.Should().Be(1);
    }

    [Fact]
    public void Period_counts_deals_by_creation_and_wins_by_close_day()
    {
        var period = KpiPeriod.Month(2026, 4);
        Proposal[] proposals =
        [
            // Created in March, won in April: a win of April, not a deal of April.
            WonProposal(SampleShoji, 1_000_000m, new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 5)),
            // Created in April, won in May: a deal of April, and open at the end of April.
            WonProposal(SampleShoji, 2_000_000m, new DateOnly(2026, 4, 10), new DateOnly(2026, 5, 20)),
            // Created in May: outside April entirely.
            OpenProposal(SampleShoji, 9_000_000m, new DateOnly(2026, 5, 2)),
            // Lost in March: before April.
            LostProposal(SampleShoji, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31)),
        ];

        var kpis = Calculator.CalculateKpis(SampleShoji, proposals, period);

        kpis.Deals.Should().Be(1);
        kpis.Won.Should().Be(1);
        kpis.Lost.Should().Be(0);
        kpis.Revenue.Should().Be(1_000_000m);
        kpis.Open.Should().Be(1);
        kpis.OpenPipelineAmount.Should().Be(2_000_000m);
        kpis.WinRate.Should().Be(1.0);
    }

    [Fact]
    public void Loss_reasons_are_counted_most_frequent_first_and_missing_reasons_are_unknown()
    {
        var d = new DateOnly(2025, 8, 1);
        Proposal[] proposals =
        [
            LostProposal(SampleShoji, d, d, LossReasonCategory.Competitor),
            LostProposal(SampleShoji, d, d, LossReasonCategory.Price),
            LostProposal(SampleShoji, d, d, LossReasonCategory.Competitor),
            LostProposal(SampleShoji, d, d, reason: null),
        ];

        var kpis = Calculator.CalculateKpis(SampleShoji, proposals, FiscalYear2025);

        kpis.LossReasons.Should().Equal(
            new LossReasonCount(LossReasonCategory.Competitor, 2, 0.5),
            new LossReasonCount(LossReasonCategory.Unknown, 1, 0.25),
            new LossReasonCount(LossReasonCategory.Price, 1, 0.25));
        kpis.WinRate.Should().Be(0);
    }

    [Fact]
    public void Report_groups_proposals_by_company_and_counts_unmatched_ones()
    {
        var data = new KarteDataSet
        {
            Companies = [CompleteCompany(SampleShoji), new PartnerCompany { Id = MiraiSystems, Name = "ミライシステムズ株式会社" }],
            Proposals =
            [
                WonProposal(SampleShoji, 3_000_000m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31)),
                WonProposal(MiraiSystems, 800_000m, new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 30)),
                LostProposal(SampleShoji, new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 9)),
                WonProposal(new CompanyId("C-404"), 100m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 2)),
            ],
        };

        var report = Calculator.Calculate(data, FiscalYear2025, new DateOnly(2026, 3, 1));

        report.UnmatchedProposals.Should().Be(1, "a proposal of an unknown company is reported, not silently dropped");
        report.Partners.Select(p => p.Name).Should().Equal("株式会社サンプル商事", "ミライシステムズ株式会社");
        report.Partners[0].Kpis.Should().BeEquivalentTo(Calculator.CalculateKpis(SampleShoji, data.Proposals, FiscalYear2025));
        report.Partners[0].Kpis.WinRate.Should().Be(0.5);
        report.Partners[1].Kpis.Revenue.Should().Be(800_000m);
        report.FocusRanking.Select(f => f.Rank).Should().Equal(1, 2);
    }

    [Fact]
    public void Metrics_of_many_companies_in_interleaved_order_match_the_per_company_calculation()
    {
        var ids = Enumerable.Range(1, 40).Select(i => new CompanyId($"C-{i:D3}")).ToArray();
        var proposals = Enumerable.Range(0, 400).Select(i => i % 3 == 0
            ? WonProposal(ids[(i * 7) % ids.Length], 10_000m * i, new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 1).AddDays(i % 30))
            : LostProposal(ids[(i * 7) % ids.Length], new DateOnly(2025, 5, 1), new DateOnly(2025, 8, 1), (LossReasonCategory)(i % 9))).ToList();

        var all = Calculator.CalculateKpis(proposals, FiscalYear2025);

        all.Should().HaveCount(40);
        all.Select(k => k.CompanyId).Should().OnlyHaveUniqueItems();
        all.Sum(k => k.Deals).Should().Be(400);
        foreach (var k in all)
        {
            k.Should().BeEquivalentTo(Calculator.CalculateKpis(k.CompanyId, proposals, FiscalYear2025));
        }
    }

    [Fact]
    public void Contract_renewing_in_30_days_raises_a_renewal_alert()
    {
        var company = CompleteCompany(SampleShoji); // 2025-04-01 + 12 months: ends 2026-03-31
        var alerts = Calculator.CalculateContractAlerts(company, new DateOnly(2026, 3, 1));

        var renewal = alerts.Should().ContainSingle(a => a.Kind == ContractAlertKind.RenewalDue).Which;
        renewal.Date.Should().Be(new DateOnly(2026, 3, 31));
        renewal.DaysRemaining.Should().Be(30);
        renewal.Text.Ja.Should().Be("契約満了日（2026-03-31）まであと30日。更新交渉の時期です");
        renewal.Text.En.Should().Be("Contract ends on 2026-03-31, in 30 days; time to negotiate the renewal");
    }

    [Fact]
    public void Renewal_outside_the_notice_window_raises_nothing()
    {
        var company = CompleteCompany(SampleShoji) with { Contract = CompleteCompany(SampleShoji).Contract! with { CommissionReviewDate = null } };
        Calculator.CalculateContractAlerts(company, new DateOnly(2025, 12, 1)).Should().BeEmpty("121 days is beyond the 60-day notice");
        new PartnerKpiCalculator(new PartnerKpiOptions { RenewalNoticeDays = 150 })
            .CalculateContractAlerts(company, new DateOnly(2025, 12, 1)).Should().ContainSingle(a => a.DaysRemaining == 120);
    }

    [Fact]
    public void Expired_contract_raises_an_expiry_alert_and_drops_the_review_alert()
    {
        var company = CompleteCompany(SampleShoji) with
        {
            Contract = new PartnerContract { Start = new DateOnly(2024, 4, 1), End = new DateOnly(2026, 1, 31), CommissionReviewDate = new DateOnly(2025, 12, 1) },
        };

        var alert = Calculator.CalculateContractAlerts(company, new DateOnly(2026, 3, 1)).Should().ContainSingle().Which;

        alert.Kind.Should().Be(ContractAlertKind.Expired);
        alert.DaysRemaining.Should().Be(-29);
        alert.Text.Ja.Should().Be("契約は2026-01-31に終了しています（29日経過）");
        alert.Text.En.Should().Be("Contract ended on 2026-01-31 (29 days ago)");
    }

    [Fact]
    public void Auto_renewing_contract_alerts_before_its_next_renewal_instead_of_expiring()
    {
        var company = CompleteCompany(SampleShoji) with { Contract = CompleteCompany(SampleShoji).Contract! with { AutoRenew = true, CommissionReviewDate = null } };

        Calculator.CalculateContractAlerts(company, new DateOnly(2026, 5, 1)).Should().BeEmpty("it renewed to 2027-03-31");
        var alert = Calculator.CalculateContractAlerts(company, new DateOnly(2027, 2, 15)).Should().ContainSingle().Which;
        alert.Kind.Should().Be(ContractAlertKind.RenewalDue);
        alert.Date.Should().Be(new DateOnly(2027, 3, 31));
        alert.DaysRemaining.Should().Be(44);
        alert.Text.Ja.Should().Contain("自動更新日");
    }

    [Fact]
    public void Commission_review_is_due_then_overdue()
    {
        var company = CompleteCompany(SampleShoji); // review date 2026-02-01, 20 %
        var due = Calculator.CalculateContractAlerts(company, new DateOnly(2026, 1, 10)).Should().ContainSingle().Which;
        due.Kind.Should().Be(ContractAlertKind.CommissionReviewDue);
        due.DaysRemaining.Should().Be(22);
        due.Text.Ja.Should().Be("手数料率（現在20%）の見直し日（2026-02-01）まであと22日");

        var overdue = Calculator.CalculateContractAlerts(company, new DateOnly(2026, 2, 11));
        overdue.Should().ContainSingle(a => a.Kind == ContractAlertKind.CommissionReviewOverdue && a.DaysRemaining == -10);
    }

    [Fact]
    public void Company_without_contract_has_no_alerts() =>
        Calculator.CalculateContractAlerts(new PartnerCompany { Id = MiraiSystems, Name = "ミライシステムズ株式会社" }, new DateOnly(2026, 1, 1))
            .Should().BeEmpty();

    [Fact]
    public void Fully_recorded_karte_is_100_percent_complete()
    {
        var company = CompleteCompany(SampleShoji) with { CustomItems = AllCustomValues(KarteLevel.Company) };
        var rep = CompleteRep(SampleShoji) with { CustomItems = AllCustomValues(KarteLevel.Rep) };
        var proposals = new[] { WonProposal(SampleShoji, 1m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 2)) };
        var interactions = new[] { new Interaction { Id = new InteractionId("I-1"), RepId = rep.Id, OccurredAt = new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.FromHours(9)) } };

        var c = Calculator.CalculateCompleteness(company, [rep], proposals, interactions);

        c.Missing.Should().BeEmpty();
        c.Percent.Should().Be(100);
        c.CompanyPercent.Should().Be(100);
        c.RepPercent.Should().Be(100);
        c.RepCount.Should().Be(1);
    }

    [Fact]
    public void Bare_company_without_reps_is_mostly_incomplete_and_says_what_is_missing()
    {
        var company = new PartnerCompany { Id = MiraiSystems, Name = "ミライシステムズ株式会社" };

        var c = Calculator.CalculateCompleteness(company, [], [], []);

        c.NoActiveRep.Should().BeTrue();
        c.RepPercent.Should().Be(0);
        c.CompanyPercent.Should().BeInRange(1, 15, "only the name and the vacuous loss-reason item are filled");
        c.Percent.Should().BeApproximately(c.CompanyPercent / 2, 0.1);
        c.Missing.Select(m => m.Item.Key).Should().Contain(["profile.industry", "contract.commissionRate", "history.proposals", "kpi.targetRevenue"]);
        c.Missing.Should().NotContain(m => m.Item.Key == "company.name");
    }

    [Fact]
    public void Completeness_counts_reps_that_left_out_and_ignores_invalid_values()
    {
        var company = CompleteCompany(SampleShoji);
        var yamada = CompleteRep(SampleShoji);
        var left = yamada with { Id = new RepId("R-009"), Status = RepStatus.Left, Title = null, Email = null };
        var baseline = Calculator.CalculateCompleteness(company, [yamada], [], []);

        Calculator.CalculateCompleteness(company, [yamada, left], [], []).Should().BeEquivalentTo(baseline);

        var wrongType = yamada with { CustomItems = new Dictionary<string, KarteValue> { ["rep.temperature"] = KarteValue.FromChoice("熱い") } };
        var valid = yamada with { CustomItems = new Dictionary<string, KarteValue> { ["rep.temperature"] = KarteValue.FromChoice("hot") } };
        Calculator.CalculateCompleteness(company, [wrongType], [], []).RepPercent.Should().Be(baseline.RepPercent);
        Calculator.CalculateCompleteness(company, [valid], [], []).RepPercent.Should().BeGreaterThan(baseline.RepPercent);
    }

    [Fact]
    public void Lost_proposals_without_a_reason_leave_the_loss_reason_item_missing()
    {
        var company = CompleteCompany(SampleShoji);
        var d = new DateOnly(2025, 8, 1);
        Calculator.CalculateCompleteness(company, [], [LostProposal(SampleShoji, d, d, reason: null)], [])
            .Missing.Should().Contain(m => m.Item.Key == "history.lossReasons");
        Calculator.CalculateCompleteness(company, [], [LostProposal(SampleShoji, d, d, LossReasonCategory.Budget)], [])
            .Missing.Should().NotContain(m => m.Item.Key == "history.lossReasons");
    }

    [Fact]
    public void Focus_ranking_puts_the_strong_partner_first_and_explains_why()
    {
        var kanto = new PartnerCompany
        {
            Id = new CompanyId("C-003"),
            Name = "関東ソリューション株式会社",
            Profile = new CompanyProfile { EmployeeCount = 40, ExistingCustomerCount = 30 },
        };
        var mirai = new PartnerCompany
        {
            Id = MiraiSystems,
            Name = "ミライシステムズ株式会社",
            Profile = new CompanyProfile { EmployeeCount = 2000, ExistingCustomerCount = 5000 },
        };
        var data = new KarteDataSet
        {
            Companies = [kanto, CompleteCompany(SampleShoji), mirai],
            Proposals =
            [
                WonProposal(SampleShoji, 3_000_000m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31)),
                WonProposal(SampleShoji, 2_000_000m, new DateOnly(2025, 6, 1), new DateOnly(2025, 7, 1)),
                WonProposal(SampleShoji, 1_000_000m, new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 21)),
                LostProposal(SampleShoji, new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 15)),
                OpenProposal(SampleShoji, 9_000_000m, new DateOnly(2026, 1, 10)),
                LostProposal(kanto.Id, new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 15)),
                WonProposal(kanto.Id, 300_000m, new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31)),
                OpenProposal(mirai.Id, 8_000_000m, new DateOnly(2026, 3, 1)),
            ],
        };

        var report = Calculator.Calculate(data, FiscalYear2025, new DateOnly(2026, 3, 31));
        var first = report.FocusRanking[0];

        first.CompanyId.Should().Be(SampleShoji);
        first.Quadrant.Should().Be(FocusQuadrant.Strengthen);
        first.Reasons.Select(r => r.Text.Ja).Should().Contain("受注率 75%（受注3件・失注1件）");
        first.Reasons.Select(r => r.Text.En).Should().Contain("Revenue ¥6,000,000 in the period (top 34%)");
        var miraiFocus = report.FocusRanking.Single(f => f.CompanyId == MiraiSystems);
        miraiFocus.Quadrant.Should().Be(FocusQuadrant.Develop, "a large customer base and pipeline but nothing won yet");
        miraiFocus.Reasons[0].Text.Ja.Should().StartWith("育成");
        report.FocusRanking.Last().CompanyId.Should().Be(kanto.Id);
        report.FocusRanking.Should().BeInDescendingOrder(f => f.Score);
    }

    [Fact]
    public void Invalid_options_fail_fast_naming_the_option()
    {
        var weights = () => new PartnerKpiCalculator(new PartnerKpiOptions { PerformanceRevenueWeight = 0.9 });
        weights.Should().Throw<ValidationException>().Which.Message.Should().Contain("PartnerKarte:Kpis: PerformanceRevenueWeight").And.Contain("must sum to 1 (was 1.4)");

        var days = () => new PartnerKpiCalculator(new PartnerKpiOptions { RenewalNoticeDays = -1, RepLevelWeight = 2 });
        var message = days.Should().Throw<ValidationException>().Which.Message;
        message.Should().Contain("PartnerKarte:Kpis:RenewalNoticeDays must be between 0 and 3650 (was -1).");
        message.Should().Contain("PartnerKarte:Kpis:RepLevelWeight must be between 0 and 1 (was 2).");
    }

    [Fact]
    public void Fiscal_year_period_follows_the_closing_month()
    {
        FiscalYear2025.From.Should().Be(new DateOnly(2025, 4, 1));
        FiscalYear2025.To.Should().Be(new DateOnly(2026, 3, 31));
        KpiPeriod.FiscalYear(2026, 12).Should().Be(new KpiPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        KpiPeriod.Trailing(new DateOnly(2026, 3, 31), 30).From.Should().Be(new DateOnly(2026, 3, 2));
        FluentActions.Invoking(() => new KpiPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static Dictionary<string, KarteValue> AllCustomValues(KarteLevel level)
    {
        var values = new Dictionary<string, KarteValue>();
        foreach (var d in KarteTemplate.Default.ItemsFor(level).Where(i => i.Source == KarteItemSource.Custom))
        {
            values[d.Key] = d.Type switch
            {
                KarteItemType.Choice => KarteValue.FromChoice(d.Choices[0].Key),
                KarteItemType.MultiChoice => KarteValue.FromItems([d.Choices[0].Key], tags: false),
                KarteItemType.Tags => KarteValue.FromItems(["DX"]),
                KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent =>
                    KarteValue.FromNumber(d.EffectiveMin ?? 1, d.Type),
                KarteItemType.Boolean => KarteValue.FromBoolean(true),
                KarteItemType.Date => KarteValue.FromDate(new DateOnly(2026, 1, 1)),
                _ => KarteValue.FromText("記入済み"),
            };
        }

        return values;
    }
}
