using System.Buffers;

namespace PartnerKarte.Scoring;

// The nightly batch API: a night's events grouped by rep (radix sort), each touched state visited once.
public sealed partial class TrustScorer
{
    /// <summary>
    /// A nightly incremental run in one call: applies new events to the states of their reps, scores every touched
    /// rep at <paramref name="asOf"/> and advances its state to <paramref name="asOf"/>. The same result (to rounding, far
    /// within 1e-9) as <see cref="RepTrustState.Apply"/> for each event, then <see cref="Snapshot"/> and <see cref="RepTrustState.Advance"/>
    /// for each touched state — but events are grouped by rep first (a stable radix sort), so each state is visited
    /// once, in rep order, which is what makes a night of 10,000 events over 100,000 states fast.
    /// </summary>
    /// <param name="states">The states, indexed by <see cref="TrustEvent.RepIndex"/> (only those of touched reps are read).</param>
    /// <param name="events">The new events, any order; a rep's events are applied in the order given.</param>
    /// <param name="ids">The source record id of each event (same length as <paramref name="events"/>).</param>
    /// <param name="asOf">The instant of the run; no earlier than any touched state's settled point plus the trend window.</param>
    /// <param name="touchedReps">Receives the rep index of each touched rep, ascending. Needs room for one per distinct rep (<c>events.Length</c> is always enough).</param>
    /// <param name="snapshots">Receives the snapshot of each touched rep, parallel to <paramref name="touchedReps"/>.</param>
    /// <returns>The number of touched reps written to <paramref name="touchedReps"/> and <paramref name="snapshots"/>.</returns>
    /// <exception cref="ArgumentException">
    /// A length does not match, an event's rep index is out of range or an id is null (checked before any state changes); or, found
    /// when the rep is reached, its state is missing or was created under other options, or <paramref name="asOf"/> is before its
    /// settled point plus the trend window (<see cref="ArgumentOutOfRangeException"/>): reps with a lower index are then already
    /// updated, the failing rep and those after it are not.
    /// </exception>
    public int ApplyAndSnapshot(
        ReadOnlySpan<RepTrustState> states, ReadOnlySpan<TrustEvent> events, ReadOnlySpan<string> ids, DateTimeOffset asOf,
        Span<int> touchedReps, Span<TrustSnapshot> snapshots)
    {
        var t0 = TrustEvent.ToEventTime(asOf);
        var batch = PrepareBatch(states.Length, events, ids, touchedReps, snapshots);
        try
        {
            ApplyGroups(states, batch.Keys, events, ids, 0, touchedReps[..batch.Distinct], snapshots[..batch.Distinct], t0);
            return batch.Distinct;
        }
        finally
        {
            batch.Return();
        }
    }

