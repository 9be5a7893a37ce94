using System.Text.Json;
using PartnerKarte.Handover;
using PartnerKarte.Karte;
using static PartnerKarte.Core.Tests.Handover.JapaneseKarte;

namespace PartnerKarte.Core.Tests.Handover;

public class HandoverPlannerTests
{
    private readonly HandoverPlanner _planner = new();

    [Fact]
    public void Departing_manager_田中_hands_each_partner_to_one_successor_and_introduces_them_where_trust_sits_with_him()
    {
        var data = Build();
        var plan = _planner.PlanOwnerDeparture(data, new OwnerDepartureRequest
        {
            Departing = Tanaka,
            EffectiveOn = EffectiveOn,
            Successors = new Dictionary<CompanyId, UserId> { [Mirai] = Nakamura },
        }, Trust());

        // みらいシステム goes to the explicit successor 中村; サンプル商事 to 山本, the same-team member with the lowest load.
        plan.Operations.OfType<ReassignCompanyOwner>().Should().Equal(
            new ReassignCompanyOwner(Mirai, Tanaka, Nakamura),
            new ReassignCompanyOwner(Sample, Tanaka, Yamamoto));
        plan.Operations.OfType<ReassignRepOwner>().Select(o => (o.RepId, o.To)).Should().Equal((Watanabe, Nakamura), (Sato, Yamamoto), (Suzuki, Yamamoto));
        plan.Operations.OfType<ReassignProposalOwner>().Select(o => (o.ProposalId.Value, o.To)).Should().Equal(("p-006", Nakamura), ("p-001", Yamamoto), ("p-005", Yamamoto));
        plan.Operations.OfType<ReassignNextActionOwner>().Select(o => o.InteractionId.Value).Should().Equal("i-watanabe-01", "i-sato-next");

        // 佐藤 and 渡辺 talk only to 田中: "introduce the successor" tasks with deterministic ids. 鈴木 also met 山本: no task.
        var tasks = plan.Operations.OfType<CreateTask>().Select(t => t.Task).ToArray();
        tasks.Select(t => t.Id).Should().Equal("handover:u-tanaka:introduce:r-sato", "handover:u-tanaka:introduce:r-watanabe");
        tasks[0].AssigneeId.Should().Be(Yamamoto);
        tasks[0].Subject.Should().Contain("佐藤 健一様").And.Contain("山本 直樹").And.Contain("田中 一郎");
        plan.Issues.Should().BeEmpty();
        plan.ToMarkdown().Should().Contain("企業 c-sample の担当を u-tanaka から u-yamamoto へ変更");
    }

    [Fact]
    public void Applying_an_owner_plan_leaves_no_open_item_with_the_departing_manager_and_a_second_apply_changes_nothing()
    {
        var data = Build();
        var plan = _planner.PlanOwnerDeparture(data, new OwnerDepartureRequest { Departing = Tanaka, EffectiveOn = EffectiveOn }, Trust());

        var first = HandoverApplier.Apply(data, plan);
        HandoverChecker.LeftWithOwner(first.Data, Tanaka).Should().BeEmpty();
        HandoverChecker.LeftWithOwner(data, Tanaka).Should().NotBeEmpty("the input data set is not modified");
        first.CreatedTasks.Should().HaveCount(2);
        first.Conflicts.Should().BeEmpty();
        first.Data.Proposals.Single(p => p.Id.Value == "p-002").OwnerId.Should().Be(Tanaka, "closed proposals keep their history");

        var second = HandoverApplier.Apply(first.Data, plan);
        second.Applied.Should().BeEmpty();
        second.CreatedTasks.Should().BeEmpty();
        second.Unchanged.Should().HaveCount(plan.Operations.Count);
        second.Data.Tasks.Should().HaveCount(2);
    }

