using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Handover;
using PartnerKarte.Karte;
using PartnerKarte.Testing;

namespace PartnerKarte.Core.Tests.Handover;

public class HandoverPropertyTests
{
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, 1_000_000).ToArbitrary();
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(100));
    private readonly HandoverPlanner _planner = new();

    private static OwnerDepartureRequest OwnerRequest(KarteDataSet data, int seed) =>
        new() { Departing = data.TeamMembers[seed % 2].Id, EffectiveOn = KarteGenerators.TeamKarteDay };

    [Fact]
    public void After_applying_an_owner_plan_no_open_item_is_owned_by_the_departing_manager() =>
        Prop.ForAll(Seeds, seed =>
        {
            var (data, trust) = KarteGenerators.TeamKarte(seed);
            var request = OwnerRequest(data, seed);
            var plan = _planner.PlanOwnerDeparture(data, request, trust);
            var applied = HandoverApplier.Apply(data, plan);
            return plan.Issues.Count == 0 && applied.Conflicts.Count == 0 && HandoverChecker.LeftWithOwner(applied.Data, request.Departing).Count == 0;
        }).Check(Cases);

    [Fact]
    public void After_applying_a_rep_plan_with_a_successor_no_open_item_stays_with_the_departing_rep() =>
        Prop.ForAll(Seeds, seed =>
        {
            var (data, trust) = KarteGenerators.TeamKarte(seed);
            var rep = data.Reps[seed % data.Reps.Count];
            var successor = data.Reps.FirstOrDefault(r => r.CompanyId == rep.CompanyId && r.Id != rep.Id)?.Id;
            var plan = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = rep.Id, EffectiveOn = KarteGenerators.TeamKarteDay, Successor = successor }, trust);
            var after = HandoverApplier.Apply(data, plan).Data;
            var left = HandoverChecker.LeftWithRep(after, rep.Id);
            return successor is null ? left.All(i => !i.StartsWith("employment:", StringComparison.Ordinal)) : left.Count == 0;
        }).Check(Cases);

    [Fact]
    public void Planning_twice_gives_identical_plans() =>
        Prop.ForAll(Seeds, seed =>
        {
            var (data, trust) = KarteGenerators.TeamKarte(seed);
            var a = _planner.PlanOwnerDeparture(data, OwnerRequest(data, seed), trust);
            var b = _planner.PlanOwnerDeparture(KarteGenerators.TeamKarte(seed).Data, OwnerRequest(data, seed), trust);
            var rep = data.Reps[seed % data.Reps.Count].Id;
            var c = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = rep, EffectiveOn = KarteGenerators.TeamKarteDay }, trust);
            var d = _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = rep, EffectiveOn = KarteGenerators.TeamKarteDay }, trust);
            return a.IsSameAs(b) && JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b) && c.IsSameAs(d) && JsonSerializer.Serialize(c) == JsonSerializer.Serialize(d);
        }).Check(Cases);

    [Fact]
    public void Applying_twice_creates_no_duplicate_task_or_reassignment() =>
        Prop.ForAll(Seeds, seed =>
        {
            var (data, trust) = KarteGenerators.TeamKarte(seed);
            var rep = data.Reps[seed % data.Reps.Count].Id;
            foreach (var plan in new[]
            {
                _planner.PlanOwnerDeparture(data, OwnerRequest(data, seed), trust),
                _planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = rep, EffectiveOn = KarteGenerators.TeamKarteDay }, trust),
            })
            {
                var first = HandoverApplier.Apply(data, plan);
                var second = HandoverApplier.Apply(first.Data, plan);
                var ok = second.Applied.Count == 0 && second.CreatedTasks.Count == 0 && second.Conflicts.Count == 0 &&
                         second.Data.Tasks.Count == first.Data.Tasks.Count &&
                         second.Data.Tasks.Select(t => t.Id).Distinct().Count() == second.Data.Tasks.Count &&
                         JsonSerializer.Serialize(second.Data) == JsonSerializer.Serialize(first.Data);
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }).Check(Cases);
}
