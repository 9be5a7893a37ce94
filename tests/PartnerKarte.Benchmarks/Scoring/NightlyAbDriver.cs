using System.Diagnostics;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// One build's side of <see cref="NightlyAbCommand"/>: the consecutive-nights workload of <see cref="TrustNightlyBenchmarks"/>,
/// one batch per call. Loaded by reflection into an isolated load context per build, so keep the signatures stable.
/// </summary>
public static class NightlyAbDriver
{
    private static readonly TrustScorer Scorer = new();
    private static RepTrustState[] _states = [];
    private static int _reps, _events, _days;
    private static int[] _touched = [];
    private static TrustSnapshot[] _results = [];

    /// <summary>Builds the states: <paramref name="reps"/> reps, ten history interactions each over two years.</summary>
    /// <param name="reps">Reps.</param>
    /// <param name="events">Interactions per batch.</param>
    /// <param name="daysPerBatch">Days each batch covers.</param>
    public static void Setup(int reps, int events, int daysPerBatch)
    {
        (_reps, _events, _days) = (reps, events, daysPerBatch);
        _states = daysPerBatch < 0 ? [] : TrustScoringData.States(Scorer, reps, reps * 10); // full scoring needs no states
        _touched = new int[events];
        _results = new TrustSnapshot[events];
    }

    /// <summary>
    /// Runs batch <paramref name="n"/> and returns its milliseconds (generating the batch is not timed). With
    /// <c>daysPerBatch</c> 0, every call is the single batch of <see cref="TrustIncrementalBenchmarks"/> (the night after
    /// the history), retracted again after timing so the next call starts from the same states; with −1, a full scoring of
    /// 100 × <c>events</c> interactions over the reps (<see cref="TrustScoringBenchmarks"/>; the states are not used).
    /// </summary>
    /// <param name="n">The batch number, 0, 1, 2…</param>
    /// <param name="parallel">Both cores.</param>
    /// <returns>Elapsed milliseconds.</returns>
    public static double Night(int n, bool parallel)
    {
        if (_days == 0)
        {
            return SingleBatch(parallel);
        }

        if (_days < 0)
        {
            return FullScoring(parallel);
        }

        var events = TrustScoringData.Events(_events, _reps, 1_000 + n, _days - (n * _days), -n * _days);
        var ids = new string[events.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = $"n{n}-{i}";
        }

        var asOf = TrustScoringData.AsOf.AddDays(n * _days);
        var watch = Stopwatch.StartNew();
        _ = parallel
            ? Scorer.ApplyAndSnapshotParallel(_states, events, ids, asOf, _touched, _results)
            : Scorer.ApplyAndSnapshot(_states, events, ids, asOf, _touched, _results);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static TrustEvent[] _grouped = [];
    private static TrustSnapshot[] _all = [];

    /// <summary><see cref="TrustScoringBenchmarks.FullScoring_GroupedByRep"/>: ten times the batch size of interactions over the reps, grouped.</summary>
    private static double FullScoring(bool parallel)
    {
        if (_grouped.Length == 0)
        {
            var events = TrustScoringData.Events(_events * 100, _reps, 42, 730, 0);
            _grouped = TrustEventSet.Create(TrustScoringData.Reps(_reps), events, []).Events.ToArray();
            _all = new TrustSnapshot[_reps];
        }

        var watch = Stopwatch.StartNew();
        if (parallel)
        {
            Scorer.ScoreAllParallel(_grouped, TrustScoringData.AsOf, _all);
        }
        else
        {
            Scorer.ScoreAll(_grouped, TrustScoringData.AsOf, _all);
        }

        _results[0] = _all[_reps / 2];
        return watch.Elapsed.TotalMilliseconds;
    }

    private static TrustEvent[] _single = [];
    private static string[] _singleIds = [];

    private static double SingleBatch(bool parallel)
    {
        if (_single.Length == 0)
        {
            _single = TrustScoringData.Events(_events, _reps, 7, 1, 0);
            _singleIds = Enumerable.Range(0, _single.Length).Select(i => "n" + i).ToArray();
        }

        var watch = Stopwatch.StartNew();
        _ = parallel
            ? Scorer.ApplyAndSnapshotParallel(_states, _single, _singleIds, TrustScoringData.AsOf, _touched, _results)
            : Scorer.ApplyAndSnapshot(_states, _single, _singleIds, TrustScoringData.AsOf, _touched, _results);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        UndoSingleBatch();
        return elapsed;
    }

    // Its own method, so a profile of the command tells the untimed undo from the batch.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void UndoSingleBatch()
    {
        for (var i = 0; i < _single.Length; i++)
        {
            _states[_single[i].RepIndex].Retract(_single[i], _singleIds[i]);
        }
    }

    /// <summary>Sum of the last batch's scores: equal on both sides unless the change alters results.</summary>
    /// <returns>The sum.</returns>
    public static double Checksum() => (_days < 0 ? _all : _results).Sum(r => r.Value ?? 0);
}
