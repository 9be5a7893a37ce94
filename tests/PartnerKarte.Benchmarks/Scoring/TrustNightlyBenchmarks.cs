using BenchmarkDotNet.Attributes;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// Consecutive nights, as a real nightly job sees them: 100,000 rep states built from 1,000,000 interactions, then every
/// iteration is the NEXT night — 10,000 new interactions of that day, applied, scored and advanced by one batch call at
/// that night's instant. Unlike <see cref="TrustIncrementalBenchmarks"/> (the same night replayed on states already advanced
/// to it), states move forward: pending events leave the trend window and settle, and each state is decayed by the nights
/// since it was last touched. Pending events accumulate over the first weeks (the window is 30 days), so later nights cost more.
/// <see cref="DaysPerBatch"/> = 1 is 10,000 a day, seven times the history's own rate (about five pending events per rep);
/// 7 is the history's rate — a batch of 10,000 is then a week of this data set (about 1.5 pending events per rep).
/// </summary>
public class TrustNightlyBenchmarks : IncrementalBenchmarkBase
{
    private int _nightIndex;
    private DateTimeOffset _asOf;

    /// <summary>Days each batch of 10,000 covers (and the instant moves on by).</summary>
    [Params(1, 7)]
    public int DaysPerBatch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BuildStates();
        _nightIndex = 0; // each benchmark starts from the same states on the first night
    }

    [IterationSetup]
    public void NextNight()
    {
        // Batch n: interactions during the DaysPerBatch days before AsOf + n·DaysPerBatch, scored at that instant.
        var n = _nightIndex++;
        var d = DaysPerBatch;
        _asOf = TrustScoringData.AsOf.AddDays(n * d);
        UseNight(TrustScoringData.Events(NewInteractions, RepCount, 1_000 + n, d - (n * d), -n * d), $"n{n}-");
    }

    /// <summary>One night through the batch API on one thread.</summary>
    [Benchmark(OperationsPerInvoke = NewInteractions)]
    public int NextNight_10k_ApplyAndSnapshot() =>
        Scorer.ApplyAndSnapshot(States, Night, NightIds, _asOf, Touched, Results);

    /// <summary>The same nights on both cores (<see cref="TrustScorer.ApplyAndSnapshotParallel"/>).</summary>
    [Benchmark(OperationsPerInvoke = NewInteractions)]
    public int NextNight_10k_ApplyAndSnapshot_Parallel() =>
        Scorer.ApplyAndSnapshotParallel(States, Night, NightIds, _asOf, Touched, Results);
}
