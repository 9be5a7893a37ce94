using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Core.Tests.Sync;

public sealed class EnrichmentRecordTests
{
    private static readonly RepId Tanaka = new("R-田中-001");

    [Fact]
    public void The_content_hash_is_stable_and_ignores_differences_below_the_written_precision()
    {
        var a = EnrichmentRecord.ForRep(Tanaka, 72.44, TrustRank.A, 0.812, -3.51, new DateOnly(2026, 10, 30), FollowUpPriority.High);
        var b = EnrichmentRecord.ForRep(Tanaka, 72.4499, TrustRank.A, 0.8149, -3.54, new DateOnly(2026, 10, 30), FollowUpPriority.High);

        a.ContentHash.Should().Be(b.ContentHash).And.MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public void Each_field_changes_the_hash()
    {
        var rep = EnrichmentRecord.ForRep(Tanaka, 72.4, TrustRank.A, 0.81, -3.5, new DateOnly(2026, 10, 30), FollowUpPriority.High);
        var company = EnrichmentRecord.ForCompany(new CompanyId("C-001"), 12, 5, 62.5, 12_345_678m, 3_456_789m, 87.5, "renewal:2026-12-31");
        EnrichmentRecord[] variants =
        [
            rep, rep with { TrustScore = 72.5 }, rep with { TrustRank = TrustRank.B }, rep with { TrustConfidence = 0.82 }, rep with { TrustTrend = null },
            rep with { LastContactDate = new DateOnly(2026, 10, 31) }, rep with { FollowUpPriority = FollowUpPriority.Urgent }, rep with { Id = "R-002" },
            company, company with { DealCount = 13 }, company with { WonCount = 6 }, company with { WinRatePercent = 62.6 }, company with { Revenue = 12_345_679m },
            company with { GrossProfit = null }, company with { KarteCompletenessPercent = 87.6 }, company with { ContractAlert = "expired:2026-10-01" },
            company with { Target = EnrichmentTarget.Rep },
        ];

        variants.Select(v => v.ContentHash).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Validation_names_the_record_and_field()
    {
        var bad = EnrichmentRecord.ForCompany(new CompanyId("C-009"), 3, -1, 140, 0m, 0m, double.NaN, null);

        var problems = bad.Validate();

        problems.Select(p => p.Field).Should().BeEquivalentTo(["WonCount", "WinRatePercent", "KarteCompletenessPercent"]);
        problems.Should().OnlyContain(p => p.Record == "company:C-009");
        EnrichmentRecord.ForRep(Tanaka, 50, TrustRank.C, 0.5, 0, null, FollowUpPriority.Normal).Validate().Should().BeEmpty();
        EnrichmentRecord.ForCompany(new CompanyId("C-010"), 2, 5, 62.5, 1_000_000m, 300_000m, 80, null).Validate()
            .Should().BeEmpty("deals opened earlier can be won in this period");
    }

    [Fact]
    public void The_hash_is_a_function_of_the_rounded_values()
    {
        // Scores on a 0.1 grid plus noise below half a step hash alike; different grid points hash differently.
        var gen = from a in Gen.Choose(0, 1000)
                  from b in Gen.Choose(0, 1000)
                  from noise in Gen.Choose(-4, 4)
                  select (a, b, noise);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (a, b, noise) = t;
            var hashA = EnrichmentRecord.ForRep(Tanaka, a / 10.0, TrustRank.B, 0.5, null, null, null).ContentHash;
            var hashNoisy = EnrichmentRecord.ForRep(Tanaka, (a / 10.0) + (noise / 100.0), TrustRank.B, 0.5, null, null, null).ContentHash;
            var hashB = EnrichmentRecord.ForRep(Tanaka, b / 10.0, TrustRank.B, 0.5, null, null, null).ContentHash;
            return hashA == hashNoisy && (hashA == hashB) == (a == b);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(100)));
    }
}
