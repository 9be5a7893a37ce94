using BenchmarkDotNet.Attributes;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// Full scoring of 1,000,000 interactions over 100,000 reps on the allocation-free hot path.
/// One operation = one interaction (OperationsPerInvoke), so interactions/s = 1e9 / Mean(ns).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScoringBenchmarkConfig))]
public class TrustScoringBenchmarks
{
    private const int Interactions = 1_000_000;
    private const int RepCount = 100_000;
    private readonly TrustScorer _scorer = new();
    private TrustEvent[] _grouped = [];
    private TrustEvent[] _timeOrdered = [];
    private TrustSnapshot[] _results = [];

    [GlobalSetup]
    public void Setup()
    {
        var events = TrustScoringData.Events(Interactions, RepCount, 42, 730, 0);
        var set = TrustEventSet.Create(TrustScoringData.Reps(RepCount), events, []);
        _grouped = set.Events.ToArray();
        _timeOrdered = (TrustEvent[])events.Clone();
        Array.Sort(_timeOrdered, (a, b) => a.Time.CompareTo(b.Time));
        _results = new TrustSnapshot[RepCount];
    }

    /// <summary>Events grouped by rep and sorted by time, as <see cref="TrustEventSet"/> produces them.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Interactions)]
    public void FullScoring_GroupedByRep() => _scorer.ScoreAll(_grouped, TrustScoringData.AsOf, _results);

    /// <summary>The grouped events scored on every core (<see cref="TrustScorer.ScoreAllParallel"/>).</summary>
    [Benchmark(OperationsPerInvoke = Interactions)]
    public void FullScoring_GroupedByRep_Parallel() => _scorer.ScoreAllParallel(_grouped, TrustScoringData.AsOf, _results);

    /// <summary>Events in time order, as a change stream delivers them (the scorer groups them itself).</summary>
    [Benchmark(OperationsPerInvoke = Interactions)]
    public void FullScoring_TimeOrdered() => _scorer.ScoreAll(_timeOrdered, TrustScoringData.AsOf, _results);
}
