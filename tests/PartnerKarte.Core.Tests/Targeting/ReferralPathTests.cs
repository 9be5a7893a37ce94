using PartnerKarte.Karte;
using PartnerKarte.Targeting;
using static PartnerKarte.Core.Tests.Handover.JapaneseKarte;

namespace PartnerKarte.Core.Tests.Targeting;

public class ReferralPathTests
{
    private static RelationshipGraph Graph(IReadOnlyList<RelationshipLink>? links = null) => RelationshipGraph.FromKarte(Build(), Trust(), links, AsOf);

    [Fact]
    public void 山本_reaches_高橋_of_another_division_through_鈴木_with_evidence_for_each_hop()
    {
        var links = new[] { new RelationshipLink("l-1", PersonRef.Rep(Suzuki), PersonRef.Rep(Takahashi), RelationshipKind.Knows, new DateOnly(2026, 3, 1), 0.9) };
        var graph = Graph(links);
        var result = graph.FindPaths(ReferralQuery.ToRep(Takahashi) with { From = [Yamamoto], MaxHops = 2 });

        result.Outcome.Should().Be(ReferralOutcome.Found);
        result.Paths.Should().OnlyContain(p => p.People[0] == PersonRef.User(Yamamoto) && p.People[p.People.Count - 1] == PersonRef.Rep(Takahashi));
        var best = result.Paths.Single(p => p.People.SequenceEqual(new[] { PersonRef.User(Yamamoto), PersonRef.Rep(Suzuki), PersonRef.Rep(Takahashi) }));
        best.Hops[0].Evidence.Should().ContainSingle(e => e.Kind == RelationshipKind.Contact).Which.Sources.Should().Equal("i-suzuki-02");
        best.Hops[1].Evidence.Select(e => e.Kind).Should().BeEquivalentTo([RelationshipKind.Colleague, RelationshipKind.Knows]);
        best.Score.Should().BeApproximately(best.Hops[0].Strength * best.Hops[1].Strength, 1e-12);
        result.Paths.Should().BeInDescendingOrder(p => p.Score);

        // With the default four hops, chains through our teammates (田中 knows 鈴木 well) can beat the direct one.
        var wide = graph.FindPaths(ReferralQuery.ToRep(Takahashi) with { From = [Yamamoto] });
        wide.Paths.Should().HaveCount(5).And.BeInDescendingOrder(p => p.Score).And.OnlyContain(p => p.Hops.Count <= ReferralQuery.DefaultMaxHops);
        wide.Paths[0].Score.Should().BeGreaterThanOrEqualTo(best.Score);
    }

    [Fact]
    public void Opted_out_伊藤_is_never_an_intermediate_and_never_a_target()
    {
        // 伊藤 knows 高橋 very well, but asked not to be contacted or introduced.
        var links = new[] { new RelationshipLink("l-2", PersonRef.Rep(Ito), PersonRef.Rep(Takahashi), RelationshipKind.Introduced, Strength: 1.0) };
        var graph = Graph(links);
        graph.FindPaths(ReferralQuery.ToRep(Takahashi) with { K = 20 }).Paths.Should().NotBeEmpty()
            .And.OnlyContain(p => !p.People.Contains(PersonRef.Rep(Ito)));
        graph.FindPaths(ReferralQuery.ToRep(Ito)).Outcome.Should().Be(ReferralOutcome.TargetExcluded);
    }

    [Fact]
    public void A_rep_who_left_is_never_routed_through()
    {
        var graph = Graph([new RelationshipLink("l-3", PersonRef.Rep(Kato), PersonRef.Rep(Takahashi), RelationshipKind.Knows, Strength: 1.0)]);
        graph.IsRoutable(PersonRef.Rep(Kato)).Should().BeFalse();
        graph.FindPaths(ReferralQuery.ToRep(Takahashi) with { From = [Kobayashi], K = 10 }).Paths.Should().OnlyContain(p => !p.People.Contains(PersonRef.Rep(Kato)));
        graph.FindPaths(ReferralQuery.ToRep(Kato)).Outcome.Should().Be(ReferralOutcome.TargetExcluded);
    }

    [Fact]
    public void Company_and_department_targets_reach_any_routable_rep_there()
    {
        var graph = Graph();
        var company = graph.FindPaths(ReferralQuery.ToCompany(Sample) with { From = [Nakamura], K = 3 });
        company.Outcome.Should().Be(ReferralOutcome.Found);
        company.Paths.Select(p => p.People[^1]).Should().OnlyContain(t => t == PersonRef.Rep(Sato) || t == PersonRef.Rep(Suzuki) || t == PersonRef.Rep(Takahashi));

        var dept = graph.FindPaths(ReferralQuery.ToDepartment(Sample, "ソリューション事業部") with { From = [Tanaka] });
        dept.Paths.Should().NotBeEmpty().And.OnlyContain(p => p.People[p.People.Count - 1] == PersonRef.Rep(Takahashi));
        graph.FindPaths(ReferralQuery.ToDepartment(Sample, "経理部")).Outcome.Should().Be(ReferralOutcome.UnknownTarget);
    }

    [Fact]
    public void Hop_limit_cuts_long_chains()
    {
        var graph = Graph();
        graph.FindPaths(ReferralQuery.ToRep(Takahashi) with { From = [Nakamura], MaxHops = 1 }).Paths.Should().OnlyContain(p => p.Hops.Count == 1);
        graph.FindPaths(ReferralQuery.ToRep(Watanabe) with { From = [Nakamura], MaxHops = 1 }).Outcome.Should().Be(ReferralOutcome.NoPath);
    }

    [Fact]
    public void Bad_links_are_reported_not_dropped_silently()
    {
        var graph = Graph([
            new RelationshipLink("l-bad", PersonRef.Rep(new RepId("r-unknown")), PersonRef.Rep(Sato), RelationshipKind.Knows),
            new RelationshipLink("l-kind", PersonRef.Rep(Suzuki), PersonRef.Rep(Sato), RelationshipKind.Colleague),
        ]);
        graph.Problems.Select(p => (p.Record, p.Field)).Should().Contain([("link:l-bad", "From"), ("link:l-kind", "Kind")]);
    }

    [Fact]
    public void Malformed_queries_throw()
    {
        var graph = Graph();
        ((Action)(() => graph.FindPaths(new ReferralQuery()))).Should().Throw<ArgumentException>().WithMessage("*TargetRep*");
        ((Action)(() => graph.FindPaths(ReferralQuery.ToRep(Sato) with { MaxHops = 9 }))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxHops*");
    }
}
