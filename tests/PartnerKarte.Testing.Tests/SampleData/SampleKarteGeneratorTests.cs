using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerKarte.Karte;
using PartnerKarte.SampleData;

namespace PartnerKarte.Testing.Tests.SampleData;

public sealed class SampleKarteGeneratorTests
{
    private static readonly SampleKarteOptions Small = new() { CompanyCount = 12, RepCount = 120, InteractionCount = 3_000, ProposalCount = 400 };

    private static readonly Lazy<KarteDataSet> Demo = new(() => SampleKarteGenerator.Generate(null));

    private static string Fingerprint(KarteDataSet data) => JsonSerializer.Serialize(data);

    [Fact]
    public void Same_seed_gives_the_same_data_and_another_seed_different_data()
    {
        var a = SampleKarteGenerator.Generate(Small);
        var b = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 12, RepCount = 120, InteractionCount = 3_000, ProposalCount = 400 });
        var c = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 7, CompanyCount = 12, RepCount = 120, InteractionCount = 3_000, ProposalCount = 400 });

        Fingerprint(a).Should().Be(Fingerprint(b));
        Fingerprint(a).Should().NotBe(Fingerprint(c));
    }

    [Fact]
    public void Records_created_by_index_equal_the_streamed_ones()
    {
        var generator = new SampleKarteGenerator(Small);
        var streamed = generator.GenerateInteractions().ToList();

        JsonSerializer.Serialize(generator.CreateInteraction(1234)).Should().Be(JsonSerializer.Serialize(streamed[1234]));
        JsonSerializer.Serialize(generator.CreateRep(77)).Should().Be(JsonSerializer.Serialize(generator.GenerateReps().ElementAt(77)));
    }

    [Fact]
    public void The_defaults_give_the_demo_sizes()
    {
        var data = Demo.Value;

        data.Companies.Should().HaveCount(50);
        data.Reps.Should().HaveCount(400);
        data.Interactions.Should().HaveCount(20_000);
        data.Proposals.Should().HaveCount(3_000);
        data.TeamMembers.Should().HaveCount(8);
        data.Companies[0].Id.Value.Should().Be("C-001");
        data.Reps[0].Id.Value.Should().Be("R-00001");
        data.Interactions[0].Id.Value.Should().Be("I-000001");
    }

    [Fact]
    public void Sizes_are_respected_and_ids_are_unique()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 3, RepCount = 5, InteractionCount = 17, ProposalCount = 4, TeamMemberCount = 10 });

        data.Companies.Should().HaveCount(3);
        data.Reps.Should().HaveCount(5);
        data.Interactions.Should().HaveCount(17);
        data.Proposals.Should().HaveCount(4);
        data.TeamMembers.Should().HaveCount(10);
        data.TeamMembers.Select(t => t.Id).Should().OnlyHaveUniqueItems();
        data.TeamMembers[9].Id.Value.Should().Be("U-10");
    }

    [Fact]
    public void References_point_to_existing_records()
    {
        var data = Demo.Value;
        var companies = data.Companies.Select(c => c.Id).ToHashSet();
        var reps = data.Reps.Select(r => r.Id).ToHashSet();
        var proposals = data.Proposals.Select(p => p.Id).ToHashSet();
        var users = data.TeamMembers.Select(u => u.Id).ToHashSet();

        data.Reps.Should().AllSatisfy(r =>
        {
            companies.Should().Contain(r.CompanyId);
            r.Employment.Should().AllSatisfy(e => companies.Should().Contain(e.CompanyId));
            users.Should().Contain(r.OwnerId!.Value);
        });
        data.Proposals.Should().AllSatisfy(p =>
        {
            companies.Should().Contain(p.CompanyId);
            reps.Should().Contain(p.RepId!.Value);
        });
        data.Interactions.Should().AllSatisfy(i =>
        {
            reps.Should().Contain(i.RepId);
            foreach (var o in i.OtherParticipants)
            {
                reps.Should().Contain(o);
            }

            if (i.ProposalId is { } p)
            {
                proposals.Should().Contain(p);
            }
        });
        data.Interactions.Should().Contain(i => i.OtherParticipants.Count > 0, "shared meetings feed the relationship graph");
        data.Interactions.Select(i => i.Id).Should().OnlyHaveUniqueItems();
        data.Reps.Select(r => r.Email).Should().OnlyHaveUniqueItems();
        companies.Should().BeSubsetOf(data.Reps.Select(r => r.CompanyId), "every partner has at least one contact");
    }

    [Fact]
    public void Time_runs_forward_and_nothing_happens_after_as_of()
    {
        var data = Demo.Value;
        var asOf = SampleKarteOptions.DefaultAsOf;

        data.Interactions.Select(i => i.OccurredAt).Should().BeInAscendingOrder();
        data.Interactions.Should().AllSatisfy(i =>
        {
            i.OccurredAt.Should().BeBefore(asOf).And.BeOnOrAfter(asOf.AddMonths(-18));
            i.ModifiedAt.Should().NotBeNull().And.BeOnOrBefore(asOf).And.BeOnOrAfter(i.OccurredAt);
            i.OccurredAt.DayOfWeek.Should().NotBe(DayOfWeek.Sunday);
            i.OccurredAt.ToOffset(TimeSpan.FromHours(9)).Hour.Should().BeInRange(9, 18);
            if (i.NextAction?.DoneAt is { } done)
            {
                done.Should().BeOnOrBefore(asOf).And.BeOnOrAfter(i.OccurredAt);
            }
        });
        data.Proposals.Should().AllSatisfy(p =>
        {
            if (p.ClosedOn is { } closed)
            {
                closed.Should().BeOnOrAfter(p.CreatedOn);
                p.Stage.Should().Be(ProposalStage.Closed);
            }

            (p.Outcome == ProposalOutcome.Lost).Should().Be(p.LossReason is not null);
        });
    }

    [Fact]
    public void Departed_reps_have_no_interactions_after_they_left()
    {
        var data = Demo.Value;
        var left = data.Reps.Where(r => r.Status == RepStatus.Left).ToDictionary(r => r.Id, r => r.Employment[^1].To!.Value);

        left.Should().NotBeEmpty();
        data.Interactions.Where(i => left.ContainsKey(i.RepId))
            .Should().AllSatisfy(i => DateOnly.FromDateTime(i.OccurredAt.ToOffset(TimeSpan.FromHours(9)).DateTime).Should().BeOnOrBefore(left[i.RepId]));
    }

    [Fact]
    public void The_demo_data_has_the_situations_the_product_is_for()
    {
        var data = Demo.Value;
        var asOf = DateOnly.FromDateTime(SampleKarteOptions.DefaultAsOf.DateTime);

        data.Companies.Select(c => c.Name).Should().Contain(n => n.StartsWith("株式会社", StringComparison.Ordinal))
            .And.Contain(n => n.EndsWith("株式会社", StringComparison.Ordinal))
            .And.Contain(n => n.StartsWith("(株)", StringComparison.Ordinal) || n.StartsWith("㈱", StringComparison.Ordinal) || n.StartsWith("（株）", StringComparison.Ordinal));
        data.Companies.Select(c => c.Profile.Industry).Distinct().Should().HaveCountGreaterThan(4);
        data.Companies.Should().Contain(c => c.Contract != null && c.Contract.EffectiveEnd > asOf && c.Contract.EffectiveEnd <= asOf.AddDays(90), "some contracts renew soon");
        data.Companies.Should().Contain(c => c.Contract != null && c.Contract.EffectiveEnd < asOf, "some contracts have expired");
        data.Reps.Should().Contain(r => r.Employment.Count == 2 && r.Employment[0].CompanyId != r.Employment[1].CompanyId, "a rep moved between partners");
        data.Reps.Should().Contain(r => r.Status == RepStatus.Transferred);
        data.Reps.Should().AllSatisfy(r => r.Name.Kana.Should().NotBeNullOrEmpty());
        data.Proposals.Select(p => p.Outcome).Distinct().Should().BeEquivalentTo([ProposalOutcome.Open, ProposalOutcome.Won, ProposalOutcome.Lost]);
        data.Interactions.Should().Contain(i => i.NextAction != null && i.NextAction.IsOpen && i.NextAction.Due < SampleKarteOptions.DefaultAsOf, "some actions were missed");

        // Per-rep tendencies: the fastest and slowest repliers differ by an order of magnitude.
        var medians = data.Interactions.Where(i => i.Initiator == Initiator.Rep && i.ResponseLatency is not null)
            .GroupBy(i => i.RepId).Where(g => g.Count() >= 5)
            .Select(g => g.Select(i => i.ResponseLatency!.Value.TotalHours).Order().ElementAt(g.Count() / 2)).ToList();
        medians.Max().Should().BeGreaterThan(10 * medians.Min());
    }

    [Fact]
    public void Field_formats_are_valid()
    {
        var data = Demo.Value;
        var email = new Regex(@"^[a-z0-9.]+@[a-z0-9-]+(\.[a-z0-9-]+)+$");
        var phone = new Regex(@"^0\d{1,3}-\d{2,4}-\d{4}$");

        data.Reps.Should().AllSatisfy(r =>
        {
            r.Email.Should().MatchRegex(email.ToString());
            r.Phone.Should().MatchRegex(phone.ToString());
            r.Phone!.Count(char.IsDigit).Should().Be(10 + (r.Phone.StartsWith("0", StringComparison.Ordinal) && r.Phone[2] == '0' ? 1 : 0));
        });
        data.Companies.Should().AllSatisfy(c =>
        {
            c.Profile.FiscalClosingMonth.Should().BeInRange(1, 12);
            if (c.Contract is { } k)
            {
                k.CommissionRatePercent.Should().BeInRange(0, 100);
                k.End.Should().BeAfter(k.Start);
            }

            if (c.CorporateNumber is { } n)
            {
                IsValidCorporateNumber(n).Should().BeTrue(n);
                PartnerKarte.Validation.CorporateNumber.IsValid(n).Should().BeTrue(n);
            }
        });
    }

    [Fact]
    public void Every_generated_record_passes_the_karte_validators()
    {
        var problems = PartnerKarte.Validation.KarteValidator.Validate(Demo.Value);

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Every_generated_record_of_a_large_set_with_another_seed_passes_the_validators()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 99, CompanyCount = 300, RepCount = 3_000, InteractionCount = 10_000, ProposalCount = 2_000, TeamMemberCount = 12 });

        PartnerKarte.Validation.KarteValidator.Validate(data).Should().BeEmpty();
        data.Companies.Select(c => c.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_corporate_number_check_matches_a_published_number()
    {
        IsValidCorporateNumber("7000012050002").Should().BeTrue("the 国税庁's own corporate number");
        IsValidCorporateNumber("8000012050002").Should().BeFalse();
    }

    [Fact]
    public void Bad_options_name_the_option()
    {
        var act = () => new SampleKarteGenerator(new SampleKarteOptions { RepCount = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SampleKarteOptions.RepCount*");
    }

    private static bool IsValidCorporateNumber(string n)
    {
        if (n.Length != 13 || !n.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var k = 1; k <= 12; k++)
        {
            sum += (n[13 - k] - '0') * (k % 2 == 1 ? 1 : 2);
        }

        return n[0] - '0' == 9 - (sum % 9);
    }
}
