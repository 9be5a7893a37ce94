using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PartnerKarte.Scoring;

// Software prefetching for the nightly batch (TrustScorer.ApplyGroups). A steady-state night touches about 10,000 of
// 100,000 states, each far from the last in memory. Measured on the project's 2-core VM: a dependent load of a random
// line in a 512 MB heap takes ~330 ns and prefetched ones still ~55–70 ns each, because each new 4 KB page needs a page
// walk (two-level under virtualisation) and walks barely overlap; within 16 MB, ~10 ns. So a visit should touch few
// pages (the state allocates its evidence table and day list with itself, and keeps the newest days inline: see
// DayList) and the prefetches name the lines it will use — not the whole object, not the whole evidence table.
public sealed partial class RepTrustState
{
    // Field offsets from the object's first field, measured once (the runtime chooses the layout). Hints only: a wrong
    // address costs a wasted prefetch, never a fault.
    private static readonly int InlineOffset = FieldOffset(static s => ref Unsafe.As<PendingBuffer, byte>(ref s._inline));
    private static readonly int HeadsOffset = FieldOffset(static s => ref Unsafe.As<EvidenceHeads, byte>(ref s._evidenceHeads));
    private static readonly int DaysOffset = FieldOffset(static s => ref Unsafe.As<DayList, byte>(ref s._days));

    /// <summary>Bytes from an array reference to its first element (method table and length, padded).</summary>
    private static readonly nint ArrayDataOffset = MeasureArrayDataOffset();

    private delegate ref byte FieldOf(RepTrustState state);

    /// <summary>
    /// The first prefetch stage: asks the CPU to start loading the part of a state's object every visit uses — the
    /// header, the scalar fields, the settled sums and the first pending slot. Takes the object's address without
    /// dereferencing it (a field access would be a demand load, the very stall to avoid).
    /// </summary>
    /// <param name="state">The state (not null).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Prefetch(RepTrustState state)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var data = FirstFieldOf(state);
        PrefetchSpan(data - (2 * sizeof(nint)), (2 * sizeof(nint)) + InlineOffset + Unsafe.SizeOf<Pending>());
    }

    /// <summary>
    /// The second prefetch stage, a few reps after <see cref="Prefetch"/> (so the object's fields are in cache): the
    /// further pending slots the visit reads or fills, and — only when advancing to <paramref name="t0"/> will settle an
    /// event — the lines settling writes: the evidence ring heads, the evidence entries of the settling event's factors,
    /// the inline newest days and, when that tail is full, the end of the day array. Array lengths are prefetched too:
    /// bounds checks read them.
    /// </summary>
    /// <param name="t0">The instant the batch advances the state to.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal unsafe void PrefetchReferenced(double t0)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var data = FirstFieldOf(this);
        var length = _pendingLength;
        if (_spill is { } spill)
        {
            var first = DataOf(spill);
            Sse.Prefetch0(first - sizeof(nint));
            PrefetchSpan(first, (length + 1) * Unsafe.SizeOf<Pending>()); // not spill.Length: a demand load; past the end is only a wasted hint
        }
        else if (length > 0)
        {
            // Slot 0 came with the object; the slots after it up to the one the next event goes to.
            var used = Math.Min(length + 1, InlinePending);
            PrefetchSpan(data + InlineOffset + Unsafe.SizeOf<Pending>(), (used - 1) * Unsafe.SizeOf<Pending>());
        }

        var target = t0 - _p.Window;
        if (!(_nextFinal <= target))
        {
            return;
        }

        Sse.Prefetch0(data + HeadsOffset);
        PrefetchSpan(data + DaysOffset, Unsafe.SizeOf<DayList>()); // the inline newest days
        if (_evidence is { } evidence)
        {
            var first = DataOf(evidence);
            Sse.Prefetch0(first - sizeof(nint));
            var k = _p.EvidencePerFactor;
            if (_spill is null && length == 1)
            {
                // The common case: one pending event, the one settling. Newer than every entry (settling runs forward),
                // it becomes the new head of each of its factors' rings.
                var mask = k == 0 ? 0 : TrustEvidence.Mask(_inline[0].Event, _p);
                while (mask != 0)
                {
                    var f = System.Numerics.BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    var head = _evidenceHeads[f] - 1;
                    Sse.Prefetch0(first + (((f * k) + (head < 0 ? head + k : head)) * Unsafe.SizeOf<EvidenceEntry>()));
                }
            }
            else
            {
                PrefetchSpan(first, TrustEvidence.FactorCount * k * Unsafe.SizeOf<EvidenceEntry>()); // not evidence.Length: a demand load
            }
        }

        if (_days.TailFull)
        {
            // The next new day moves the inline tail to the end of the array: its length and the lines it writes.
            var days = DataOf(_days.Array);
            Sse.Prefetch0(days - sizeof(nint));
            PrefetchSpan(days + (_days.ArrayLength * sizeof(DayCount)), DayList.TailCapacity * sizeof(DayCount));
        }
    }

    /// <summary>Prefetches every line of [<paramref name="start"/>, <paramref name="start"/> + <paramref name="bytes"/>), at most 1 KB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchSpan(byte* start, int bytes)
    {
        var end = start + Math.Min(bytes, 1024);
        for (var line = (byte*)((nint)start & ~63); line < end; line += 64)
        {
            Sse.Prefetch0(line);
        }
    }

    /// <summary>The address of an object's first field, from the reference alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe byte* FirstFieldOf(RepTrustState state) => (byte*)Unsafe.As<RepTrustState, nint>(ref state) + sizeof(nint);

    /// <summary>The address of an array's first element, from the reference alone (reading through it would null-check with a load).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe byte* DataOf<T>(T[] array) => (byte*)Unsafe.As<T[], nint>(ref array) + ArrayDataOffset;

    private static unsafe nint MeasureArrayDataOffset()
    {
        var probe = new long[1];
        fixed (long* first = probe)
        {
            return (nint)((byte*)first - (byte*)Unsafe.As<long[], nint>(ref probe));
        }
    }

    private static unsafe int FieldOffset(FieldOf field)
    {
        var probe = new RepTrustState(default, null!);
        return (int)Unsafe.ByteOffset(ref Unsafe.As<RawObject>(probe).FirstField, ref field(probe));
    }

    /// <summary>Any object seen as its first field's byte: the runtime lays every object's fields out after the same header.</summary>
    private sealed class RawObject
    {
#pragma warning disable CS0649 // never written: only its address is taken
        public byte FirstField;
#pragma warning restore CS0649
    }
}
