using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// Karte records turned into the compact <see cref="TrustEvent"/> form, with a dense rep table and the source ids
/// (interaction or proposal ids) the events point at. Events are ordered by rep, then time — the order the
/// scoring hot path reads fastest.
/// </summary>
public sealed class TrustEventSet
{
    private readonly Dictionary<RepId, int> _index;
    private readonly int[] _starts;

    private TrustEventSet(List<RepId> reps, Dictionary<RepId, int> index, TrustEvent[] events, List<string> sourceIds)
    {
        Reps = reps;
        _index = index;
        Events = events;
        SourceIds = sourceIds;
        _starts = new int[reps.Count + 1];
        foreach (var e in events)
        {
            _starts[e.RepIndex + 1]++;
        }

        for (var i = 0; i < reps.Count; i++)
        {
            _starts[i + 1] += _starts[i];
        }
    }

    /// <summary>The reps; <see cref="TrustEvent.RepIndex"/> indexes this list.</summary>
    public IReadOnlyList<RepId> Reps { get; }

    /// <summary>The events, ordered by rep index, then time.</summary>
    public ReadOnlyMemory<TrustEvent> Events { get; }

    /// <summary>Ids of the source records; <see cref="TrustEvent.SourceIndex"/> indexes this list.</summary>
    public IReadOnlyList<string> SourceIds { get; }

    /// <summary>The dense index of a rep, or -1 when the set has no such rep.</summary>
    /// <param name="repId">The rep.</param>
    /// <returns>Its index.</returns>
    public int IndexOf(RepId repId) => _index.TryGetValue(repId, out var i) ? i : -1;

    /// <summary>The events of one rep, ordered by time.</summary>
    /// <param name="repIndex">The rep's index.</param>
    /// <returns>Its events.</returns>
    public ReadOnlyMemory<TrustEvent> EventsOf(int repIndex) => Events[_starts[repIndex].._starts[repIndex + 1]];

    /// <summary>Builds the set for every rep of a data set (reps that only appear in interactions or proposals are added after the listed ones).</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="dayOffset">UTC offset of the calendar for proposal dates (<see cref="TrustScoringOptions.DayBoundaryOffset"/>).</param>
    /// <returns>The event set.</returns>
    public static TrustEventSet Build(KarteDataSet data, TimeSpan dayOffset)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Build(data.Reps.Select(r => r.Id), data.Interactions, data.Proposals, dayOffset);
    }

    /// <summary>Builds the set from reps, interactions and proposals. Proposals without a rep are skipped (they say nothing about a rep).</summary>
    /// <param name="reps">Reps to include even when they have no events.</param>
    /// <param name="interactions">Interactions.</param>
    /// <param name="proposals">Proposals.</param>
    /// <param name="dayOffset">UTC offset of the calendar for proposal dates.</param>
    /// <returns>The event set.</returns>
    public static TrustEventSet Build(IEnumerable<RepId> reps, IEnumerable<Interaction> interactions, IEnumerable<Proposal> proposals, TimeSpan dayOffset)
    {
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(proposals);
        var list = new List<RepId>();
        var index = new Dictionary<RepId, int>();
        int Index(RepId id)
        {
            if (!index.TryGetValue(id, out var i))
            {
                i = list.Count;
                index.Add(id, i);
                list.Add(id);
            }

            return i;
        }

        foreach (var r in reps)
        {
            Index(r);
        }

        var events = new List<TrustEvent>();
        var ids = new List<string>();
        foreach (var i in interactions)
        {
            events.Add(TrustEvent.FromInteraction(i, Index(i.RepId), ids.Count));
            ids.Add(i.Id.Value);
        }

        foreach (var p in proposals)
        {
            if (p.RepId is { } rep)
            {
                events.Add(TrustEvent.FromProposal(p, Index(rep), dayOffset, ids.Count));
                ids.Add(p.Id.Value);
            }
        }

        var array = events.ToArray();
        array.AsSpan().Sort(new RepTimeOrder());
        return new TrustEventSet(list, index, array, ids);
    }

    /// <summary>Builds a set from events already in compact form (e.g. read from a store's own columns).</summary>
    /// <param name="reps">The rep table; every <see cref="TrustEvent.RepIndex"/> must index it.</param>
    /// <param name="events">The events, in any order (they are copied and sorted).</param>
    /// <param name="sourceIds">The id table; every non-negative <see cref="TrustEvent.SourceIndex"/> must index it.</param>
    /// <returns>The event set.</returns>
    /// <exception cref="ArgumentException">An index is out of range; the message names the event.</exception>
    public static TrustEventSet Create(IReadOnlyList<RepId> reps, ReadOnlySpan<TrustEvent> events, IReadOnlyList<string> sourceIds)
    {
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(sourceIds);
        var list = new List<RepId>(reps);
        var index = new Dictionary<RepId, int>();
        for (var i = 0; i < list.Count; i++)
        {
            if (!index.TryAdd(list[i], i))
            {
                throw new ArgumentException($"reps[{i}] ({list[i]}) appears twice.", nameof(reps));
            }
        }

        for (var i = 0; i < events.Length; i++)
        {
            if ((uint)events[i].RepIndex >= (uint)list.Count)
            {
                throw new ArgumentException($"events[{i}].RepIndex is {events[i].RepIndex}, outside 0..{list.Count - 1}.", nameof(events));
            }

            if (events[i].SourceIndex >= sourceIds.Count)
            {
                throw new ArgumentException($"events[{i}].SourceIndex is {events[i].SourceIndex}, but there are {sourceIds.Count} source ids.", nameof(events));
            }
        }

        var array = events.ToArray();
        array.AsSpan().Sort(new RepTimeOrder());
        return new TrustEventSet(list, index, array, [.. sourceIds]);
    }

    internal readonly struct RepTimeOrder : IComparer<TrustEvent>
    {
        public int Compare(TrustEvent x, TrustEvent y)
        {
            var c = x.RepIndex.CompareTo(y.RepIndex);
            return c != 0 ? c : TimeOrder.Cmp(x, y);
        }
    }

    internal readonly struct TimeOrder : IComparer<TrustEvent>
    {
        public int Compare(TrustEvent x, TrustEvent y) => Cmp(x, y);

        // Ties broken by source index so the order (and the summation order) is deterministic.
        internal static int Cmp(in TrustEvent x, in TrustEvent y)
        {
            var c = x.Time.CompareTo(y.Time);
            return c != 0 ? c : x.SourceIndex.CompareTo(y.SourceIndex);
        }
    }
}