    /// <summary>
    /// <see cref="ApplyAndSnapshot"/> on several threads: the touched reps (in rep order) are split into ranges processed
    /// independently, so the results are identical to the single-threaded call.
    /// </summary>
    /// <param name="states">The states, indexed by <see cref="TrustEvent.RepIndex"/>.</param>
    /// <param name="events">The new events, any order.</param>
    /// <param name="ids">The source record id of each event.</param>
    /// <param name="asOf">The instant of the run.</param>
    /// <param name="touchedReps">Receives the touched rep indices, ascending.</param>
    /// <param name="snapshots">Receives the snapshot of each touched rep.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use at most; 0 or less for <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The number of touched reps.</returns>
    /// <exception cref="ArgumentException">As for <see cref="ApplyAndSnapshot"/>; when a state fails, other ranges may already be updated.</exception>
    public int ApplyAndSnapshotParallel(
        ReadOnlyMemory<RepTrustState> states, ReadOnlyMemory<TrustEvent> events, ReadOnlyMemory<string> ids, DateTimeOffset asOf,
        Memory<int> touchedReps, Memory<TrustSnapshot> snapshots, int maxDegreeOfParallelism = 0)
    {
        var dop = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        if (dop == 1 || events.Length < ParallelBatchThreshold)
        {
            return ApplyAndSnapshot(states.Span, events.Span, ids.Span, asOf, touchedReps.Span, snapshots.Span);
        }

        var t0 = TrustEvent.ToEventTime(asOf);
        var batch = PrepareBatch(states.Length, events.Span, ids.Span, touchedReps.Span, snapshots.Span);
        var distinct = batch.Distinct;
        try
        {
            // A few ranges per thread, so a range of busy reps does not leave a core idle at the end.
            var ranges = Math.Min(distinct, dop * 4);
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = dop }, range =>
            {
                var lo = (int)((long)distinct * range / ranges);
                var hi = (int)((long)distinct * (range + 1) / ranges);
                var touched = touchedReps.Span;
                var first = FirstKeyOf(batch.Keys, touched[lo]);
                ApplyGroups(states.Span, batch.Keys, events.Span, ids.Span, first, touched[lo..hi], snapshots.Span[lo..hi], t0);
            });
            return distinct;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Same exceptions as the single-threaded call (the first one seen).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            throw;
        }
        finally
        {
            batch.Return();
        }
    }

    private const int ParallelBatchThreshold = 2_000;
    private const int RadixBits = 11;
    private const int PrefetchDistance = 16;
    private const int ReferencedPrefetchDistance = 8;

    /// <summary>Validates the batch, groups it by rep and fills <paramref name="touchedReps"/>. The caller returns the pooled arrays (<see cref="SortedBatch.Return"/>).</summary>
    private static SortedBatch PrepareBatch(
        int repCount, ReadOnlySpan<TrustEvent> events, ReadOnlySpan<string> ids, Span<int> touchedReps, Span<TrustSnapshot> snapshots)
    {
        if (ids.Length != events.Length)
        {
            throw new ArgumentException($"ids has {ids.Length} entries for {events.Length} events.", nameof(ids));
        }

        var keys = ArrayPool<long>.Shared.Rent(events.Length);
        var scratch = ArrayPool<long>.Shared.Rent(events.Length);
        try
        {
            var swapped = SortByRep(events, ids, repCount, keys.AsSpan(0, events.Length), scratch.AsSpan(0, events.Length));
            var (sorted, spare) = swapped ? (scratch, keys) : (keys, scratch);
            var distinct = 0;
            var previous = -1L;
            foreach (var key in sorted.AsSpan(0, events.Length))
            {
                if (key >> 32 != previous)
                {
                    distinct++;
                    previous = key >> 32;
                }
            }

            if (touchedReps.Length < distinct || snapshots.Length < distinct)
            {
                throw new ArgumentException(
                    $"The events touch {distinct} reps, but touchedReps has room for {touchedReps.Length} and snapshots for {snapshots.Length}.", nameof(snapshots));
            }

            distinct = 0;
            previous = -1L;
            foreach (var key in sorted.AsSpan(0, events.Length))
            {
                if (key >> 32 != previous)
                {
                    previous = key >> 32;
                    touchedReps[distinct++] = (int)previous;
                }
            }

            ArrayPool<long>.Shared.Return(spare);
            return new SortedBatch(sorted, events.Length, distinct);
        }
        catch
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<long>.Shared.Return(scratch);
            throw;
        }
    }

    /// <summary>The index of the first key of rep <paramref name="rep"/> in keys sorted by rep.</summary>
    private static int FirstKeyOf(ReadOnlySpan<long> keys, int rep)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if ((int)(keys[mid] >> 32) < rep)
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

    /// <summary>
    /// Applies, scores and advances the touched reps <paramref name="touched"/>, whose events start at index <paramref name="i"/>
    /// of the rep-ordered <paramref name="sorted"/> keys and the events and ids in that order.
    /// </summary>
    private void ApplyGroups(
        ReadOnlySpan<RepTrustState> states, ReadOnlySpan<long> sorted, ReadOnlySpan<TrustEvent> events, ReadOnlySpan<string> ids, int i,
        ReadOnlySpan<int> touched, Span<TrustSnapshot> snapshots, double t0)
    {
        for (var g = 0; g < Math.Min(PrefetchDistance, touched.Length); g++)
        {
            PrefetchState(states[touched[g]]);
        }

        for (var g = 0; g < Math.Min(ReferencedPrefetchDistance, touched.Length); g++)
        {
            states[touched[g]]?.PrefetchReferenced(t0);
        }

        // Snapshots are evaluated four reps at a time (SnapshotBlock): visit g leaves its sums in lane g % 4.
        var block = default(SnapshotBlock);
        var blocked = SnapshotBlock.IsAccelerated;
        var ahead = i; // the next sorted position whose event and id are to be prefetched
        for (var g = 0; g < touched.Length; g++)
        {
            // The events are read where the caller put them (a random order by rep): name the lines of the events of the
            // rep a few visits ahead, so their loads (and page walks) overlap with this visit rather than stall it.
            var aheadRep = touched[Math.Min(g + ReferencedPrefetchDistance, touched.Length - 1)];
            while (ahead < sorted.Length && (int)(sorted[ahead] >> 32) <= aheadRep)
            {
                PrefetchEvent(events, ids, (int)sorted[ahead]);
                ahead++;
            }

            // Memory, not arithmetic, bounds this loop: start loading a state a few reps ahead while this one is worked on,
            // and, once its object has arrived, the arrays it points at.
            if (g + PrefetchDistance < touched.Length)
            {
                PrefetchState(states[touched[g + PrefetchDistance]]);
            }

            if (g + ReferencedPrefetchDistance < touched.Length)
            {
                states[touched[g + ReferencedPrefetchDistance]]?.PrefetchReferenced(t0);
            }

            var rep = touched[g];

            // Checked here rather than in the first pass, which would touch every state once more (a cache miss each).
            var state = states[rep] ?? ThrowNullState(rep, (int)sorted[i]);
            if (!ReferenceEquals(state.Parameters, _p) && state.Parameters.Fingerprint != _p.Fingerprint)
            {
                ThrowOtherOptions(state);
            }

            state.EnsureScorableAt(t0);
            do
            {
                var index = (int)sorted[i];
                state.Apply(events[index], ids[index]);
                i++;
            }
            while (i < sorted.Length && (int)(sorted[i] >> 32) == rep);

            // Advancing first gives the same numbers (settling is exact) and leaves fewer pending events to evaluate.
            state.AdvanceTo(t0);
            if (!blocked)
            {
                state.ComputeSums(t0, out var cur, out var lag);
                snapshots[g] = TrustEvaluator.Snapshot(cur, lag, t0, _p);
                continue;
            }

            var lane = g & (SnapshotBlock.Width - 1);
            state.ComputeSums(t0, out block.Cur(lane), out block.Lag(lane));
            if (lane == SnapshotBlock.Width - 1)
            {
                block.Evaluate(SnapshotBlock.Width, t0, _p, snapshots.Slice(g - lane, SnapshotBlock.Width));
            }
        }

        var rest = touched.Length & (SnapshotBlock.Width - 1);
        if (blocked && rest != 0)
        {
            block.Evaluate(rest, t0, _p, snapshots[(touched.Length - rest)..]);
        }
    }

    /// <summary>A batch grouped by rep: the sorted keys (rep &lt;&lt; 32 | original index), pooled.</summary>
    private readonly struct SortedBatch(long[] keys, int length, int distinct)
    {
        public ReadOnlySpan<long> Keys => keys.AsSpan(0, length);

        /// <summary>The number of distinct reps.</summary>
        public int Distinct => distinct;

        public void Return() => ArrayPool<long>.Shared.Return(keys);
    }

    // Out of line: string building inside the batch loop would weigh on the loop's code (it did for EnsureScorableAt).
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static RepTrustState ThrowNullState(int rep, int eventIndex) =>
        throw new ArgumentException($"states[{rep}] is null (the rep of events[{eventIndex}]).", "states");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowOtherOptions(RepTrustState state) =>
        throw new ArgumentException($"The state of rep {state.RepId} was created under different scoring options.", "states");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchEvent(ReadOnlySpan<TrustEvent> events, ReadOnlySpan<string> ids, int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            // Addresses as hints only: if the arrays move meanwhile, a prefetch is wasted, nothing else.
            var e = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.CompilerServices.Unsafe.AsRef(in events[index]));
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(e);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(e + (sizeof(TrustEvent) - 1));
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.CompilerServices.Unsafe.AsRef(in ids[index])));
        }
    }

    private static void PrefetchState(RepTrustState? state)
    {
        if (state is not null)
        {
            RepTrustState.Prefetch(state);
        }
    }

    /// <summary>
    /// Validates the batch and sorts (rep index &lt;&lt; 32 | event index) keys by rep: an LSD radix sort, 11 bits a pass
    /// (two passes up to 4 million reps), stable, so a rep's events keep their order. Returns whether the result ended in
    /// <paramref name="scratch"/> (an odd number of passes) rather than in <paramref name="keys"/>.
    /// </summary>
    private static bool SortByRep(ReadOnlySpan<TrustEvent> events, ReadOnlySpan<string> ids, int repCount, Span<long> keys, Span<long> scratch)
    {
        var maxRep = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var r = events[i].RepIndex;
            if ((uint)r >= (uint)repCount)
            {
                throw new ArgumentException($"events[{i}].RepIndex is {r}, outside 0..{repCount - 1} (states has {repCount} entries).", nameof(events));
            }

            if (ids[i] is null)
            {
                throw new ArgumentException($"ids[{i}] is null.", nameof(ids));
            }

            keys[i] = ((long)r << 32) | (uint)i;
            maxRep = Math.Max(maxRep, r);
        }

        Span<int> counts = stackalloc int[1 << RadixBits];
        var swapped = false;
        for (var shift = 0; shift < 31 && maxRep >> shift != 0; shift += RadixBits)
        {
            counts.Clear();
            foreach (var key in keys)
            {
                counts[(int)(key >> (32 + shift)) & ((1 << RadixBits) - 1)]++;
            }

            var sum = 0;
            for (var b = 0; b < counts.Length; b++)
            {
                var c = counts[b];
                counts[b] = sum;
                sum += c;
            }

            foreach (var key in keys)
            {
                scratch[counts[(int)(key >> (32 + shift)) & ((1 << RadixBits) - 1)]++] = key;
            }

            var swap = keys;
            keys = scratch;
            scratch = swap;
            swapped = !swapped;
        }

        return swapped;
    }
}