    [Fact]
    public void No_successor_in_the_team_is_a_blocker_and_items_stay_visible()
    {
        var data = Build() with { TeamMembers = [new TeamMember(Tanaka, "田中 一郎", "パートナー営業1課"), new TeamMember(Yamamoto, "山本 直樹", "パートナー営業1課", Active: false)] };
        var plan = _planner.PlanOwnerDeparture(data, new OwnerDepartureRequest { Departing = Tanaka, EffectiveOn = EffectiveOn }, Trust());

        plan.Issues.Should().Contain(i => i.Kind == HandoverBlockerKind.NoSuccessor && i.Item == "company:c-sample");
        var after = HandoverApplier.Apply(data, plan).Data;
        var result = HandoverChecker.Check(after, plan, HandoverBriefBuilder.Build(data, plan, Trust(), AsOf));
        result.IsDone.Should().BeFalse();
        result.Blockers.Should().Contain(b => b.Kind == HandoverBlockerKind.OpenItemLeftWithDepartingOwner && b.Item == "proposal:p-001");
        result.Completeness.Should().BeLessThan(100);
    }

    [Fact]
    public void Explicit_inactive_successor_is_a_blocker()
    {
        var data = Build() with { TeamMembers = [.. Build().TeamMembers.Select(m => m.Id == Nakamura ? m with { Active = false } : m)] };
        var plan = _planner.PlanOwnerDeparture(data, new OwnerDepartureRequest { Departing = Tanaka, EffectiveOn = EffectiveOn, DefaultSuccessor = Nakamura }, Trust());
        plan.Issues.Should().Contain(i => i.Kind == HandoverBlockerKind.InactiveSuccessor && i.Item == "user:u-nakamura");
    }

    [Fact]
    public void Without_a_roster_of_our_team_no_successor_is_called_inactive()
    {
        var data = Build() with { TeamMembers = [] };
        var plan = _planner.PlanOwnerDeparture(data, new OwnerDepartureRequest { Departing = Tanaka, EffectiveOn = EffectiveOn, DefaultSuccessor = Nakamura }, Trust());

        plan.Issues.Should().NotContain(i => i.Kind == HandoverBlockerKind.InactiveSuccessor, "membership cannot be checked without a roster");
        plan.Operations.OfType<ReassignCompanyOwner>().Should().NotBeEmpty();
    }

