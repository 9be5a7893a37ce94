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
        _states = TrustScoringData.States(Scorer, reps, reps * 10);
        _touched = new int[events];
        _results = new TrustSnapshot[events];
    }

    /// <summary>Runs batch <paramref name="n"/> and returns its milliseconds (generating the batch is not timed).</summary>
    /// <param name="n">The batch number, 0, 1, 2…</param>
    /// <param name="parallel">Both cores.</param>
    /// <returns>Elapsed milliseconds.</returns>
    public static double Night(int n, bool parallel)
    {
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

    /// <summary>Sum of the last batch's scores: equal on both sides unless the change alters results.</summary>
    /// <returns>The sum.</returns>
    public static double Checksum() => _results.Sum(r => r.Value ?? 0);
}
