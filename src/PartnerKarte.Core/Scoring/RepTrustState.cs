using System.Runtime.CompilerServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// The incremental trust state of one rep: decayed accumulators so a nightly run applies only new events
/// (O(new events)) and still gets the full-recomputation result (to rounding, well within 1e-9).
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> Events whose contribution can no longer change are <i>settled</i> into sums anchored at
/// <see cref="SettledThrough"/> (= last <see cref="Advance"/> instant − <see cref="TrustScoringOptions.TrendWindow"/>):
/// each sum is Σ x·exp(−λ·(anchor − τ)), so moving the anchor multiplies it by exp(−λ·Δ), exactly. Events that can still
/// change by themselves — inside the trend window (the trend needs the score a window ago), or a next action done or
/// due later, or overdue for less than <see cref="TrustScoringOptions.OverdueActionHorizon"/> — stay <i>pending</i> as compact
/// <see cref="TrustEvent"/>s and are evaluated at scoring time. An action still open beyond that horizon is a stale, missed
/// action whose weight only decays, and an open proposal adds nothing until it closes, so both settle like any other
/// event: pending events are bounded by the window and the horizon, and scoring is O(pending events), independent of
/// history length.</para>
/// <para><b>Late events.</b> <see cref="Apply"/> accepts events in any order: one older than the settled point is
/// added to the settled sums at its own (decayed) weight, which is what a full recomputation does.</para>
/// <para><b>Updates</b> (a next action done later, a reaction corrected, a proposal won): because every sum is linear,
/// an update is <see cref="Retract"/> of the previous version followed by <see cref="Apply"/> of the new one
/// (<see cref="Update"/>). While an event is pending, <see cref="TryReplacePending"/> needs no previous version; once
/// settled (a stale action done at last, a proposal won months after it was opened) pass the version applied before —
/// the same record still open. Retracting does not lower <c>LastContactAt</c> or move the first-contact time used for the inquiry rate.</para>
/// <para><b>Persistence.</b> <see cref="ToBytes"/> / <see cref="TrustScorer.RestoreState"/> give a versioned binary
/// blob (doubles, the pending events and the evidence ids) tagged with a fingerprint of the options that shape it;
/// restoring under different decay options throws <see cref="TrustStateException"/> — rebuild from history then.
/// Not thread-safe: one writer at a time.</para>
/// </remarks>
public sealed partial class RepTrustState
{
    private const int Magic = 0x53544B50; // "PKTS"
    private const byte FormatVersion = 1;
    private const int InlinePending = 4;
    private const int InitialDays = 16;

    private readonly TrustParameters _p;
    private double _anchor = double.NegativeInfinity;
    private TrustSums _settled = TrustSums.Empty;
    private DayList _days = new(0); // settled active days (see DayList)
    // Pending events live inside the object while there are few (the common case: a nightly apply and a snapshot
    // then touch one contiguous block, not a separate array somewhere else in the heap); beyond that, in _spill.
    private PendingBuffer _inline;
    private Pending[]? _spill;
    private int _pendingLength;
    private double _nextFinal = double.PositiveInfinity; // ≤ the earliest FinalTime of a pending event, so most advances skip the pending scan
    private EvidenceEntry[]? _evidence; // k newest per factor, a ring per factor (see EvidenceSlot); null when k = 0
    private EvidenceHeads _evidenceHeads; // per factor, the slot of its newest entry

    internal RepTrustState(RepId repId, TrustParameters parameters)
    {
        RepId = repId;
        _p = parameters;

        // Allocated with the object rather than on first use: consecutive allocations sit side by side (and the GC keeps
        // their order when it compacts), so a nightly visit finds the object, its evidence table and its day list on one
        // or two memory pages instead of three — each page not in the TLB costs a page walk.
        if (parameters is not null) // null only for the layout probe of RepTrustState.Prefetch.cs
        {
            _evidence = parameters.EvidencePerFactor > 0 ? new EvidenceEntry[TrustEvidence.FactorCount * parameters.EvidencePerFactor] : null;
            _days = new DayList(InitialDays);
        }
    }

    /// <summary>The rep.</summary>
    public RepId RepId { get; }

