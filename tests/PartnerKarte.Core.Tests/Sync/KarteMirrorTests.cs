using System.Text.Json;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Core.Tests.Sync;

public class KarteMirrorTests
{
    [Fact]
    public void A_karte_split_by_company_and_read_back_from_the_mirror_evaluates_to_the_same_records()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 8, RepCount = 60, InteractionCount = 1500, ProposalCount = 200 });
        var karte = new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions };
        var calculator = new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator());
        var asOf = SampleKarteOptions.DefaultAsOf.AddDays(40);

        var fromMirror = KarteMirror.Split(karte)
            .Select(e => KarteMirror.TryDeserialize(KarteMirror.Serialize(e.Karte))!)
            .SelectMany(k => calculator.Calculate(k, asOf))
            .ToDictionary(r => r.Key, r => r.ContentHash);

        var full = calculator.Calculate(karte, asOf).ToDictionary(r => r.Key, r => r.ContentHash);
        fromMirror.Should().Equal(full);

        // Every record survives the trip (full domain records, not a digest).
        var back = KarteMirror.Split(karte).Select(e => (e.Karte, Back: KarteMirror.TryDeserialize(KarteMirror.Serialize(e.Karte))!)).ToList();
        foreach (var (original, read) in back)
        {
            JsonSerializer.Serialize(read.Interactions).Should().Be(JsonSerializer.Serialize(original.Interactions));
            JsonSerializer.Serialize(read.Companies).Should().Be(JsonSerializer.Serialize(original.Companies));
            JsonSerializer.Serialize(read.Reps).Should().Be(JsonSerializer.Serialize(original.Reps));
            JsonSerializer.Serialize(read.Proposals).Should().Be(JsonSerializer.Serialize(original.Proposals));
        }
    }

    [Fact]
    public void A_damaged_entry_reads_as_missing()
    {
        KarteMirror.TryDeserialize([1, 2, 3]).Should().BeNull();
        var good = KarteMirror.Serialize(new KarteRecordBatch());
        good[^3] ^= 0x55;
        KarteMirror.TryDeserialize(good).Should().BeNull();
    }
}
