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
    private static bool ClosedBy(TrustEvent e, double t) => !e.IsOpen && (double.IsNaN(e.Resolved) ? e.Time : Math.Max(e.Time, e.Resolved)) <= t;

    private static TrustSnapshot[] Full(IEnumerable<TrustEvent> events, DateTimeOffset asOf, int reps = Reps)
    {
        var results = new TrustSnapshot[reps];
        Scorer.ScoreAll(events.ToArray(), asOf, results);
        return results;
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

    [Fact]
    public void Evidence_mask_names_exactly_the_factors_an_event_is_relevant_to()
    {
        var p = new TrustParameters(Scorer.Options);
        var prop = Prop.ForAll(Arb.From(EventGen(1)), e =>
            Enumerable.Range(0, TrustEvidence.FactorCount).All(f => ((TrustEvidence.Mask(e, p) >> f) & 1) == 1 == TrustEvidence.Relevant(f, e, p))
            && TrustEvidence.Mask(e, p) >> TrustEvidence.FactorCount == 0);
        Check.One(Quick, prop);
    }

    [Fact]
    public void Incremental_evidence_ids_equal_full_recomputation()
    {
        // Three ids per factor, so the settled table's rings wrap; events arrive in random order over three nights (late ones
        // take the ordered-insert path) and the state is saved and restored between nights. Distinct times: ties have no
        // defined order.
        var scorer = new TrustScorer(new TrustScoringOptions { EvidencePerFactor = 3 });
        var distinctTimes = Gen.ListOf(EventGen(1)).Select(l => l.DistinctBy(e => e.Time).Select((e, i) => WithSource(e, i)).ToArray());
        var prop = Prop.ForAll(Arb.From(NightsGen(distinctTimes, 3)), x =>
        {
            var events = x.Events;
            var ids = events.Select((_, i) => $"e{i}").ToArray();
            var state = scorer.CreateState(new RepId("rep-0"));
            var applied = new List<TrustEvent>();
            for (var night = 0; night < 3; night++)
            {
                foreach (var i in x.Batches[night])
                {
                    state.Apply(events[i], ids[i]);
                    applied.Add(events[i]);
                }

                var asOf = TrustEvent.FromEventTime(x.Instants[night]);
                var full = scorer.Score(TrustEventSet.Create([new RepId("rep-0")], applied.ToArray(), ids), 0, asOf);
                var incremental = scorer.Score(state, asOf);
                foreach (var kind in Enum.GetValues<TrustFactorKind>())
                {
                    incremental.Factor(kind).EvidenceIds.Should().Equal(full.Factor(kind).EvidenceIds, $"night {night}, {kind}");
                }

                state.Advance(asOf);
                state = scorer.RestoreState(state.ToBytes());
            }

            return true;
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Incremental_state_equals_full_recomputation()
    {
        // Events arrive over several nights in random order (so some arrive late, older than what was settled),
        // the state may be saved and restored between nights, and open next actions get done later.
        var gen = from arrivals in NightsGen(Gen.ListOf(EventGen(Reps)).Select(l => l.ToArray()), 4)
                  from updates in Gen.ListOf(Gen.Choose(0, 1000))
                  from doneIn in Gen.Choose(0, 40)
                  from persist in Gen.Choose(0, 1)
                  select (arrivals, updates, doneIn, persist);
        var prop = Prop.ForAll(Arb.From(gen), x =>
        {
            var events = x.arrivals.Events.ToArray();
            var states = Enumerable.Range(0, Reps).Select(r => Scorer.CreateState(new RepId($"rep-{r}"))).ToArray();
            var applied = new List<int>();
            for (var night = 0; night < 4; night++)
            {
                foreach (var i in x.arrivals.Batches[night])
                {
                    states[events[i].RepIndex].Apply(events[i], $"e{i}");
                    applied.Add(i);
                }

                if (night == 3)
                {
                    foreach (var u in x.updates.Where(_ => applied.Count > 0).Select(u => applied[u % applied.Count]).Distinct())
                    {
                        var e = events[u];
                        if (e.Kind == TrustEventKind.Interaction && e.HasAction && double.IsNaN(e.Resolved))
                        {
                            // A next action done later: while the open event is pending no previous version is needed;
                            // once stale (OverdueActionHorizon past due) it was settled, and the open version is retracted.
                            var done = WithDone(e, e.Time + x.doneIn);
                            var state = states[e.RepIndex];
                            if (!state.TryReplacePending($"e{u}", done))
                            {
                                var settledThrough = TrustEvent.ToEventTime(state.SettledThrough!.Value);
                                e.FinalTime(Scorer.Options.OverdueActionHorizon.TotalDays).Should().BeLessThanOrEqualTo(settledThrough + 1e-6, "only settled events are not pending");
                                state.Update(e, done, $"e{u}");
                            }

                            events[u] = done;
                        }
                        else if (u % 3 == 0)
                        {
                            // Any other correction: retract the previous version, apply the new one.
                            var changed = Relatency(e, 1);
                            states[e.RepIndex].Update(e, changed, $"e{u}");
                            events[u] = changed;
                        }
                    }
                }

                var asOf = TrustEvent.FromEventTime(x.arrivals.Instants[night]);
                Same(Full(applied.Select(i => events[i]), asOf), states.Select(s => Scorer.Snapshot(s, asOf)).ToArray());
                foreach (var s in states)
                {
                    s.Advance(asOf);
                }

                if (x.persist == 1)
                {
                    states = states.Select(s => Scorer.RestoreState(s.ToBytes())).ToArray();
                }
            }

            return true;
        });
        Check.One(Quick, prop);
    }

    [Fact]
    public void Batch_apply_and_snapshot_equals_full_recomputation()
    {
        // The nightly batch path (events grouped by rep, each touched state applied, scored and advanced in one visit)
        // gives what a full recomputation gives, for events arriving over three nights in random order.
        var prop = Prop.ForAll(Arb.From(NightsGen(Gen.ListOf(EventGen(Reps)).Select(l => l.ToArray()), 3)), x =>
        {
            var events = x.Events;
            var nights = x.Instants;
            var states = Enumerable.Range(0, Reps).Select(r => Scorer.CreateState(new RepId($"rep-{r}"))).ToArray();
            var applied = new List<int>();
            for (var night = 0; night < 3; night++)
            {
                var batch = x.Batches[night];
                applied.AddRange(batch);
                var asOf = TrustEvent.FromEventTime(nights[night]);
                var touched = new int[batch.Length];
                var snapshots = new TrustSnapshot[batch.Length];
                var n = Scorer.ApplyAndSnapshot(
                    states, batch.Select(i => events[i]).ToArray(), batch.Select(i => $"e{i}").ToArray(), asOf, touched, snapshots);
                touched[..n].Should().Equal(batch.Select(i => events[i].RepIndex).Distinct().Order());
                var full = Full(applied.Select(i => events[i]), asOf);
                Same(touched[..n].Select(r => full[r]).ToArray(), snapshots[..n]);
                foreach (var r in touched[..n])
                {
                    states[r].SettledThrough.Should().Be(TrustEvent.FromEventTime(nights[night] - Scorer.Options.TrendWindow.TotalDays));
                }
            }

            // Untouched or not, every state still scores like the full recomputation afterwards.
            var end = TrustEvent.FromEventTime(nights[2] + 1);
            Same(Full(applied.Select(i => events[i]), end), states.Select(s => Scorer.Snapshot(s, end)).ToArray());
            return true;
        });
        Check.One(Quick, prop);
    }

    /// <summary>
    /// Events arriving over <paramref name="nightCount"/> nights: each night's batch holds indices into the events, in
    /// random order (so some arrive late, older than what was already settled); the nights' instants ascend.
    /// </summary>
    private static Gen<Arrivals> NightsGen(Gen<TrustEvent[]> events, int nightCount) =>
        from list in events
        from order in Gen.Shuffle(Enumerable.Range(0, list.Length).ToArray())
        from cuts in Gen.ArrayOf(Gen.Choose(0, list.Length), nightCount - 1)
        from instants in Gen.ArrayOf(TimeGen(Start, End + 100), nightCount)
        select Arrivals.Split(list, order, cuts, instants);

    private sealed record Arrivals(TrustEvent[] Events, int[][] Batches, double[] Instants)
    {
        public static Arrivals Split(TrustEvent[] events, int[] order, int[] cuts, double[] instants)
        {
            var bounds = cuts.Append(0).Append(order.Length).Order().ToArray();
            var batches = Enumerable.Range(0, instants.Length).Select(n => order[bounds[n]..bounds[n + 1]]).ToArray();
            return new Arrivals(events, batches, [.. instants.Order()]);
        }

        public override string ToString() =>
            $"{Events.Length} events over nights {string.Join(", ", Instants)}; batches {string.Join(" | ", Batches.Select(b => string.Join(",", b)))}";
    }

    private static bool Same(TrustSnapshot[] full, TrustSnapshot[] incremental)
    {
        for (var r = 0; r < full.Length; r++)
        {
            var a = full[r];
            var b = incremental[r];
            var same = Close(a.Value, b.Value) && Close(a.Trend, b.Trend) && Math.Abs(a.Confidence - b.Confidence) <= 1e-9
                && a.Rank == b.Rank && a.InteractionCount == b.InteractionCount && a.Tendencies == b.Tendencies
                && a.FollowUpPriority == b.FollowUpPriority
                && Enum.GetValues<TrustFactorKind>().All(k => Math.Abs(a.FactorValue(k) - b.FactorValue(k)) <= 1e-9);
            if (!same)
            {
                throw new InvalidOperationException($"rep {r}: full {Describe(a)} vs incremental {Describe(b)}");
            }
        }

        return true;
    }

    private static string Describe(TrustSnapshot s) =>
        $"value={s.Value} trend={s.Trend} conf={s.Confidence} rank={s.Rank} n={s.InteractionCount} {s.Tendencies} {s.FollowUpPriority} " +
        string.Join(",", Enum.GetValues<TrustFactorKind>().Select(k => s.FactorValue(k).ToString("R")));

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9;

    private static int Day(double t) => (int)Math.Floor(t + Scorer.Options.DayBoundaryOffset.TotalDays);

    private static TrustEventSet Set(IEnumerable<TrustEvent> events) => TrustEventSet.Create([new RepId("rep-0")], events.ToArray(), []);

    private static TrustScore Explain(IEnumerable<TrustEvent> events) => Scorer.Score(Set(events), 0, AsOf);

    private static TrustEvent Relatency(TrustEvent e, double latency) =>
        e.Kind == TrustEventKind.Proposal || double.IsNaN(e.LatencyHours) ? e
        : TrustEvent.ForInteraction(e.RepIndex, e.Time, e.Channel, e.Initiator, e.Purpose, e.Reaction, latency, e.HasAction, e.Due, e.Resolved, e.SourceIndex);

    private static TrustEvent WithSource(TrustEvent e, int source) =>
        e.Kind == TrustEventKind.Proposal
            ? TrustEvent.ForProposal(e.RepIndex, e.Time, e.Outcome, e.Resolved, source)
            : TrustEvent.ForInteraction(e.RepIndex, e.Time, e.Channel, e.Initiator, e.Purpose, e.Reaction, e.LatencyHours, e.HasAction, e.Due, e.Resolved, source);

    private static TrustEvent WithDone(TrustEvent e, double done) =>
        TrustEvent.ForInteraction(e.RepIndex, e.Time, e.Channel, e.Initiator, e.Purpose, e.Reaction, e.LatencyHours, e.HasAction, e.Due, done, e.SourceIndex);

    private static TrustEvent Shift(TrustEvent e, double by) =>
        e.Kind == TrustEventKind.Proposal
            ? TrustEvent.ForProposal(e.RepIndex, e.Time + by, e.Outcome, e.Resolved + by, e.SourceIndex)
            : TrustEvent.ForInteraction(e.RepIndex, e.Time + by, e.Channel, e.Initiator, e.Purpose, e.Reaction, e.LatencyHours, e.HasAction, e.Due + by, e.Resolved + by, e.SourceIndex);
}
