using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

/// <summary>Invariants of the trust score over random event streams.</summary>
public class TrustScorerProperties
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(100)).WithEndSize(40);
    private const int Reps = 3;
    private const double Start = 20_500; // 2026-02-16, in days since the Unix epoch
    private const double End = Start + 400;
    private static readonly DateTimeOffset AsOf = TrustEvent.FromEventTime(End + 0.5);
    private static readonly TrustScorer Scorer = new();

    private static Gen<double> TimeGen(double lo, double hi) =>
        Gen.Choose(0, (int)((hi - lo) * 96)).Select(q => lo + (q / 96.0));

    private static Gen<TrustEvent> InteractionGen(int rep, double lo, double hi) =>
        from t in TimeGen(lo, hi)
        from channel in Gen.Choose(0, 7)
        from initiator in Gen.Choose(0, 1)
        from purpose in Gen.Choose(0, 5)
        from reaction in Gen.Choose(0, 3)
        from isReply in Gen.Choose(0, 1)
        from latency in Gen.Choose(0, 200)
        from action in Gen.Choose(0, 9)
        from dueIn in Gen.Choose(-2, 30)
        from doneIn in Gen.Choose(0, 40)
        select TrustEvent.ForInteraction(
            rep, t, (InteractionChannel)channel, (Initiator)initiator, (InteractionPurpose)purpose, (Reaction)reaction,
            isReply == 1 ? latency : double.NaN,
            hasAction: action < 4,
            due: action == 0 ? double.NaN : t + dueIn,
            done: action % 2 == 1 ? t + doneIn : double.NaN);

    private static Gen<TrustEvent> ProposalGen(int rep, double lo, double hi) =>
        from t in TimeGen(lo, hi)
        from outcome in Gen.Choose(0, 2)
        from cycle in Gen.Choose(0, 90)
        select TrustEvent.ForProposal(rep, Math.Floor(t), (ProposalOutcome)outcome, Math.Floor(t) + cycle);

    private static Gen<TrustEvent> EventGen(int reps, double lo = Start, double hi = End) =>
        from rep in Gen.Choose(0, reps - 1)
        from kind in Gen.Choose(0, 9)
        from e in kind < 8 ? InteractionGen(rep, lo, hi) : ProposalGen(rep, lo, hi)
        select e;

    private static Gen<TrustEvent> ResolvedGen => EventGen(1).Where(e => ClosedBy(e, End));

    /// <summary>Nothing about the event can change any more by <paramref name="t"/>: not open, and every time of it passed.</summary>
    private static bool ClosedBy(TrustEvent e, double t) =>
        !(double.IsNaN(e.Resolved) && (e.Kind == TrustEventKind.Proposal || e.HasAction)) && (double.IsNaN(e.Resolved) ? e.Time : Math.Max(e.Time, e.Resolved)) <= t;

    private static TrustSnapshot[] Full(IEnumerable<TrustEvent> events, DateTimeOffset asOf, int reps = Reps)
    {
        var set = TrustEventSet.FromEvents([.. Enumerable.Range(0, reps).Select(r => new RepId($"rep-{r}"))], events);
        return Scorer.Snapshots(set, asOf);
    }

    [Fact]
    public void Score_is_always_between_0_and_100_and_factors_between_0_and_1()
    {
        var prop = Prop.ForAll(Arb.From(Gen.ListOf(EventGen(Reps))), Arb.From(TimeGen(Start - 30, End + 400)), (events, t) =>
        {
            var asOf = TrustEvent.FromEventTime(t);
            return Full(events, asOf).All(s =>
                (s.Value is null || (s.Value >= 0 && s.Value <= 100))
                && Enum.GetValues<TrustFactorKind>().All(k => s.FactorValue(k) is >= 0 and <= 1)
                && s.Confidence is >= 0 and < 1
                && (s.Value is null) == (s.Rank == TrustRank.Unrated));
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Responsiveness_never_falls_when_every_latency_falls()
    {
        var gen = from events in Gen.ListOf(EventGen(1))
                  from factor in Gen.Choose(0, 100).Select(f => f / 100.0)
                  from minus in Gen.Choose(0, 48)
                  select (events, factor, minus);
        var prop = Prop.ForAll(Arb.From(gen), x =>
        {
            var faster = x.events.Select(e => Relatency(e, Math.Max(0, (e.LatencyHours * x.factor) - x.minus))).ToList();
            var before = Full(x.events, AsOf, 1)[0].Responsiveness;
            var after = Full(faster, AsOf, 1)[0].Responsiveness;
            return after >= before - 1e-12;
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Reliability_never_falls_when_a_missed_action_becomes_kept()
    {
        var gen = from events in Gen.ListOf(EventGen(1))
                  from t in TimeGen(Start, End - 40)
                  from dueIn in Gen.Choose(0, 30)
                  from doneAt in Gen.Choose(0, 100).Select(f => f / 100.0)
                  from lateDone in Gen.Choose(0, 2)
                  select (events, t, dueIn, doneAt, lateDone);
        var prop = Prop.ForAll(Arb.From(gen), x =>
        {
            var due = x.t + x.dueIn;
            // Missed: still open at the scoring instant, or done only after it.
            var missed = TrustEvent.ForInteraction(0, x.t, InteractionChannel.Call, Initiator.Us, hasAction: true, due: due,
                done: x.lateDone == 0 ? double.NaN : End + 10);
            var kept = TrustEvent.ForInteraction(0, x.t, InteractionChannel.Call, Initiator.Us, hasAction: true, due: due,
                done: x.t + ((due - x.t) * x.doneAt));
            var before = Full([.. x.events, missed], AsOf, 1)[0].Reliability;
            var after = Full([.. x.events, kept], AsOf, 1)[0].Reliability;
            return after >= before - 1e-12;
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Older_identical_evidence_never_weighs_more_than_newer()
    {
        // Evidence fully resolved by the scoring instant (a proposal closing or an action done later is new evidence, not older evidence).
        var gen = from events in Gen.ListOf(ResolvedGen)
                  from extra in EventGen(1, End - 200, End).Where(e => ClosedBy(e, End))
                  from shift in Gen.Choose(1, 100 * 96).Select(q => q / 96.0)
                  select (events, extra, shift);
        var prop = Prop.ForAll(Arb.From(gen), x =>
        {
            var newer = x.extra;
            var older = Shift(x.extra, -x.shift);
            var set = new List<TrustEvent>(x.events);
            var a = Explain([.. set, newer]);
            var b = Explain([.. set, older]);
            var p = Scorer.Options;
            var baseDays = x.events.Where(e => e.Kind == TrustEventKind.Interaction).Select(e => Day(e.Time)).ToHashSet();
            var sameDayStatus = baseDays.Contains(Day(newer.Time)) == baseDays.Contains(Day(older.Time));
            return Enum.GetValues<TrustFactorKind>().All(k =>
                (k == TrustFactorKind.Cadence && !sameDayStatus)
                || b.Factor(k).EffectiveSamples <= a.Factor(k).EffectiveSamples + 1e-12)
                && b.Confidence <= a.Confidence + 1e-12;
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Waiting_without_new_evidence_never_adds_weight()
    {
        var gen = from events in Gen.ListOf(ResolvedGen)
                  from wait in Gen.Choose(1, 400)
                  select (events, wait);
        var prop = Prop.ForAll(Arb.From(gen), x =>
        {
            var set = Set(x.events);
            var a = Scorer.Score(set, 0, AsOf);
            var b = Scorer.Score(set, 0, AsOf.AddDays(x.wait));
            // Reliability can gain weight by waiting: an open action turns into a missed one at its due time.
            return Enum.GetValues<TrustFactorKind>().Where(k => k != TrustFactorKind.Reliability)
                .All(k => b.Factor(k).EffectiveSamples <= a.Factor(k).EffectiveSamples + 1e-12)
                && b.Confidence <= a.Confidence + 1e-12;
        });
        Check.One(Quick, prop);
    }

    private static int Day(double t) => (int)Math.Floor(t + Scorer.Options.DayBoundaryOffset.TotalDays);

    private static TrustEventSet Set(IEnumerable<TrustEvent> events) => TrustEventSet.FromEvents([new RepId("rep-0")], events);

    private static TrustScore Explain(IEnumerable<TrustEvent> events) => Scorer.Score(Set(events), 0, AsOf);

    private static TrustEvent Relatency(TrustEvent e, double latency) =>
        e.Kind == TrustEventKind.Proposal || double.IsNaN(e.LatencyHours) ? e
        : TrustEvent.ForInteraction(e.RepIndex, e.Time, e.Channel, e.Initiator, e.Purpose, e.Reaction, latency, e.HasAction, e.Due, e.Resolved, e.SourceIndex);

    private static TrustEvent Shift(TrustEvent e, double by) =>
        e.Kind == TrustEventKind.Proposal
            ? TrustEvent.ForProposal(e.RepIndex, e.Time + by, e.Outcome, e.Resolved + by, e.SourceIndex)
            : TrustEvent.ForInteraction(e.RepIndex, e.Time + by, e.Channel, e.Initiator, e.Purpose, e.Reaction, e.LatencyHours, e.HasAction, e.Due + by, e.Resolved + by, e.SourceIndex);
}