    [Fact]
    public void Departing_rep_佐藤_is_succeeded_by_鈴木_with_reasons_and_key_person_risk_is_flagged()
    {
        var data = Build();
        var plan = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = Sato, EffectiveOn = EffectiveOn, NewStatus = RepStatus.Transferred }, Trust());

        plan.SuccessorRep.Should().Be(Suzuki);
        var best = plan.SuccessorCandidates[0];
        best.RepId.Should().Be(Suzuki);
        best.Reasons.Select(r => r.Code).Should().BeEquivalentTo("same-department", "overlapping-expertise", "existing-trust");
        best.Reasons.Select(r => r.Text.Ja).Should().Contain("同じ部署（営業一部）");
        plan.SuccessorCandidates.Select(c => c.RepId).Should().NotContain(Ito, "an opted-out rep is never proposed as successor");

        plan.Operations[0].Should().Be(new CloseEmploymentEpisode(Sato, EffectiveOn, RepStatus.Transferred));
        plan.Operations.OfType<ReassignProposalRep>().Should().Equal(new ReassignProposalRep(new ProposalId("p-001"), Sato, Suzuki));
        plan.Operations.OfType<ReassignNextActionRep>().Should().Equal(new ReassignNextActionRep(new InteractionId("i-sato-next"), Sato, Suzuki));
        plan.Operations.OfType<CreateTask>().Select(t => t.Task.Id).Should().Equal("handover:r-sato:meet:r-suzuki", "handover:r-sato:key-person:c-sample");

        // 4 of the 5 proposals of the last year came through 佐藤: high key-person risk.
        plan.KeyPersonRisk!.Flagged.Should().BeTrue();
        plan.KeyPersonRisk.Level.Should().Be(KeyPersonRiskLevel.High);
        plan.KeyPersonRisk.DealFlowShare.Should().BeApproximately(0.8, 1e-9);
        plan.KeyPersonRisk.TrustShare.Should().BeApproximately(82.0 / (82 + 55 + 20), 1e-9);
        plan.Operations.OfType<FlagKeyPersonRisk>().Should().ContainSingle();
    }

    [Fact]
    public void Applying_a_rep_plan_closes_the_episode_keeps_history_and_moves_open_items()
    {
        var data = Build();
        var plan = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = Sato, EffectiveOn = EffectiveOn, NewStatus = RepStatus.Transferred }, Trust());
        var after = HandoverApplier.Apply(data, plan).Data;

        var sato = after.Reps.Single(r => r.Id == Sato);
        sato.Status.Should().Be(RepStatus.Transferred);
        sato.Employment.Should().ContainSingle().Which.Should().Be(new EmploymentEpisode(Sample, "部長", "営業一部", new DateOnly(2020, 4, 1), EffectiveOn));
        after.Proposals.Single(p => p.Id.Value == "p-001").RepId.Should().Be(Suzuki);
        after.Proposals.Single(p => p.Id.Value == "p-002").RepId.Should().Be(Sato, "closed proposals keep the rep who worked them");
        var moved = after.Interactions.Single(i => i.Id.Value == "i-sato-next");
        moved.RepId.Should().Be(Sato, "the interaction itself is history");
        moved.NextAction!.RepId.Should().Be(Suzuki);
        after.Companies.Single(c => c.Id == Sample).CustomItems[HandoverApplier.KeyPersonRiskItemKey].Items.Should().Equal("r-sato");
        HandoverChecker.LeftWithRep(after, Sato).Should().BeEmpty();

        var brief = HandoverBriefBuilder.Build(data, plan, Trust(), AsOf);
        var result = HandoverChecker.Check(after, plan, brief);
        result.Blockers.Should().BeEmpty();
        result.IsDone.Should().BeTrue();
        result.Completeness.Should().Be(100);
    }

    [Fact]
    public void Rep_with_spread_deal_flow_and_trust_is_not_a_key_person()
    {
        var data = Build();
        var plan = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = Suzuki, EffectiveOn = EffectiveOn }, Trust());
        plan.KeyPersonRisk!.Flagged.Should().BeFalse();
        plan.Operations.OfType<FlagKeyPersonRisk>().Should().BeEmpty();
        plan.SuccessorRep.Should().Be(Sato);
    }

    [Fact]
    public void Rep_without_a_good_enough_candidate_gets_suggestions_but_no_successor()
    {
        var data = Build();
        var plan = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = Watanabe, EffectiveOn = EffectiveOn }, Trust());
        plan.SuccessorRep.Should().BeNull();
        plan.Issues.Should().ContainSingle(i => i.Kind == HandoverBlockerKind.NoSuccessor);
        plan.Operations.OfType<ReassignProposalRep>().Should().BeEmpty();
    }

    [Fact]
    public void Unknown_rep_throws_a_data_carrying_exception()
    {
        var act = () => _planner.PlanRepDeparture(Build(), new RepDepartureRequest { RepId = new RepId("r-nobody"), EffectiveOn = EffectiveOn }, Trust());
        act.Should().Throw<HandoverSubjectNotFoundException>().Which.Subject.Should().Be("rep:r-nobody");
    }

    [Fact]
    public void Plans_serialise_to_json_with_operation_discriminators_and_round_trip()
    {
        var plan = _planner.PlanRepDeparture(Build(), new RepDepartureRequest { RepId = Sato, EffectiveOn = EffectiveOn }, Trust());
        var json = JsonSerializer.Serialize(plan);
        json.Should().Contain("\"op\":\"close-employment-episode\"").And.Contain("\"op\":\"create-task\"").And.Contain("\"op\":\"flag-key-person-risk\"");
        var ops = JsonSerializer.Deserialize<List<HandoverOperation>>(JsonSerializer.Serialize(plan.Operations))!;
        ops.Should().HaveCount(plan.Operations.Count);
        (plan with { Operations = ops }).IsSameAs(plan).Should().BeTrue();
    }

    [Fact]
    public void Invalid_options_fail_fast_naming_the_option()
    {
        var act = () => new HandoverPlanner(new HandoverOptions { KeyPersonShareThreshold = 0.9, KeyPersonHighShare = 0.5 });
        act.Should().Throw<System.ComponentModel.DataAnnotations.ValidationException>().WithMessage("*KeyPersonHighShare*");
        var range = () => new HandoverPlanner(new HandoverOptions { TrustConcentrationThreshold = 1.5 });
        range.Should().Throw<System.ComponentModel.DataAnnotations.ValidationException>().WithMessage("*TrustConcentrationThreshold*");
    }
}
