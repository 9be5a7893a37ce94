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
[MemoryDiagnoser]
[Config(typeof(IncrementalBenchmarkConfig))]
public class TrustIncrementalBenchmarks
{
    private const int RepCount = 100_000;
    private const int NewInteractions = 10_000;
    private readonly TrustScorer _scorer = new();
    private RepTrustState[] _states = [];
    private TrustEvent[] _new = [];
    private string[] _newIds = [];
    private TrustSnapshot[] _results = [];
    private int[] _touched = [];

    [GlobalSetup]
    public void Setup()
    {
        _states = TrustScoringData.States(_scorer, RepCount, 1_000_000);
        _new = TrustScoringData.Events(NewInteractions, RepCount, 7, 1, 0);
        _newIds = Enumerable.Range(0, NewInteractions).Select(i => $"n{i}").ToArray();
        _results = new TrustSnapshot[NewInteractions];
        _touched = new int[NewInteractions];
    }

    /// <summary>The batch API: events grouped by rep, each touched state applied, scored and advanced in one visit.</summary>
    [Benchmark(OperationsPerInvoke = NewInteractions)]
    public int Incremental_10k_ApplyAndSnapshot() =>
        _scorer.ApplyAndSnapshot(_states, _new, _newIds, TrustScoringData.AsOf, _touched, _results);

    /// <summary>The same on both cores (<see cref="TrustScorer.ApplyAndSnapshotParallel"/>).</summary>
    [Benchmark(OperationsPerInvoke = NewInteractions)]
    public int Incremental_10k_ApplyAndSnapshot_Parallel() =>
        _scorer.ApplyAndSnapshotParallel(_states, _new, _newIds, TrustScoringData.AsOf, _touched, _results);

    [Benchmark(Baseline = true, OperationsPerInvoke = NewInteractions)]
    public void Incremental_10k_NewInteractions()
    {
        var asOf = TrustScoringData.AsOf;
        for (var i = 0; i < _new.Length; i++)
        {
            _states[_new[i].RepIndex].Apply(_new[i], _newIds[i]);
        }

        for (var i = 0; i < _new.Length; i++)
        {
            var state = _states[_new[i].RepIndex];
            _results[i] = _scorer.Snapshot(state, asOf);
            state.Advance(asOf);
        }
    }

    [IterationCleanup]
    public void Cleanup()
    {
        // Undo the night so every iteration applies the same 10k events to the same states.
        for (var i = 0; i < _new.Length; i++)
        {
            _states[_new[i].RepIndex].Retract(_new[i], _newIds[i]);
        }
    }
}