    /// <summary>The settled point: events final before it are folded into the sums; <see langword="null"/> before the first <see cref="Advance"/>.</summary>
    public DateTimeOffset? SettledThrough => double.IsNegativeInfinity(_anchor) ? null : TrustEvent.FromEventTime(_anchor);

    /// <summary>Events kept individually because their contribution can still change.</summary>
    public int PendingCount => _pendingLength;

    /// <summary>Distinct active contact days held for settled events (needed so a late event on a known day is not counted twice).</summary>
    public int SettledDayCount => _days.Count;

    internal TrustParameters Parameters => _p;

    /// <summary>Adds an event. Order does not matter; applying the same event twice counts it twice.</summary>
    /// <param name="trustEvent">The event (its <see cref="TrustEvent.RepIndex"/> is ignored).</param>
    /// <param name="id">The source record's id, used for evidence and to find the event on update.</param>
    public void Apply(in TrustEvent trustEvent, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var finalTime = trustEvent.FinalTime(_p.OverdueHorizon);
        if (finalTime <= _anchor)
        {
            Settle(trustEvent, 1);
            AddEvidence(trustEvent, id);
        }
        else
        {
            // Pending events are evidence candidates straight from the pending list (see Evidence), so a nightly
            // apply touches only the pending array, not the evidence table.
            Push(trustEvent, id, finalTime);
        }
    }

    /// <summary>Removes an event applied before. Pass the version that was applied (only its id is needed while it is pending).</summary>
    /// <param name="previous">The version applied before.</param>
    /// <param name="id">Its id.</param>
    /// <returns><see langword="false"/> when the event cannot have been applied (not pending and not yet final).</returns>
    public bool Retract(in TrustEvent previous, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var i = FindPending(id);
        if (i >= 0)
        {
            RemovePendingAt(i);
            return true;
        }

        if (previous.FinalTime(_p.OverdueHorizon) <= _anchor)
        {
            RemoveEvidence(id);
            Settle(previous, -1);
            return true;
        }

        return false;
    }

    /// <summary>Replaces a changed event: <see cref="Retract"/> the previous version, then <see cref="Apply"/> the current one.</summary>
    /// <param name="previous">The version applied before.</param>
    /// <param name="current">The new version.</param>
    /// <param name="id">The record's id.</param>
    public void Update(in TrustEvent previous, in TrustEvent current, string id)
    {
        Retract(previous, id);
        Apply(current, id);
    }

    /// <summary>
    /// Replaces a pending event by id without its previous version: possible for events inside the trend window and for
    /// next actions done or due later, or overdue for less than <see cref="TrustScoringOptions.OverdueActionHorizon"/>.
    /// </summary>
    /// <param name="id">The record's id.</param>
    /// <param name="current">The new version.</param>
    /// <returns><see langword="false"/> (and no change) when no pending event has this id; then use <see cref="Update"/>.</returns>
    public bool TryReplacePending(string id, in TrustEvent current)
    {
        ArgumentNullException.ThrowIfNull(id);
        var i = FindPending(id);
        if (i < 0)
        {
            return false;
        }

        RemovePendingAt(i);
        Apply(current, id);
        return true;
    }

    /// <summary>Moves the settled point to <paramref name="asOf"/> − trend window, folding events that became final. Never moves backwards.</summary>
    /// <param name="asOf">The instant of the run.</param>
    public void Advance(DateTimeOffset asOf) => AdvanceTo(TrustEvent.ToEventTime(asOf));

    internal void AdvanceTo(double t0)
    {
        var target = t0 - _p.Window;
        if (!(target > _anchor))
        {
            return;
        }

        if (!double.IsNegativeInfinity(_anchor))
        {
            _settled.Decay(_p, target - _anchor);
        }

        _anchor = target;
        if (_nextFinal > target)
        {
            return;
        }

        var i = 0;
        var next = double.PositiveInfinity;
        while (i < _pendingLength)
        {
            ref readonly var pending = ref PendingAt(i);
            var final = pending.Event.FinalTime(_p.OverdueHorizon);
            if (final <= _anchor)
            {
                Settle(pending.Event, 1);
                AddEvidence(pending.Event, pending.Id);
                RemovePendingAt(i);
            }
            else
            {
                next = Math.Min(next, final);
                i++;
            }
        }

        _nextFinal = next;
    }

