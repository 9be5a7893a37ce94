using FluentAssertions;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

/// <summary>
/// The settled active days of a state: the newest eight live inside the state object, the older ones in an array, so
/// these cases cross that boundary — more than eight days, days arriving late (before the inline ones), days removed
/// again by a retract on either side — and check the result against a full recomputation.
/// </summary>
public class RepTrustStateDayTests
{
    private static readonly TrustScorer Scorer = new();
    private const double Start = 20_500; // 2026-02-16, days since the Unix epoch
    private static readonly DateTimeOffset AsOf = TrustEvent.FromEventTime(Start + 200.5);

    private static TrustEvent CallOn(int day, double hour = 10) =>
        TrustEvent.ForInteraction(0, Start + day + (hour / 24), InteractionChannel.Call, Initiator.Rep);

    private static TrustSnapshot Full(IEnumerable<TrustEvent> events)
    {
        var results = new TrustSnapshot[1];
        Scorer.ScoreAll(events.ToArray(), AsOf, results);
        return results[0];
    }

    private static RepTrustState Settled(IEnumerable<(TrustEvent Event, string Id)> events)
    {
        var state = Scorer.CreateState(new RepId("rep-tanaka"));
        state.Advance(AsOf); // everything older than the trend window settles on arrival
        foreach (var (e, id) in events)
        {
            state.Apply(e, id);
        }

        return state;
    }

    /// <summary>Incremental and full agree to rounding; cadence (decayed active days) is the factor a miscounted day would move.</summary>
    private static void ShouldMatch(TrustSnapshot incremental, TrustSnapshot full)
    {
        full.Cadence.Should().BeGreaterThan(0);
        incremental.Cadence.Should().BeApproximately(full.Cadence, 1e-9);
        incremental.Value.Should().NotBeNull().And.BeApproximately(full.Value!.Value, 1e-9);
        incremental.Rank.Should().Be(full.Rank);
        incremental.InteractionCount.Should().Be(full.InteractionCount);
    }

    [Fact]
    public void Days_arriving_in_any_order_across_the_inline_tail_and_the_array_count_once_each()
    {
        // 20 distinct days, two calls on some of them, in an order that appends, inserts before the newest eight and
        // inserts among them.
        int[] days = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 11, 29, 13, 40, 42, 44, 27, 5, 46, 24, 30, 10];
        var events = days.Select((d, i) => (CallOn(d, 9 + (i % 5)), $"c{i}")).ToList(); // 09:00–13:00 UTC: one calendar day in JST too
        var state = Settled(events);

        state.SettledDayCount.Should().Be(days.Distinct().Count());
        ShouldMatch(Scorer.Snapshot(state, AsOf), Full(events.Select(e => e.Item1)));
    }

    [Fact]
    public void Retracting_the_last_interaction_of_a_day_removes_it_from_either_side()
    {
        int[] days = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44];
        var events = days.Select((d, i) => (CallOn(d), $"c{i}")).ToList();
        var second = (Event: CallOn(40, 12), Id: "c-extra"); // a second call on day 40, among the newest days
        var state = Settled([.. events, second]);

        // Day 12 is in the array, day 42 among the newest eight; day 40 keeps its other call.
        foreach (var id in new[] { "c1", "c16", "c-extra" })
        {
            var (e, _) = id == "c-extra" ? second : events.Single(x => x.Item2 == id);
            state.Retract(e, id).Should().BeTrue();
        }

        var remaining = events.Where(x => x.Item2 is not "c1" and not "c16").Select(x => x.Item1).ToList();
        state.SettledDayCount.Should().Be(days.Length - 2);
        ShouldMatch(Scorer.Snapshot(state, AsOf), Full(remaining));

        // The list still knows which days are active on both sides: 12 and 42 are new again, 44 and 14 are not.
        TrustEvent[] later = [CallOn(12, 11), CallOn(42, 11), CallOn(44, 11), CallOn(14, 11), CallOn(50)];
        for (var i = 0; i < later.Length; i++)
        {
            state.Apply(later[i], $"later-{i}");
        }

        state.SettledDayCount.Should().Be(days.Length + 1);
        ShouldMatch(Scorer.Snapshot(state, AsOf), Full([.. remaining, .. later]));
    }

    [Fact]
    public void A_saved_state_with_days_on_both_sides_restores_them_all_in_order()
    {
        var events = Enumerable.Range(0, 19).Select(i => (CallOn(3 * i), $"c{i}")).ToList();
        var state = Settled(events);

        var restored = Scorer.RestoreState(state.ToBytes());

        restored.SettledDayCount.Should().Be(19);
        restored.ToBytes().Should().Equal(state.ToBytes());
        restored.Apply(CallOn(1), "late");
        state.Apply(CallOn(1), "late");
        ShouldMatch(Scorer.Snapshot(restored, AsOf), Scorer.Snapshot(state, AsOf));
        restored.SettledDayCount.Should().Be(20);
    }
}
