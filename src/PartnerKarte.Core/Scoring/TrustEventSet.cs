using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// Karte records turned into the compact <see cref="TrustEvent"/> form, with a dense rep table and the source ids
/// (interaction or proposal ids) the events point at. Events are ordered by rep, then time — the order the
/// scoring hot path reads fastest.
/// </summary>
internal sealed class TrustEventSet
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
    internal IReadOnlyList<RepId> Reps { get; }

    /// <summary>The events, ordered by rep index, then time.</summary>
    internal ReadOnlyMemory<TrustEvent> Events { get; }

    /// <summary>Ids of the source records; <see cref="TrustEvent.SourceIndex"/> indexes this list.</summary>
    internal IReadOnlyList<string> SourceIds { get; }

    /// <summary>The dense index of a rep, or -1 when the set has no such rep.</summary>
    /// <param name="repId">The rep.</param>
    /// <returns>Its index.</returns>
    internal int IndexOf(RepId repId) => _index.TryGetValue(repId, out var i) ? i : -1;

    /// <summary>The events of one rep, ordered by time.</summary>
    /// <param name="repIndex">The rep's index.</param>
    /// <returns>Its events.</returns>
    internal ReadOnlyMemory<TrustEvent> EventsOf(int repIndex) => Events[_starts[repIndex].._starts[repIndex + 1]];

    /// <summary>Builds the set for every rep of a data set (reps that only appear in interactions or proposals are added after the listed ones).</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="dayOffset">UTC offset of the calendar for proposal dates (<see cref="TrustScoringOptions.DayBoundaryOffset"/>).</param>
    /// <returns>The event set.</returns>
    internal static TrustEventSet Build(KarteDataSet data, TimeSpan dayOffset)
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
    internal static TrustEventSet Build(IEnumerable<RepId> reps, IEnumerable<Interaction> interactions, IEnumerable<Proposal> proposals, TimeSpan dayOffset)
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
        array.AsSpan().Sort(new RepTimeOrder(ids));
        return new TrustEventSet(list, index, array, ids);
    }

    /// <summary>A set of events already in compact form (events without source records: <see cref="TrustEvent.SourceIndex"/> is -1).</summary>
    internal static TrustEventSet FromEvents(IReadOnlyList<RepId> reps, IEnumerable<TrustEvent> events)
    {
        var index = reps.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var array = events.ToArray();
        array.AsSpan().Sort(new RepTimeOrder([]));
        return new TrustEventSet([.. reps], index, array, []);
    }

    /// <summary>
    /// By rep, then time; events at the same instant by kind and source record id, so that the order — and with it the
    /// summation order of the scores — does not depend on the order the store or CRM returned the records in.
    /// </summary>
    internal readonly struct RepTimeOrder(IReadOnlyList<string> ids) : IComparer<TrustEvent>
    {
        public int Compare(TrustEvent x, TrustEvent y)
        {
            var c = x.RepIndex.CompareTo(y.RepIndex);
            if (c != 0)
            {
                return c;
            }

            c = x.Time.CompareTo(y.Time);
            if (c != 0)
            {
                return c;
            }

            c = x.Kind.CompareTo(y.Kind);
            if (c != 0)
            {
                return c;
            }

            if (x.SourceIndex >= 0 && y.SourceIndex >= 0 && x.SourceIndex < ids.Count && y.SourceIndex < ids.Count)
            {
                c = string.CompareOrdinal(ids[x.SourceIndex], ids[y.SourceIndex]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.SourceIndex.CompareTo(y.SourceIndex);
        }
    }
}
