using System.Buffers;
using Microsoft.Extensions.Options;
using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// Computes explainable trust scores of partner reps (信頼スコア) as of an instant. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Three ways in: <see cref="ScoreAll(KarteDataSet, DateTimeOffset)"/> and <see cref="Score(RepId, IEnumerable{Interaction}, IEnumerable{Proposal}, DateTimeOffset)"/>
/// for karte records with full explanations; <see cref="ScoreAll(ReadOnlySpan{TrustEvent}, DateTimeOffset, Span{TrustSnapshot})"/>, the
/// allocation-free hot path over compact events; and <see cref="RepTrustState"/> (from <see cref="CreateState"/>) for nightly incremental runs.
/// All three give the same numbers.
/// </remarks>
public sealed partial class TrustScorer
{
    private readonly TrustParameters _p;

    /// <summary>Creates a scorer.</summary>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the failures name each bad option.</exception>
    public TrustScorer(TrustScoringOptions? options = null)
    {
        options ??= new TrustScoringOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(
                Microsoft.Extensions.Options.Options.DefaultName, typeof(TrustScoringOptions),
                problems.Select(p => $"{p.Record}.{p.Field}: {p.Reason} (value: {p.Value ?? "null"})."));
        }

        Options = options;
        _p = new TrustParameters(options);
    }

    /// <summary>Creates a scorer from the options pipeline.</summary>
    /// <param name="options">The options.</param>
    public TrustScorer(IOptions<TrustScoringOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>The options in use. Do not change them after construction.</summary>
    public TrustScoringOptions Options { get; }

    /// <summary>Scores every rep of a data set (reps listed first, then reps only seen in records), with explanations.</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="asOf">The instant to score at; later records are ignored.</param>
    /// <returns>One score per rep.</returns>
    public IReadOnlyList<TrustScore> ScoreAll(KarteDataSet data, DateTimeOffset asOf)
    {
        var set = TrustEventSet.Build(data, Options.DayBoundaryOffset);
        var result = new TrustScore[set.Reps.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Score(set, i, asOf);
        }

        return result;
    }

    /// <summary>Scores one rep from its records, with an explanation. Records of other reps are ignored.</summary>
    /// <param name="repId">The rep.</param>
    /// <param name="interactions">Interactions (any order).</param>
    /// <param name="proposals">Proposals (those with <see cref="Proposal.RepId"/> = <paramref name="repId"/> count).</param>
    /// <param name="asOf">The instant to score at; later records are ignored.</param>
    /// <returns>The score.</returns>
    public TrustScore Score(RepId repId, IEnumerable<Interaction> interactions, IEnumerable<Proposal> proposals, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(proposals);
        var set = TrustEventSet.Build([repId], interactions.Where(i => i.RepId == repId), proposals.Where(p => p.RepId == repId), Options.DayBoundaryOffset);
        return Score(set, 0, asOf);
    }

    /// <summary>Scores one rep of an event set, with an explanation.</summary>
    /// <param name="set">The events.</param>
    /// <param name="repIndex">The rep's index in <see cref="TrustEventSet.Reps"/>.</param>
    /// <param name="asOf">The instant to score at.</param>
    /// <returns>The score.</returns>
    public TrustScore Score(TrustEventSet set, int repIndex, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfNegative(repIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(repIndex, set.Reps.Count);
        var t0 = TrustEvent.ToEventTime(asOf);
        var events = set.EventsOf(repIndex).Span;
        SumsOfSorted(events, t0, out var cur, out var lag);
        var k = Options.EvidencePerFactor;
        var evidence = new IReadOnlyList<string>[TrustEvidence.FactorCount];
        for (var f = 0; f < evidence.Length; f++)
        {
            var list = new List<string>(k);
            for (var i = events.Length - 1; i >= 0 && list.Count < k; i--)
            {
                if (TrustEvidence.RelevantAt(f, events[i], t0, _p) && events[i].SourceIndex >= 0)
                {
                    list.Add(set.SourceIds[events[i].SourceIndex]);
                }
            }

            evidence[f] = list;
        }

        return Build(set.Reps[repIndex], asOf, cur, lag, t0, evidence);
    }

    /// <summary>
    /// The hot path: scores reps from compact events without allocating per event. Events may come in any order;
    /// grouped by rep and sorted by time (as <see cref="TrustEventSet"/> produces) is fastest. Runs on the calling
    /// thread; <see cref="ScoreAllParallel"/> spreads the same work over the cores.
    /// </summary>
    /// <param name="events">The events; <see cref="TrustEvent.RepIndex"/> must be in 0..results.Length − 1.</param>
    /// <param name="asOf">The instant to score at; later events are ignored.</param>
    /// <param name="results">One slot per rep, filled in.</param>
    /// <exception cref="ArgumentException">An event's rep index is out of range (the message names the event).</exception>
    public void ScoreAll(ReadOnlySpan<TrustEvent> events, DateTimeOffset asOf, Span<TrustSnapshot> results)
    {
        var t0 = TrustEvent.ToEventTime(asOf);
        var empty = EmptySnapshot(t0);
        if (CheckGrouped(events, results.Length))
        {
            ScoreGrouped(events, 0, 0, results.Length, t0, results, empty, null);
            return;
        }

        var (starts, scratch) = GroupByRep(events, results.Length);
        try
        {
            ScoreGrouped(scratch.AsSpan(0, events.Length), 0, 0, results.Length, t0, results, empty, scratch);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<TrustEvent>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// <see cref="ScoreAll(ReadOnlySpan{TrustEvent}, DateTimeOffset, Span{TrustSnapshot})"/> on several threads: reps are
    /// split into ranges scored independently, so the results are identical to the single-threaded call.
    /// </summary>
    /// <param name="events">The events; <see cref="TrustEvent.RepIndex"/> must be in 0..results.Length − 1. Not modified.</param>
    /// <param name="asOf">The instant to score at; later events are ignored.</param>
    /// <param name="results">One slot per rep, filled in.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use at most; 0 or less for <see cref="Environment.ProcessorCount"/>.</param>
    /// <exception cref="ArgumentException">An event's rep index is out of range (the message names the event).</exception>
    public void ScoreAllParallel(ReadOnlyMemory<TrustEvent> events, DateTimeOffset asOf, Memory<TrustSnapshot> results, int maxDegreeOfParallelism = 0)
    {
        var dop = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var repCount = results.Length;
        if (dop == 1 || events.Length < ParallelThreshold || repCount < 2)
        {
            ScoreAll(events.Span, asOf, results.Span);
            return;
        }

        var t0 = TrustEvent.ToEventTime(asOf);
        var empty = EmptySnapshot(t0);
        int[]? starts = null;
        TrustEvent[]? scratch = null;
        var source = events;
        if (!CheckGrouped(events.Span, repCount))
        {
            (starts, scratch) = GroupByRep(events.Span, repCount);
            source = scratch.AsMemory(0, events.Length);
        }

        try
        {
            // More ranges than threads, so a range of busy reps does not leave a core idle at the end.
            var ranges = Math.Min(repCount, dop * 8);
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = dop }, range =>
            {
                var lo = (int)((long)repCount * range / ranges);
                var hi = (int)((long)repCount * (range + 1) / ranges);
                var span = source.Span;
                ScoreGrouped(span, FirstEventOf(span, lo), lo, hi, t0, results.Span, empty, scratch);
            });
        }
        finally
        {
            if (starts is not null)
            {
                ArrayPool<int>.Shared.Return(starts);
                ArrayPool<TrustEvent>.Shared.Return(scratch!);
            }
        }
    }

    private const int ParallelThreshold = 50_000;

    private TrustSnapshot EmptySnapshot(double t0)
    {
        var empty = TrustSums.Empty;
        return TrustEvaluator.Snapshot(empty, empty, t0, _p);
    }

    /// <summary>Checks every rep index and tells whether the events are grouped by rep in ascending rep order.</summary>
    private static bool CheckGrouped(ReadOnlySpan<TrustEvent> events, int repCount)
    {
        var grouped = true;
        var previous = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var r = events[i].RepIndex;
            if ((uint)r >= (uint)repCount)
            {
                throw new ArgumentException($"events[{i}].RepIndex is {r}, outside 0..{repCount - 1} (results has {repCount} slots).", nameof(events));
            }

            if (r < previous)
            {
                grouped = false;
            }

            previous = r;
        }

        return grouped;
    }

    /// <summary>Counting sort by rep into pooled scratch (stable, so time order within a rep survives). The caller returns both arrays.</summary>
    private static (int[] Starts, TrustEvent[] Scratch) GroupByRep(ReadOnlySpan<TrustEvent> events, int repCount)
    {
        var starts = ArrayPool<int>.Shared.Rent(repCount + 1);
        var scratch = ArrayPool<TrustEvent>.Shared.Rent(events.Length);
        Array.Clear(starts, 0, repCount + 1);
        foreach (ref readonly var e in events)
        {
            starts[e.RepIndex + 1]++;
        }

        for (var r = 0; r < repCount; r++)
        {
            starts[r + 1] += starts[r];
        }

        foreach (ref readonly var e in events)
        {
            scratch[starts[e.RepIndex]++] = e;
        }

        return (starts, scratch);
    }

    /// <summary>The index of the first event of rep <paramref name="rep"/> or later in events grouped by ascending rep.</summary>
    private static int FirstEventOf(ReadOnlySpan<TrustEvent> events, int rep)
    {
        int lo = 0, hi = events.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (events[mid].RepIndex < rep)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Scores reps lo..hi−1 from events grouped by ascending rep, starting at event index <paramref name="start"/>.</summary>
    private void ScoreGrouped(
        ReadOnlySpan<TrustEvent> events, int start, int lo, int hi, double t0, Span<TrustSnapshot> results, in TrustSnapshot empty, TrustEvent[]? owned)
    {
        for (var rep = lo; rep < hi; rep++)
        {
            var end = start;
            while (end < events.Length && events[end].RepIndex == rep)
            {
                end++;
            }

            results[rep] = end == start ? empty : ScoreGroup(events[start..end], t0, owned);
            start = end;
        }
    }

    /// <summary>Creates an empty incremental state for a rep.</summary>
    /// <param name="repId">The rep.</param>
    /// <returns>The state.</returns>
    public RepTrustState CreateState(RepId repId) => new(repId, _p);

    /// <summary>
    /// Restores a state saved with <see cref="RepTrustState.ToBytes"/>. The bytes are checked (settled point, sums, ascending active
    /// days, event kinds, lengths, nothing trailing) so a damaged blob is refused rather than scored wrongly. A state saved under
    /// another <see cref="TrustScoringOptions.EvidencePerFactor"/> keeps the newest evidence ids of each factor that fit.
    /// </summary>
    /// <param name="data">The saved bytes.</param>
    /// <returns>The state.</returns>
    /// <exception cref="TrustStateException">The bytes are corrupt (the reason names what and where, and the rep once read), of another format, or were built under different decay options.</exception>
    public RepTrustState RestoreState(ReadOnlySpan<byte> data) => RepTrustState.Read(data, _p);

    /// <summary>Scores an incremental state, with an explanation.</summary>
    /// <param name="state">The state.</param>
    /// <param name="asOf">The instant; no earlier than the state's settled point plus the trend window.</param>
    /// <returns>The score.</returns>
    public TrustScore Score(RepTrustState state, DateTimeOffset asOf)
    {
        var t0 = Check(state, asOf);
        state.ComputeSums(t0, out var cur, out var lag);
        return Build(state.RepId, asOf, cur, lag, t0, state.Evidence(t0));
    }

    /// <summary>Scores an incremental state without building the explanation.</summary>
    /// <param name="state">The state.</param>
    /// <param name="asOf">The instant; no earlier than the state's settled point plus the trend window.</param>
    /// <returns>The snapshot.</returns>
    public TrustSnapshot Snapshot(RepTrustState state, DateTimeOffset asOf)
    {
        var t0 = Check(state, asOf);
        state.ComputeSums(t0, out var cur, out var lag);
        return TrustEvaluator.Snapshot(cur, lag, t0, _p);
    }

    /// <summary>
    /// The median reply latency of reps over some events: a population reference for
    /// <see cref="TrustScoringOptions.ReferenceReplyLatency"/>.
    /// </summary>
    /// <param name="events">Events.</param>
    /// <returns>The median, or <see langword="null"/> when there are no rep replies.</returns>
    public static TimeSpan? MedianReplyLatency(ReadOnlySpan<TrustEvent> events)
    {
        var latencies = new List<double>();
        foreach (ref readonly var e in events)
        {
            if (e.IsRepReply)
            {
                latencies.Add(e.LatencyHours);
            }
        }

        if (latencies.Count == 0)
        {
            return null;
        }

        latencies.Sort();
        var n = latencies.Count;
        var median = n % 2 == 1 ? latencies[n / 2] : (latencies[(n / 2) - 1] + latencies[n / 2]) / 2;
        return TimeSpan.FromHours(median);
    }

    private double Check(RepTrustState state, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Parameters.Fingerprint != _p.Fingerprint)
        {
            throw new ArgumentException($"The state of rep {state.RepId} was created under different scoring options.", nameof(state));
        }

        return TrustEvent.ToEventTime(asOf);
    }

    private TrustSnapshot ScoreGroup(ReadOnlySpan<TrustEvent> group, double t0, TrustEvent[]? owned)
    {
        var sorted = true;
        for (var i = 1; i < group.Length; i++)
        {
            if (TrustEventSet.TimeOrder.Cmp(group[i - 1], group[i]) > 0)
            {
                sorted = false;
                break;
            }
        }

        TrustSums cur, lag;
        if (sorted)
        {
            SumsOfSorted(group, t0, out cur, out lag);
        }
        else if (owned is not null)
        {
            // The group lives in our scratch array: sort it in place.
            var span = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(group), group.Length);
            span.Sort(new TrustEventSet.TimeOrder());
            SumsOfSorted(span, t0, out cur, out lag);
        }
        else
        {
            var copy = ArrayPool<TrustEvent>.Shared.Rent(group.Length);
            try
            {
                var span = copy.AsSpan(0, group.Length);
                group.CopyTo(span);
                span.Sort(new TrustEventSet.TimeOrder());
                SumsOfSorted(span, t0, out cur, out lag);
            }
            finally
            {
                ArrayPool<TrustEvent>.Shared.Return(copy);
            }
        }

        return TrustEvaluator.Snapshot(cur, lag, t0, _p);
    }

    /// <summary>Sums of one rep's events, sorted by time.</summary>
    private void SumsOfSorted(ReadOnlySpan<TrustEvent> events, double t0, out TrustSums cur, out TrustSums lag)
    {
        cur = TrustSums.Empty;
        lag = TrustSums.Empty;
        var previousDay = int.MinValue;
        var p = _p;
        foreach (ref readonly var e in events)
        {
            if (!(e.Time <= t0))
            {
                break; // sorted: everything after is later
            }

            TrustKernel.Add(ref cur, ref lag, e, t0, p, true);
            if (e.Kind == TrustEventKind.Interaction)
            {
                var day = p.DayOf(e.Time);
                if (day != previousDay)
                {
                    TrustKernel.AddDay(ref cur, ref lag, day, e.Time, t0, p, true);
                    previousDay = day;
                }
            }
        }
    }

    private TrustScore Build(RepId repId, DateTimeOffset asOf, in TrustSums cur, in TrustSums lag, double t0, IReadOnlyList<string>[] evidence)
    {
        var snap = TrustEvaluator.Snapshot(cur, lag, t0, _p);
        var factors = new TrustFactor[TrustEvidence.FactorCount];
        for (var f = 0; f < factors.Length; f++)
        {
            var kind = (TrustFactorKind)f;
            factors[f] = new TrustFactor(kind, snap.FactorValue(kind), _p.Weights[f], TrustEvaluator.Effective(cur, f), evidence[f]) { Prior = Options.PriorMean };
        }

        return new TrustScore
        {
            RepId = repId,
            AsOf = asOf,
            Value = snap.Value,
            Rank = snap.Rank,
            Confidence = snap.Confidence,
            Trend = snap.Trend,
            Factors = factors,
            Tendencies = snap.Tendencies,
            FollowUpPriority = snap.FollowUpPriority,
            InteractionCount = snap.InteractionCount,
            LastContactAt = snap.LastContactAt,
        };
    }
}
