using BenchmarkDotNet.Attributes;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// A nightly incremental run: 100,000 rep states built from 1,000,000 interactions of the last two years,
/// then 10,000 new interactions of the last day are applied, every touched rep is rescored and advanced.
/// States are addressed by the dense rep index the events carry (<see cref="TrustEvent.RepIndex"/>): resolving a CRM id
/// to that index is the caller's table lookup, measured with the sync, not here.
/// </summary>
public class TrustIncrementalBenchmarks : IncrementalBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        BuildStates();
        UseNight(TrustScoringData.Events(NewInteractions, RepCount, 7, 1, 0), "n");
    }

    /// <summary>The batch API: events grouped by rep, each touched state applied, scored and advanced in one visit.</summary>
    [Benchmark(OperationsPerInvoke = NewInteractions)]
    public int Incremental_10k_ApplyAndSnapshot() =>
        Scorer.ApplyAndSnapshot(States, Night, NightIds, TrustScoringData.AsOf, Touched, Results);

    /// <summary>The same on both cores (<see cref="TrustScorer.ApplyAndSnapshotParallel"/>).</summary>
    [Benchmark(OperationsPerInvoke = NewInteractions)]
    public int Incremental_10k_ApplyAndSnapshot_Parallel() =>
        Scorer.ApplyAndSnapshotParallel(States, Night, NightIds, TrustScoringData.AsOf, Touched, Results);

    [Benchmark(Baseline = true, OperationsPerInvoke = NewInteractions)]
    public void Incremental_10k_NewInteractions()
    {
        var asOf = TrustScoringData.AsOf;
        for (var i = 0; i < Night.Length; i++)
        {
            States[Night[i].RepIndex].Apply(Night[i], NightIds[i]);
        }

        for (var i = 0; i < Night.Length; i++)
        {
            var state = States[Night[i].RepIndex];
            Results[i] = Scorer.Snapshot(state, asOf);
            state.Advance(asOf);
        }
    }

    [IterationCleanup]
    public void Cleanup()
    {
        // Undo the night so every iteration applies the same 10k events to the same states.
        for (var i = 0; i < Night.Length; i++)
        {
            States[Night[i].RepIndex].Retract(Night[i], NightIds[i]);
        }
    }
}
