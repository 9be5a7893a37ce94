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

    public static RepId[] Reps(int reps) => Enumerable.Range(0, reps).Select(r => new RepId($"rep-{r:D6}")).ToArray();
}
