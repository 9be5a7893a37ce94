using PartnerKarte.Karte;
using PartnerKarte.Validation;

namespace PartnerKarte.Core.Tests.Validation;

public class KarteValidatorTests
{
    private static readonly PartnerCompany GoodCompany = new()
    {
        Id = new CompanyId("C-001"),
        Name = "株式会社サンプル商事",
        NameKana = "サンプルショウジ",
        CorporateNumber = "4011001098993",
        Profile = new CompanyProfile { Industry = "SIer", Prefecture = "東京都", EmployeeCount = 120, YearFounded = 1998, FiscalClosingMonth = 3, Capital = 50_000_000m },
        Contract = new PartnerContract { Type = ContractType.Resale, Start = new DateOnly(2025, 4, 1), TermMonths = 12, CommissionRatePercent = 15m },
    };

    private static readonly PartnerRep GoodRep = new()
    {
        Id = new RepId("R-001"),
        CompanyId = new CompanyId("C-001"),
        Name = new PersonName("山田", "太郎", "ヤマダ", "タロウ"),
        Email = "taro.yamada@sample-shoji.co.jp",
        Phone = "090-1234-5678",
        Employment =
        [
            new EmploymentEpisode(new CompanyId("C-001"), "主任", "営業部", new DateOnly(2019, 4, 1), new DateOnly(2023, 3, 31)),
            new EmploymentEpisode(new CompanyId("C-001"), "課長", "パートナー営業部", new DateOnly(2023, 4, 1)),
        ],
    };

    private static readonly Proposal GoodProposal = new()
    {
        Id = new ProposalId("P-001"),
        CompanyId = new CompanyId("C-001"),
        RepId = new RepId("R-001"),
        Offer = "クラウド会計パッケージ",
        Amount = 3_000_000m,
        Stage = ProposalStage.Closed,
        Outcome = ProposalOutcome.Lost,
        CreatedOn = new DateOnly(2025, 5, 10),
        ClosedOn = new DateOnly(2025, 7, 1),
        LossReason = new LossReason(LossReasonCategory.Price, "競合より2割高い"),
    };

    private static readonly DateTimeOffset Meeting = new(2025, 6, 2, 14, 0, 0, TimeSpan.FromHours(9));

    private static readonly Interaction GoodInteraction = new()
    {
        Id = new InteractionId("I-001"),
        RepId = new RepId("R-001"),
        OccurredAt = Meeting,
        Channel = InteractionChannel.Meeting,
        Statements = "来期は製造業向けに注力したい",
        NextAction = new NextAction("見積書を送付", Meeting.AddDays(3), Meeting.AddDays(2)),
    };

    [Fact]
    public void Valid_records_have_no_problems()
    {
        KarteValidator.Validate(GoodCompany).Should().BeEmpty();
        KarteValidator.Validate(GoodRep).Should().BeEmpty();
        KarteValidator.Validate(GoodProposal).Should().BeEmpty();
        KarteValidator.Validate(GoodInteraction).Should().BeEmpty();
        KarteValidator.Validate(new KarteDataSet { Companies = [GoodCompany], Reps = [GoodRep], Proposals = [GoodProposal], Interactions = [GoodInteraction] })
            .Should().BeEmpty();
    }

    [Fact]
    public void A_company_with_bad_values_gets_one_problem_per_field()
    {
        var bad = GoodCompany with
        {
            Name = "　",
            CorporateNumber = "5011001098993",
            Profile = GoodCompany.Profile with { FiscalClosingMonth = 13, EmployeeCount = -1 },
            Contract = GoodCompany.Contract! with { CommissionRatePercent = 120m, End = new DateOnly(2025, 3, 31) },
        };

        KarteValidator.Validate(bad).Select(p => (p.Record, p.Field, p.Value, p.Reason)).Should().BeEquivalentTo(new[]
        {
            ("company:C-001", "Name", "　", "value is required"),
            ("company:C-001", "CorporateNumber", "5011001098993", "corporate number check digit does not match"),
            ("company:C-001", "Profile.FiscalClosingMonth", "13", "fiscal closing month must be 1–12"),
            ("company:C-001", "Profile.EmployeeCount", "-1", "cannot be negative"),
            ("company:C-001", "Contract.CommissionRatePercent", "120", "commission rate must be 0–100 %"),
            ("company:C-001", "Contract.End", "2025-03-31", "contract ends before it starts"),
        });
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(-0.5, false)]
    [InlineData(100.01, false)]
    public void Commission_rate_must_be_between_0_and_100_percent(double rate, bool valid) =>
        KarteValidator.Validate(GoodCompany with { Contract = GoodCompany.Contract! with { CommissionRatePercent = (decimal)rate } })
            .Should().HaveCount(valid ? 0 : 1);