    /// <summary>Throws unless the state can be scored at <paramref name="t0"/> (not before its settled point plus the window).</summary>
    internal void EnsureScorableAt(double t0)
    {
        if (t0 - _p.Window < _anchor - 1e-9)
        {
            ThrowNotScorableAt(t0); // out of line, so this check inlines into the batch loop
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowNotScorableAt(double t0) =>
        throw new ArgumentOutOfRangeException(
            "asOf", TrustEvent.FromEventTime(t0), $"Rep {RepId}: cannot score before the state's settled point plus the trend window ({TrustEvent.FromEventTime(_anchor + _p.Window):O}); states only move forward.");

    /// <summary>Sums as of <paramref name="t0"/> and as of <paramref name="t0"/> − window.</summary>
    internal void ComputeSums(double t0, out TrustSums cur, out TrustSums lag)
    {
        EnsureScorableAt(t0);
        if (double.IsNegativeInfinity(_anchor))
        {
            cur = _settled;
            lag = _settled;
        }
        else
        {
            _settled.DecayTo(_p, t0 - _anchor, out cur, out lag);
        }

        ReadOnlySpan<Pending> pending = PendingSpan;
        // A fixed buffer rather than stackalloc: a method with stackalloc and a loop is compiled once, fully optimised but
        // without profile data (no on-stack replacement for it); this one tiers up with it like the rest of the batch.
        var buffer = default(DayTimeBuffer);
        Span<DayTime> days = pending.Length <= DayTimeBuffer.Length ? ((Span<DayTime>)buffer)[..pending.Length] : new DayTime[pending.Length];
        var n = 0;
        foreach (ref readonly var item in pending)
        {
            ref readonly var e = ref item.Event;
            TrustKernel.Add(ref cur, ref lag, e, t0, _p, true);
            if (e.Kind == TrustEventKind.Interaction && e.Time <= t0 && !item.DaySettled)
            {
                days[n++] = new DayTime(item.Day, e.Time);
            }
        }

        if (n == 0)
        {
            return;
        }

        // Active days of pending interactions not already counted by the settled sums, each once at its first contact.
        if (n <= 16)
        {
            // A handful: merge equal days in place (first contact = earliest time) rather than sort.
            var distinct = 0;
            for (var i = 0; i < n; i++)
            {
                var j = 0;
                while (j < distinct && days[j].Day != days[i].Day)
                {
                    j++;
                }

                if (j == distinct)
                {
                    days[distinct++] = days[i];
                }
                else if (days[i].Time < days[j].Time)
                {
                    days[j] = days[i];
                }
            }

            for (var i = 0; i < distinct; i++)
            {
                TrustKernel.AddDay(ref cur, ref lag, days[i].Day, days[i].Time, t0, _p, true);
            }

            return;
        }

        days[..n].Sort();
        for (var i = 0; i < n; i++)
        {
            var day = days[i].Day;
            if (i == 0 || days[i - 1].Day != day)
            {
                TrustKernel.AddDay(ref cur, ref lag, day, days[i].Time, t0, _p, true);
            }
        }
    }

    /// <summary>Evidence ids per factor, newest first, of events that happened by <paramref name="t0"/>: the settled table merged with pending events.</summary>
    internal IReadOnlyList<string>[] Evidence(double t0)
    {
        var k = _p.EvidencePerFactor;
        var result = new IReadOnlyList<string>[TrustEvidence.FactorCount];
        var candidates = new List<(double Time, string Id)>();
        for (var f = 0; f < TrustEvidence.FactorCount; f++)
        {
            candidates.Clear();
            for (var j = 0; j < k; j++)
            {
                if (_evidence is null)
                {
                    break;
                }

                ref readonly var entry = ref EvidenceSlot(_evidence, f, j);
                if (entry.Id is { } id && entry.Time <= t0)
                {
                    candidates.Add((entry.Time, id));
                }
            }

            for (var i = 0; i < _pendingLength; i++)
            {
                ref readonly var item = ref PendingAt(i);
                if (TrustEvidence.RelevantAt(f, item.Event, t0, _p))
                {
                    candidates.Add((item.Event.Time, item.Id));
                }
            }

            // Newest first; equal times keep insertion order (settled before pending), as the table did.
            var ordered = candidates.Select((c, index) => (c.Time, c.Id, index))
                .OrderByDescending(c => c.Time).ThenBy(c => c.index)
                .Select(c => c.Id).Distinct(StringComparer.Ordinal).Take(k).ToList();
            result[f] = ordered;
        }

        return result;
    }

    private void Settle(in TrustEvent e, int sign)
    {
        if (sign > 0)
        {
            TrustKernel.Add(ref _settled, ref _settled, e, _anchor, _p, false); // no lag: the second ref is never touched
        }
        else
        {
            var s = TrustSums.Empty;
            TrustKernel.Add(ref s, ref s, e, _anchor, _p, false);
            _settled.Add(s, -1);
        }

        if (e.Kind != TrustEventKind.Interaction)
        {
            return;
        }

        var day = _p.DayOf(e.Time);
        var i = _days.Find(day);
        if (sign > 0)
        {
            if (i >= 0)
            {
                _days.At(i).Count++;
                return;
            }

            _days.Insert(~i, day);
            MarkPendingDay(day, true);
            _settled.Cadence += DecayMath.Exp(-_p.LCad * (_anchor - _p.DayStart(day)));
        }
        else if (i >= 0 && --_days.At(i).Count == 0)
        {
            _days.RemoveAt(i);
            MarkPendingDay(day, false);
            _settled.Cadence -= DecayMath.Exp(-_p.LCad * (_anchor - _p.DayStart(day)));
        }
    }

    private void MarkPendingDay(int day, bool settled)
    {
        foreach (ref var item in PendingSpan)
        {
            if (item.Day == day && item.Event.Kind == TrustEventKind.Interaction)
            {
                item.DaySettled = settled;
            }
        }
    }

    /// <summary>The pending events, in the inline buffer or the spill array.</summary>
    private Span<Pending> PendingSpan
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _spill is null ? ((Span<Pending>)_inline)[.._pendingLength] : _spill.AsSpan(0, _pendingLength);
    }

    private ref Pending PendingAt(int i) => ref _spill is null ? ref _inline[i] : ref _spill[i];

    private void Push(in TrustEvent e, string id, double finalTime)
    {
        _nextFinal = Math.Min(_nextFinal, finalTime);
        var day = e.Kind == TrustEventKind.Interaction && double.IsFinite(e.Time) ? _p.DayOf(e.Time) : int.MinValue;
        var daySettled = e.Kind == TrustEventKind.Interaction && _days.Find(day) >= 0;
        if (_spill is null)
        {
            if (_pendingLength < InlinePending)
            {
                _inline[_pendingLength++].Set(e, id, daySettled, day);
                return;
            }

            // Many open actions or proposals: move to an array for good (so a busy rep does not allocate every night).
            _spill = new Pending[InlinePending * 2];
            ((Span<Pending>)_inline).CopyTo(_spill);
            ((Span<Pending>)_inline).Clear();
        }
        else if (_pendingLength == _spill.Length)
        {
            Array.Resize(ref _spill, _spill.Length * 2);
        }

        _spill[_pendingLength++].Set(e, id, daySettled, day);
    }

    private int FindPending(string id)
    {
        ReadOnlySpan<Pending> pending = PendingSpan;
        for (var i = 0; i < pending.Length; i++)
        {
            if (string.Equals(pending[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void RemovePendingAt(int i)
    {
        var last = _pendingLength - 1;
        ref var lastSlot = ref PendingAt(last);
        if (i != last)
        {
            PendingAt(i).Set(lastSlot.Event, lastSlot.Id, lastSlot.DaySettled, lastSlot.Day);
        }

        lastSlot.Id = null!; // let the id go; the rest is overwritten by the next push
        _pendingLength = last;
    }

    /// <summary>
    /// The <paramref name="j"/>-th newest evidence entry of factor <paramref name="f"/>. Each factor's k slots are a ring whose
    /// newest entry is at its head, so the common insert — an event newer than every entry, as settling runs forward in
    /// time — moves the head back one slot and writes one entry instead of shifting k of them.
    /// </summary>
    private ref EvidenceEntry EvidenceSlot(EvidenceEntry[] table, int f, int j)
    {
        var k = _p.EvidencePerFactor;
        var slot = _evidenceHeads[f] + j;
        return ref table[(f * k) + (slot >= k ? slot - k : slot)];
    }

    private void AddEvidence(in TrustEvent e, string id)
    {
        var k = _p.EvidencePerFactor;
        var mask = k == 0 ? 0 : TrustEvidence.Mask(e, _p);
        while (mask != 0)
        {
            var f = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var table = _evidence ??= new EvidenceEntry[TrustEvidence.FactorCount * k];
            ref var newest = ref EvidenceSlot(table, f, 0);
            if (newest.Id is null || e.Time > newest.Time)
            {
                // Newest first: the ring's last slot (the oldest entry, or empty) becomes the head.
                var head = _evidenceHeads[f] - 1;
                _evidenceHeads[f] = (byte)(head < 0 ? head + k : head);
                EvidenceSlot(table, f, 0) = new EvidenceEntry(e.Time, id);
                continue;
            }

            // Older than the newest (a late event): insert in order, equal times after the entries already there.
            var pos = k;
            for (var j = 1; j < k; j++)
            {
                ref readonly var entry = ref EvidenceSlot(table, f, j);
                if (entry.Id is null || e.Time > entry.Time)
                {
                    pos = j;
                    break;
                }
            }

            if (pos == k)
            {
                continue;
            }

            for (var j = k - 1; j > pos; j--)
            {
                EvidenceSlot(table, f, j) = EvidenceSlot(table, f, j - 1);
            }

            EvidenceSlot(table, f, pos) = new EvidenceEntry(e.Time, id);
        }
    }

    private void RemoveEvidence(string id)
    {
        var k = _p.EvidencePerFactor;
        var table = _evidence;
        if (table is null)
        {
            return;
        }

        for (var f = 0; f < TrustEvidence.FactorCount; f++)
        {
            for (var j = 0; j < k; j++)
            {
                if (string.Equals(EvidenceSlot(table, f, j).Id, id, StringComparison.Ordinal))
                {
                    for (var m = j; m < k - 1; m++)
                    {
                        EvidenceSlot(table, f, m) = EvidenceSlot(table, f, m + 1);
                    }

                    EvidenceSlot(table, f, k - 1) = default;
                    break;
                }
            }
        }
    }

    /// <summary>A pending event with its id, in one block so an apply or a score touches one piece of memory.</summary>
    private struct Pending
    {
        public TrustEvent Event;
        public string Id;

        /// <summary>The interaction's calendar day (<see cref="TrustParameters.DayOf"/>), computed once; unused for proposals.</summary>
        public int Day;

        /// <summary>An interaction on a day already counted as active by the settled sums (kept up to date by <see cref="Settle"/>), so scoring need not search the day list.</summary>
        public bool DaySettled;

        /// <summary>
        /// Writes the slot field by field: assigning a whole new 64-byte struct with a reference in it compiles to a
        /// write-barrier helper call plus <c>rep movsq</c>, which costs more than the few moves it replaces.
        /// </summary>
        public void Set(in TrustEvent trustEvent, string id, bool daySettled, int day)
        {
            Event = trustEvent;
            Id = id;
            Day = day;
            DaySettled = daySettled;
        }
    }

    private readonly record struct EvidenceEntry(double Time, string? Id);

    /// <summary>A settled active day and how many settled interactions fell on it (so a retract knows when the day stops being active).</summary>
    private struct DayCount
    {
        public int Day;
        public int Count;
    }

    /// <summary>The head slot of each factor's evidence ring (k ≤ 100 fits a byte).</summary>
    [InlineArray(TrustEvidence.FactorCount)]
    private struct EvidenceHeads
    {
        private byte _element0;
    }

    /// <summary>Room for the pending events of a typical rep (recent contacts and a few open actions) inside the state object.</summary>
    [InlineArray(InlinePending)]
    private struct PendingBuffer
    {
        private Pending _element0;
    }

    [InlineArray(Length)]
    private struct DayTimeBuffer
    {
        public const int Length = 16;
        private DayTime _element0;
    }

    private readonly record struct DayTime(int Day, double Time) : IComparable<DayTime>
    {
        public int CompareTo(DayTime other)
        {
            var c = Day.CompareTo(other.Day);
            return c != 0 ? c : Time.CompareTo(other.Time);
        }
    }
}
