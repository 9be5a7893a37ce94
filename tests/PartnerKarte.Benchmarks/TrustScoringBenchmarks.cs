using BenchmarkDotNet.Attributes;
using PartnerKarte.Karte;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks;

/// <summary>Scoring every rep of a generated karte with explanations, through the public API.</summary>
[MemoryDiagnoser]
public class TrustScoringBenchmarks
{
    private readonly TrustScorer scorer = new();
    private KarteDataSet data = new();

    /// <summary>Reps in the data set (50 interactions each).</summary>
    [Params(10_000)]
    public int Reps { get; set; }

    [GlobalSetup]
    public void Setup() => data = SampleKarteGenerator.Generate(new SampleKarteOptions
    {
        RepCount = Reps,
        CompanyCount = Math.Max(50, Reps / 50),
        InteractionCount = Reps * 50L,
        ProposalCount = Reps,
    });

    [Benchmark]
    public int ScoreAll() => scorer.ScoreAll(data, SampleKarteOptions.DefaultAsOf).Count;
}