    [Theory]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(0, false)]
    [InlineData(13, false)]
    public void Fiscal_month_must_be_1_to_12(int month, bool valid) =>
        KarteValidator.Validate(GoodCompany with { Profile = GoodCompany.Profile with { FiscalClosingMonth = month } })
            .Should().HaveCount(valid ? 0 : 1);

    [Fact]
    public void A_rep_with_bad_contact_details_is_reported_without_throwing()
    {
        var bad = GoodRep with { Email = "taro.yamada@", Phone = "090-1234-567", Name = new PersonName("", "太郎") };

        KarteValidator.Validate(bad).Select(p => (p.Field, p.Reason)).Should().Equal(
            ("Name.FamilyName", "value is required"),
            ("Email", "email has no domain after the @"),
            ("Phone", "mobile number must have 11 digits"));
    }

    [Theory]
    [InlineData("03-1234-5678 内線123", 0)]
    [InlineData("０３（１２３４）５６７８（内線：１２３）", 0)]
    [InlineData("03-1234-5678 内線", 1)]
    public void An_office_number_with_an_extension_is_a_valid_rep_phone(string phone, int problems) =>
        KarteValidator.Validate(GoodRep with { Phone = phone }).Should().HaveCount(problems);

    [Fact]
    public void Employment_episodes_must_be_ordered_and_not_overlap()
    {
        var overlapping = GoodRep with
        {
            Employment =
            [
                new EmploymentEpisode(new CompanyId("C-001"), "主任", "営業部", new DateOnly(2019, 4, 1), new DateOnly(2023, 3, 31)),
                new EmploymentEpisode(new CompanyId("C-001"), "課長", "営業部", new DateOnly(2023, 3, 1)),
            ],
        };
        KarteValidator.Validate(overlapping).Should().ContainSingle()
            .Which.Should().Be(new ValidationProblem("rep:R-001", "Employment[1].From", "2023-03-01", "episode overlaps the previous one"));

        var unordered = GoodRep with
        {
            Employment =
            [
                new EmploymentEpisode(new CompanyId("C-001"), "課長", "営業部", new DateOnly(2023, 4, 1)),
                new EmploymentEpisode(new CompanyId("C-001"), "主任", "営業部", new DateOnly(2019, 4, 1), new DateOnly(2019, 3, 31)),
            ],
        };
        KarteValidator.Validate(unordered).Select(p => p.Reason).Should().BeEquivalentTo(
            "only the last episode may be open", "episode ends before it starts", "episodes are not in date order");
    }

    [Fact]
    public void The_open_episode_must_be_at_the_reps_company() =>
        KarteValidator.Validate(GoodRep with { CompanyId = new CompanyId("C-002") }).Should().ContainSingle()
            .Which.Reason.Should().Be("the current employment episode is at another company");

    [Fact]
    public void Proposal_dates_and_outcome_must_agree()
    {
        KarteValidator.Validate(GoodProposal with { ClosedOn = new DateOnly(2025, 5, 1) }).Should().ContainSingle()
            .Which.Reason.Should().Be("closing date is before the creation date");
        KarteValidator.Validate(GoodProposal with { ClosedOn = null }).Should().ContainSingle()
            .Which.Reason.Should().Be("a won or lost proposal needs a closing date");
        KarteValidator.Validate(GoodProposal with { Outcome = ProposalOutcome.Open, Stage = ProposalStage.Proposal, LossReason = null })
            .Should().ContainSingle().Which.Reason.Should().Be("an open proposal cannot have a closing date");
        KarteValidator.Validate(GoodProposal with { Outcome = ProposalOutcome.Won }).Should().ContainSingle()
            .Which.Reason.Should().Be("only a lost proposal has a loss reason");
        KarteValidator.Validate(GoodProposal with { Stage = ProposalStage.Negotiation }).Should().ContainSingle()
            .Which.Reason.Should().Be("stage Closed and outcome won/lost must go together");
    }

    [Fact]
    public void Next_action_cannot_be_due_before_the_interaction() =>
        KarteValidator.Validate(GoodInteraction with { NextAction = new NextAction("電話", Meeting.AddDays(-1)) }).Should().ContainSingle()
            .Which.Field.Should().Be("NextAction.Due");

    [Fact]
    public void Missing_ids_and_dangling_links_are_reported_per_record()
    {
        var data = new KarteDataSet
        {
            Companies = [GoodCompany, GoodCompany with { Name = "重複" }],
            Reps = [GoodRep with { Id = default, CompanyId = new CompanyId("C-404"), Employment = [] }],
            Proposals = [GoodProposal with { RepId = new RepId("R-404") }],
            Interactions = [GoodInteraction],
        };

        KarteValidator.Validate(data).Select(p => p.ToString()).Should().Equal(
            "company:C-001: Id: id is used by more than one company",
            "rep:(no id): Id: id is required",
            "rep:(no id): CompanyId: no company has this id",
            "proposal:P-001: RepId: no rep has this id",
            "interaction:I-001: RepId: no rep has this id");
    }

    [Fact]
    public void Null_arguments_are_programmer_errors() =>
        FluentActions.Invoking(() => KarteValidator.Validate((PartnerRep)null!)).Should().Throw<ArgumentNullException>();

    [Fact]
    public void With_a_template_custom_items_are_checked_together_with_the_records()
    {
        var template = KarteTemplate.Create("team", [new KarteItemDefinition
        {
            Key = "rep.temperature",
            Label = new LocalizedText("温度感", "Temperature"),
            Level = KarteLevel.Rep,
            Type = KarteItemType.Integer,
            Requirement = KarteItemRequirement.Required,
        }]);
        var rep = GoodRep with { Email = "taro.yamada@", CustomItems = new Dictionary<string, KarteValue> { ["rep.temperature"] = KarteValue.FromText("高い") } };
        var data = new KarteDataSet { Companies = [GoodCompany], Reps = [rep] };

        var problems = KarteValidator.Validate(data, template);

        problems.Should().Contain(p => p.Record == "rep:R-001" && p.Field == "Email");
        problems.Should().Contain(p => p.Record == "rep:R-001" && p.Field == "rep.temperature");
        problems.Should().HaveCount(2);
        KarteValidator.Validate(new KarteDataSet { Companies = [GoodCompany], Reps = [GoodRep with { CustomItems = new Dictionary<string, KarteValue> { ["rep.temperature"] = KarteValue.FromNumber(3, KarteItemType.Integer) } }] }, template)
            .Should().BeEmpty();
    }
}
