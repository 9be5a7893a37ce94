using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>Deterministic synthetic trust events: reps × interactions over two years.</summary>
internal static class TrustScoringData
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 30, 18, 0, 0, TimeSpan.FromHours(9));

    public static TrustEvent[] Events(int count, int reps, int seed, double fromDaysAgo, double toDaysAgo)
    {
        var rnd = new Random(seed);
        var now = TrustEvent.ToEventTime(AsOf);
        var events = new TrustEvent[count];
        for (var i = 0; i < count; i++)
        {
            var rep = rnd.Next(reps);
            var t = now - toDaysAgo - (rnd.NextDouble() * (fromDaysAgo - toDaysAgo));
            if (rnd.Next(20) == 0)
            {
                var outcome = (ProposalOutcome)rnd.Next(3);
                events[i] = TrustEvent.ForProposal(rep, Math.Floor(t), outcome, Math.Floor(t) + rnd.Next(90));
                continue;
            }

            var reply = rnd.Next(10) < 4;
            var action = rnd.Next(10) < 3;
            events[i] = TrustEvent.ForInteraction(
                rep, t, (InteractionChannel)rnd.Next(8), (Initiator)rnd.Next(2), (InteractionPurpose)rnd.Next(6), (Reaction)rnd.Next(4),
                reply ? rnd.NextDouble() * 96 : double.NaN,
                action, action ? t + rnd.Next(1, 21) : double.NaN,
                action && rnd.Next(4) != 0 ? t + rnd.Next(0, 25) : double.NaN);
        }

        return events;
    }

    /// <summary>
    /// Rep states built from <paramref name="historyCount"/> interactions of the last two years: states are first settled
    /// to yesterday, so history older than the trend window goes straight into the sums (the late-event path).
    /// </summary>
    public static RepTrustState[] States(TrustScorer scorer, int reps, int historyCount)
    {
        var history = Events(historyCount, reps, 42, 730, 1);
        var states = Reps(reps).Select(scorer.CreateState).ToArray();
        var yesterday = AsOf.AddDays(-1);
        foreach (var s in states)
        {
            s.Advance(yesterday);
        }

        for (var i = 0; i < history.Length; i++)
        {
            states[history[i].RepIndex].Apply(history[i], $"h{i}");
        }

        return states;
    }

    public static RepId[] Reps(int reps) => Enumerable.Range(0, reps).Select(r => new RepId($"rep-{r:D6}")).ToArray();
}
