using System.Globalization;
using Microsoft.Extensions.Options;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

/// <summary>How the trust score reads a rep's history — examples with Japanese kartes.</summary>
public class TrustScorerTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset AsOf = new(2026, 6, 30, 18, 0, 0, Jst);
    private static readonly RepId Sato = new("rep-sato");   // 佐藤 健一: 問合せが多く、返信が早い
    private static readonly RepId Suzuki = new("rep-suzuki"); // 鈴木 花子: こちらから連絡しないと動かない

    /// <summary>佐藤さん: 毎週のように自分から案件相談をくれて、返信は2時間以内、約束も期限内に守る。</summary>
    private static List<Interaction> ProactiveFastRep()
    {
        var list = new List<Interaction>();
        for (var week = 0; week < 16; week++)
        {
            var day = AsOf.AddDays(-7 * week - 2);
            list.Add(new Interaction
            {
                Id = new InteractionId($"sato-inq-{week}"),
                RepId = Sato,
                OccurredAt = day,
                Channel = week % 4 == 0 ? InteractionChannel.Meeting : InteractionChannel.Email,
                Initiator = Initiator.Rep,
                Purpose = week % 2 == 0 ? InteractionPurpose.Inquiry : InteractionPurpose.Proposal,
                Statements = "新規の顧客で勤怠管理システムの入替を検討中。来週ご提案可能ですか？",
                Reaction = Reaction.Positive,
                NextAction = new NextAction("見積書を送付", day.AddDays(3), day.AddDays(2)),
            });
            list.Add(new Interaction
            {
                Id = new InteractionId($"sato-reply-{week}"),
                RepId = Sato,
                OccurredAt = day.AddDays(1),
                Channel = InteractionChannel.Email,
                Initiator = Initiator.Rep,
                Purpose = InteractionPurpose.Report,
                ResponseLatency = TimeSpan.FromHours(2),
                Statements = "資料ありがとうございます。先方に展開しました。",
            });
        }

        return list;
    }

    /// <summary>鈴木さん: 月1回こちらから電話、返信は3日後、次回アクションは期限切れのまま。</summary>
    private static List<Interaction> PassiveSlowRep()
    {
        var list = new List<Interaction>();
        for (var month = 0; month < 4; month++)
        {
            var day = AsOf.AddDays(-30 * month - 5);
            list.Add(new Interaction
            {
                Id = new InteractionId($"suzuki-call-{month}"),
                RepId = Suzuki,
                OccurredAt = day,
                Channel = InteractionChannel.Email,
                Initiator = Initiator.Us,
                Purpose = InteractionPurpose.General,
                Statements = "新製品のご案内をお送りしました。",
                Reaction = Reaction.Neutral,
                NextAction = new NextAction("導入事例の共有を依頼", day.AddDays(7)),
            });
            list.Add(new Interaction
            {
                Id = new InteractionId($"suzuki-reply-{month}"),
                RepId = Suzuki,
                OccurredAt = day.AddDays(3),
                Channel = InteractionChannel.Email,
                Initiator = Initiator.Rep,
                ResponseLatency = TimeSpan.FromDays(3),
                Statements = "社内で確認します。",
                Concerns = "価格が他社より高い",
            });
        }

        return list;
    }

    private static readonly List<Proposal> Deals =
    [
        new Proposal { Id = new ProposalId("opp-1"), CompanyId = new CompanyId("co-1"), RepId = Sato, Offer = "勤怠クラウド", CreatedOn = new DateOnly(2026, 4, 10), ClosedOn = new DateOnly(2026, 5, 20), Outcome = ProposalOutcome.Won, Amount = 3_600_000m },
        new Proposal { Id = new ProposalId("opp-2"), CompanyId = new CompanyId("co-1"), RepId = Sato, Offer = "給与計算オプション", CreatedOn = new DateOnly(2026, 6, 1) },
        new Proposal { Id = new ProposalId("opp-3"), CompanyId = new CompanyId("co-2"), RepId = Suzuki, Offer = "勤怠クラウド", CreatedOn = new DateOnly(2026, 3, 1), ClosedOn = new DateOnly(2026, 4, 15), Outcome = ProposalOutcome.Lost },
    ];

    /// <summary>An incremental state of <paramref name="rep"/> with <paramref name="history"/> applied (not advanced).</summary>
    private static RepTrustState StateOf(TrustScorer scorer, RepId rep, IEnumerable<Interaction> history)
    {
        var state = scorer.CreateState(rep);
        foreach (var i in history)
        {
            state.Apply(TrustEvent.FromInteraction(i), i.Id.Value);
        }

        return state;
    }

    [Fact]
    public void A_fast_proactive_rep_who_keeps_actions_ranks_above_a_slow_passive_one()
    {
        var scorer = new TrustScorer();
        var data = new KarteDataSet { Interactions = [.. ProactiveFastRep(), .. PassiveSlowRep()], Proposals = Deals };

        var scores = scorer.ScoreAll(data, AsOf).ToDictionary(s => s.RepId);
        var sato = scores[Sato];
        var suzuki = scores[Suzuki];

        sato.Value.Should().BeGreaterThan(suzuki.Value!.Value + 20);
        sato.Rank.Should().BeOneOf(TrustRank.S, TrustRank.A);
        suzuki.Rank.Should().BeOneOf(TrustRank.C, TrustRank.D);
        sato.Tendencies.Should().HaveFlag(TrustTendency.Proactive).And.HaveFlag(TrustTendency.FastResponder).And.HaveFlag(TrustTendency.FrequentInquirer);
        suzuki.Tendencies.Should().HaveFlag(TrustTendency.Cautious).And.HaveFlag(TrustTendency.SlowResponder).And.HaveFlag(TrustTendency.RareInquirer);
        suzuki.FollowUpPriority.Should().Be(FollowUpPriority.Urgent, "鈴木さんの次回アクションが期限切れのまま");
        sato.Factor(TrustFactorKind.Reliability).Value.Should().BeGreaterThan(suzuki.Factor(TrustFactorKind.Reliability).Value);
    }

    [Fact]
    public void A_rep_with_two_interactions_is_unrated_not_zero()
    {
        var newRep = new RepId("rep-takahashi"); // 高橋さん: 先週名刺交換したばかり
        var interactions = new[]
        {
            new Interaction { Id = new InteractionId("t-1"), RepId = newRep, OccurredAt = AsOf.AddDays(-8), Channel = InteractionChannel.Event, Initiator = Initiator.Us, Statements = "展示会で名刺交換" },
            new Interaction { Id = new InteractionId("t-2"), RepId = newRep, OccurredAt = AsOf.AddDays(-6), Channel = InteractionChannel.Email, Initiator = Initiator.Rep, ResponseLatency = TimeSpan.FromHours(1), Reaction = Reaction.Positive },
        };

        var score = new TrustScorer().Score(newRep, interactions, [], AsOf);

        score.Rank.Should().Be(TrustRank.Unrated);
        score.Value.Should().BeNull("too little evidence is not a score of 0");
        score.InteractionCount.Should().Be(2);
        score.Trend.Should().BeNull();
        score.Confidence.Should().BeLessThan(0.5);
        TrustExplanation.Render(score, CultureInfo.GetCultureInfo("ja-JP"))[0].Should().StartWith("評価保留");
    }

    [Fact]
    public void The_explanation_names_the_factors_that_moved_the_score()
    {
        var scorer = new TrustScorer();
        var sato = scorer.Score(Sato, ProactiveFastRep(), Deals, AsOf);
        var suzuki = scorer.Score(Suzuki, PassiveSlowRep(), Deals, AsOf);

        var ja = TrustExplanation.Render(sato, CultureInfo.GetCultureInfo("ja-JP"));
        var en = TrustExplanation.Render(sato, CultureInfo.GetCultureInfo("en-US"));
        var jaSlow = TrustExplanation.Render(suzuki, CultureInfo.GetCultureInfo("ja-JP"));

        ja[0].Should().MatchRegex(@"^信頼スコア \d+\.\d（ランク[SA]、確度 \d+%）$");
        ja.Should().Contain(l => l.StartsWith("レスポンスが速い (+"));
        ja.Should().Contain(l => l.StartsWith("次回アクションを期限内に実行 (+"));
        en.Should().Contain(l => l.StartsWith("Replies fast (+"));
        en.Should().Contain(l => l.StartsWith("Reaches out first (+"));
        jaSlow.Should().Contain(l => l.StartsWith("レスポンスが遅い (-"));
        jaSlow.Should().Contain(l => l.StartsWith("次回アクションの遅れ・未実行 (-"));
        jaSlow.Should().Contain("フォロー優先度: 至急");

        // Each factor carries weight, contribution and the interactions behind it.
        var responsiveness = sato.Factor(TrustFactorKind.Responsiveness);
        responsiveness.Weight.Should().Be(0.20);
        responsiveness.Contribution.Should().BeApproximately(responsiveness.Value * 20, 1e-12);
        responsiveness.EvidenceIds.Should().StartWith("sato-reply-0").And.OnlyContain(id => id.StartsWith("sato-reply-"));
        sato.Factor(TrustFactorKind.Outcomes).EvidenceIds.Should().Equal("opp-2", "opp-1");
        sato.Factors.Sum(f => f.Contribution).Should().BeApproximately(sato.Value!.Value, 1e-9);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_rejected_naming_the_option()
    {
        var options = new TrustScoringOptions();
        options.Weights.Cadence = 0.5;

        options.Validate().Should().ContainSingle(p => p.Field == "Weights").Which.Reason.Should().Contain("sum to 1");
        new TrustScoringOptionsValidator().Validate(null, options).FailureMessage.Should().Contain("TrustScoringOptions.Weights");
        var create = () => new TrustScorer(options);
        create.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("TrustScoringOptions.Weights: weights must sum to 1 but sum to 1.3");
    }

    [Fact]
    public void Other_invalid_options_name_the_option()
    {
        var options = new TrustScoringOptions { PriorStrength = 0, TrendWindow = TimeSpan.Zero, MinimumInteractions = 0 };
        options.RankBands.A = 90;
        options.HalfLives.Cadence = TimeSpan.FromMinutes(1);

        options.Validate().Select(p => p.Field).Should().BeEquivalentTo(
            "PriorStrength", "TrendWindow", "MinimumInteractions", "RankBands", "HalfLives.Cadence");
        new TrustScoringOptions().Validate().Should().BeEmpty();
    }

    [Fact]
    public void A_next_action_done_later_is_an_update_of_the_pending_event()
    {
        var scorer = new TrustScorer();
        var history = PassiveSlowRep();
        var state = StateOf(scorer, Suzuki, history);

        state.Advance(AsOf);
        var before = scorer.Score(state, AsOf);

        // 鈴木さんが期限切れだった導入事例を送ってくれた (late, but done).
        var late = history[0] with { NextAction = history[0].NextAction! with { DoneAt = AsOf.AddHours(-1) } };
        state.TryReplacePending(late.Id.Value, TrustEvent.FromInteraction(late)).Should().BeTrue("open actions stay pending");
        history[0] = late;
        var after = scorer.Score(state, AsOf);
        var full = scorer.Score(Suzuki, history, [], AsOf);

        after.Factor(TrustFactorKind.Reliability).Value.Should().BeGreaterThan(before.Factor(TrustFactorKind.Reliability).Value);
        after.Value.Should().BeApproximately(full.Value!.Value, 1e-9);
    }

    [Fact]
    public void A_stale_open_action_settles_and_done_at_last_is_an_update_of_the_open_version()
    {
        var scorer = new TrustScorer();
        var history = PassiveSlowRep();
        var state = StateOf(scorer, Suzuki, history);

        // Five months on, every 導入事例 request is more than OverdueActionHorizon (60 days) past due: a stale, missed
        // action whose weight only decays, settled like everything else, so nothing stays pending for ever.
        var later = AsOf.AddDays(150);
        state.Advance(later);
        state.PendingCount.Should().Be(0);
        var before = scorer.Score(state, later);
        before.FollowUpPriority.Should().NotBe(FollowUpPriority.Urgent, "a stale task is not an urgent signal");

        // 4か月前の依頼に、やっと対応してくれた: the settled event is not pending, so the open version is retracted.
        var open = history[6];
        var done = open with { NextAction = open.NextAction! with { DoneAt = later.AddHours(-2) } };
        state.TryReplacePending(done.Id.Value, TrustEvent.FromInteraction(done)).Should().BeFalse();
        state.Update(TrustEvent.FromInteraction(open), TrustEvent.FromInteraction(done), done.Id.Value);
        history[6] = done;
        var after = scorer.Score(state, later);
        var full = scorer.Score(Suzuki, history, [], later);

        after.Factor(TrustFactorKind.Reliability).Value.Should().BeGreaterThan(before.Factor(TrustFactorKind.Reliability).Value);
        after.Value.Should().BeApproximately(full.Value!.Value, 1e-9);
        after.Factor(TrustFactorKind.Reliability).Value.Should().BeApproximately(full.Factor(TrustFactorKind.Reliability).Value, 1e-9);
    }

    [Fact]
    public void An_open_proposal_settles_and_its_close_is_an_update_of_the_open_version()
    {
        var scorer = new TrustScorer();
        var state = scorer.CreateState(Suzuki);
        var opened = new Proposal
        {
            Id = new ProposalId("deal-suzuki-1"),
            CompanyId = new CompanyId("p-1"),
            RepId = Suzuki,
            Offer = "勤怠管理クラウド",
            CreatedOn = DateOnly.FromDateTime(AsOf.AddDays(-120).Date),
            Outcome = ProposalOutcome.Open,
        };
        var offset = scorer.Options.DayBoundaryOffset;
        state.Apply(TrustEvent.FromProposal(opened, 0, offset), opened.Id.Value);
        state.Advance(AsOf);
        state.PendingCount.Should().Be(0, "an open proposal adds nothing until it closes");

        var won = opened with { Outcome = ProposalOutcome.Won, ClosedOn = DateOnly.FromDateTime(AsOf.AddDays(-1).Date), Amount = 3_600_000m };
        state.TryReplacePending(won.Id.Value, TrustEvent.FromProposal(won, 0, offset)).Should().BeFalse();
        state.Update(TrustEvent.FromProposal(opened, 0, offset), TrustEvent.FromProposal(won, 0, offset), won.Id.Value);
        var after = scorer.Score(state, AsOf);
        var full = scorer.Score(Suzuki, [], [won], AsOf);

        after.Factor(TrustFactorKind.Outcomes).Value.Should().BeApproximately(full.Factor(TrustFactorKind.Outcomes).Value, 1e-12);
        after.Factor(TrustFactorKind.Outcomes).EffectiveSamples.Should().BeApproximately(full.Factor(TrustFactorKind.Outcomes).EffectiveSamples, 1e-12);
    }

    [Fact]
    public void A_saved_state_restores_to_the_same_score_and_refuses_other_decay_options()
    {
        var scorer = new TrustScorer();
        var state = StateOf(scorer, Sato, ProactiveFastRep());

        state.Advance(AsOf.AddDays(-10));
        var bytes = state.ToBytes();
        var restored = scorer.RestoreState(bytes);

        scorer.Score(restored, AsOf).Should().BeEquivalentTo(scorer.Score(state, AsOf));
        var other = new TrustScorer(new TrustScoringOptions { HalfLife = TimeSpan.FromDays(30) });
        var restore = () => other.RestoreState(bytes);
        restore.Should().Throw<TrustStateException>().Which.RepId.Should().Be(Sato);

        // Stale actions are settled by the horizon, so another horizon needs another state.
        var otherHorizon = new TrustScorer(new TrustScoringOptions { OverdueActionHorizon = TimeSpan.FromDays(30) });
        var restoreHorizon = () => otherHorizon.RestoreState(bytes);
        restoreHorizon.Should().Throw<TrustStateException>().WithMessage("*overdue-action horizon*");
        var corrupt = () => scorer.RestoreState(bytes.AsSpan(0, 20));
        corrupt.Should().Throw<TrustStateException>().WithMessage("*truncated*");
    }

    [Fact]
    public void A_corrupt_saved_state_is_refused_with_the_rep_and_the_reason()
    {
        var scorer = new TrustScorer();
        var state = StateOf(scorer, Sato, ProactiveFastRep());

        state.Advance(AsOf);
        state.SettledDayCount.Should().BeGreaterThan(1);
        var bytes = state.ToBytes();

        // Layout (format 1): magic 4, version 1, fingerprint 8, rep id "rep-sato" (1 + 8), settled point 8, 23 sums, day count 4, days (day, count).
        const int anchorAt = 4 + 1 + 8 + 1 + 8;
        const int firstDayAt = anchorAt + 8 + (23 * 8) + 4;
        Refusal(Mutated(bytes, b => BitConverter.TryWriteBytes(b.AsSpan(anchorAt), double.NaN))).Should().Contain("settled point");
        Refusal(Mutated(bytes, b => BitConverter.TryWriteBytes(b.AsSpan(firstDayAt + 8), int.MinValue))).Should().Contain("ascending");
        Refusal(Mutated(bytes, b => BitConverter.TryWriteBytes(b.AsSpan(firstDayAt + 4), 0))).Should().Contain("0 interactions");
        Refusal([.. bytes, 0]).Should().Contain("1 unexpected bytes");
        scorer.RestoreState(bytes).SettledDayCount.Should().Be(state.SettledDayCount);

        string Refusal(byte[] corrupt)
        {
            var restore = () => scorer.RestoreState(corrupt);
            var ex = restore.Should().Throw<TrustStateException>().Which;
            ex.RepId.Should().Be(Sato);
            return ex.Reason;
        }

        static byte[] Mutated(byte[] original, Action<byte[]> change)
        {
            var copy = original.ToArray();
            change(copy);
            return copy;
        }
    }

    [Fact]
    public void A_saved_state_restored_with_fewer_evidence_ids_keeps_the_newest_of_each_factor()
    {
        var scorer = new TrustScorer();
        var state = StateOf(scorer, Sato, ProactiveFastRep());

        state.Advance(AsOf.AddDays(30)); // everything settled: evidence comes from the saved table only
        var full = scorer.Score(state, AsOf.AddDays(30));
        var fewer = new TrustScorer(new TrustScoringOptions { EvidencePerFactor = 2 });

        var restored = fewer.Score(fewer.RestoreState(state.ToBytes()), AsOf.AddDays(30));

        restored.Factors.Select(f => f.EvidenceIds).Should().BeEquivalentTo(
            full.Factors.Select(f => f.EvidenceIds.Take(2)), o => o.WithStrictOrdering());
        restored.Factors.Should().Contain(f => f.EvidenceIds.Count == 2);
    }

    [Fact]
    public void The_hot_path_gives_the_same_numbers_as_the_explained_score()
    {
        var scorer = new TrustScorer();
        var data = new KarteDataSet { Interactions = [.. ProactiveFastRep(), .. PassiveSlowRep()], Proposals = Deals };
        var set = TrustEventSet.Build(data, scorer.Options.DayBoundaryOffset);
        var snapshots = new TrustSnapshot[set.Reps.Count];
        var shuffled = set.Events.ToArray().Reverse().ToArray();

        scorer.ScoreAll(shuffled, AsOf, snapshots);

        for (var r = 0; r < set.Reps.Count; r++)
        {
            var full = scorer.Score(set, r, AsOf);
            snapshots[r].Value.Should().BeApproximately(full.Value!.Value, 1e-9);
            snapshots[r].Rank.Should().Be(full.Rank);
            snapshots[r].Trend.Should().BeApproximately(full.Trend!.Value, 1e-9);
        }
    }

    [Fact]
    public void Scoring_on_several_threads_gives_exactly_the_single_threaded_results()
    {
        var scorer = new TrustScorer();
        var rnd = new Random(11);
        var now = TrustEvent.ToEventTime(AsOf);
        const int reps = 3_000;
        var events = Enumerable.Range(0, 60_000).Select(_ => rnd.Next(20) == 0
                ? TrustEvent.ForProposal(rnd.Next(reps), Math.Floor(now - rnd.Next(400)), (ProposalOutcome)rnd.Next(3), Math.Floor(now - rnd.Next(30)))
                : TrustEvent.ForInteraction(
                    rnd.Next(reps), now - (rnd.NextDouble() * 400), (InteractionChannel)rnd.Next(8), (Initiator)rnd.Next(2),
                    (InteractionPurpose)rnd.Next(6), (Reaction)rnd.Next(4), rnd.Next(3) == 0 ? rnd.NextDouble() * 72 : double.NaN))
            .ToArray();
        var grouped = events.OrderBy(e => e.RepIndex).ThenBy(e => e.Time).ToArray();
        var expected = new TrustSnapshot[reps];
        scorer.ScoreAll(grouped, AsOf, expected);

        var fromGrouped = new TrustSnapshot[reps];
        scorer.ScoreAllParallel(grouped, AsOf, fromGrouped, maxDegreeOfParallelism: 3);
        var fromStream = new TrustSnapshot[reps];
        scorer.ScoreAllParallel(events, AsOf, fromStream, maxDegreeOfParallelism: 3);

        fromGrouped.Should().Equal(expected);
        fromStream.Should().Equal(expected);
        expected.Count(s => s.Rank != TrustRank.Unrated).Should().BeGreaterThan(reps / 2, "the data must exercise rated reps");
    }

    [Fact]
    public void A_night_applied_as_one_batch_scores_like_event_by_event()
    {
        // 5,000 reps (rep indices above 2,047 need a second radix pass), a year of history, then one night of 2,000 events.
        var scorer = new TrustScorer();
        var rnd = new Random(5);
        var now = TrustEvent.ToEventTime(AsOf);
        const int reps = 5_000;
        TrustEvent Random(double daysAgoFrom, double daysAgoTo)
        {
            var t = now - daysAgoTo - (rnd.NextDouble() * (daysAgoFrom - daysAgoTo));
            var action = rnd.Next(4) == 0;
            return rnd.Next(20) == 0
                ? TrustEvent.ForProposal(rnd.Next(reps), Math.Floor(t), (ProposalOutcome)rnd.Next(3), Math.Floor(t) + rnd.Next(60))
                : TrustEvent.ForInteraction(
                    rnd.Next(reps), t, (InteractionChannel)rnd.Next(8), (Initiator)rnd.Next(2), (InteractionPurpose)rnd.Next(6),
                    (Reaction)rnd.Next(4), rnd.Next(3) == 0 ? rnd.NextDouble() * 72 : double.NaN,
                    action, action ? t + rnd.Next(1, 20) : double.NaN, action && rnd.Next(3) != 0 ? t + rnd.Next(0, 25) : double.NaN);
        }

        var history = Enumerable.Range(0, 30_000).Select(_ => Random(365, 1)).ToArray();
        var night = Enumerable.Range(0, 2_000).Select(_ => Random(1, 0)).ToArray();
        var ids = night.Select((_, i) => $"n{i}").ToArray();
        RepTrustState[] Build()
        {
            var states = Enumerable.Range(0, reps).Select(r => scorer.CreateState(new RepId($"rep-{r}"))).ToArray();
            foreach (var s in states)
            {
                s.Advance(AsOf.AddDays(-1));
            }

            for (var i = 0; i < history.Length; i++)
            {
                states[history[i].RepIndex].Apply(history[i], $"h{i}");
            }

            return states;
        }

        var reference = Build();
        var batch = Build();
        for (var i = 0; i < night.Length; i++)
        {
            reference[night[i].RepIndex].Apply(night[i], ids[i]);
        }

        var touched = new int[night.Length];
        var snapshots = new TrustSnapshot[night.Length];
        var n = scorer.ApplyAndSnapshot(batch, night, ids, AsOf, touched, snapshots);

        touched[..n].Should().Equal(night.Select(e => e.RepIndex).Distinct().Order());
        touched[n - 1].Should().BeGreaterThan(2_047);
        for (var k = 0; k < n; k++)
        {
            var expected = scorer.Snapshot(reference[touched[k]], AsOf);
            // The batch advances each state before scoring it (fewer pending events to evaluate): the same sums to rounding.
            snapshots[k].Value.Should().BeApproximately(expected.Value, 1e-9);
            snapshots[k].Trend.Should().BeApproximately(expected.Trend, 1e-9);
            snapshots[k].Rank.Should().Be(expected.Rank);
            snapshots[k].InteractionCount.Should().Be(expected.InteractionCount);
            batch[touched[k]].SettledThrough.Should().Be(AsOf - scorer.Options.TrendWindow);
            batch[touched[k]].PendingCount.Should().BeLessThanOrEqualTo(reference[touched[k]].PendingCount);
        }

        snapshots.Take(n).Count(s => s.Rank != TrustRank.Unrated).Should().BeGreaterThan(n / 3, "the data must exercise rated reps");

        // On several threads: exactly the same.
        var parallel = Build();
        var touchedParallel = new int[night.Length];
        var snapshotsParallel = new TrustSnapshot[night.Length];
        var m = scorer.ApplyAndSnapshotParallel(parallel, night, ids, AsOf, touchedParallel, snapshotsParallel, maxDegreeOfParallelism: 3);
        m.Should().Be(n);
        touchedParallel[..m].Should().Equal(touched[..n]);
        snapshotsParallel[..m].Should().Equal(snapshots[..n]);
    }

    [Fact]
    public void Scoring_states_last_touched_on_different_nights_allocates_nothing_once_each_gap_was_seen()
    {
        // A real night scores states settled on different nights (a rep last touched 1, 2 … 5 nights ago): each gap is a
        // different decay delta. The per-delta factors are cached, so after the first state per gap no state allocates.
        var scorer = new TrustScorer();
        var now = TrustEvent.ToEventTime(AsOf);
        var states = new RepTrustState[50];
        for (var r = 0; r < states.Length; r++)
        {
            states[r] = scorer.CreateState(new RepId($"rep-{r}"));
            states[r].Advance(AsOf.AddDays(-1 - (r % 5)));
            states[r].Apply(TrustEvent.ForInteraction(r, now - 40 - r, InteractionChannel.Meeting, Initiator.Rep), $"e{r}");
        }

        for (var r = 0; r < 5; r++)
        {
            scorer.Snapshot(states[r], AsOf);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rated = 0.0;
        for (var r = 5; r < states.Length; r++)
        {
            rated += scorer.Snapshot(states[r], AsOf).Confidence;
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        rated.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_batch_with_a_bad_event_changes_no_state_and_names_the_event()
    {
        var scorer = new TrustScorer();
        var states = new[] { scorer.CreateState(new RepId("rep-0")), scorer.CreateState(new RepId("rep-1")) };
        var now = TrustEvent.ToEventTime(AsOf);
        var good = TrustEvent.ForInteraction(0, now - 0.5, InteractionChannel.Meeting, Initiator.Rep);
        var outOfRange = TrustEvent.ForInteraction(2, now - 0.5, InteractionChannel.Call, Initiator.Us);
        var touched = new int[2];
        var snapshots = new TrustSnapshot[2];

        var badRep = () => scorer.ApplyAndSnapshot(states, [good, outOfRange], ["a", "b"], AsOf, touched, snapshots);
        var nullId = () => scorer.ApplyAndSnapshot(states, [good, good], ["a", null!], AsOf, touched, snapshots);
        var tooSmall = () => scorer.ApplyAndSnapshot(states, [good, good with { }], ["a", "b"], AsOf, touched.AsSpan(0, 0), snapshots);
        var lengths = () => scorer.ApplyAndSnapshot(states, [good], ["a", "b"], AsOf, touched, snapshots);

        badRep.Should().Throw<ArgumentException>().WithMessage("*events[1].RepIndex is 2*");
        nullId.Should().Throw<ArgumentException>().WithMessage("*ids[1] is null*");
        tooSmall.Should().Throw<ArgumentException>().WithMessage("*touch 1 reps*");
        lengths.Should().Throw<ArgumentException>().WithMessage("*ids has 2 entries for 1 events*");
        states.Should().AllSatisfy(s => s.PendingCount.Should().Be(0));
        states.Should().AllSatisfy(s => s.SettledThrough.Should().BeNull());
    }

    [Fact]
    public void A_recently_broken_promise_is_urgent_but_a_long_stale_task_is_not()
    {
        // 佐藤さんの履歴に「見積書の再送」の約束を一つ足す: 5日前が期限なら至急フォロー、200日前が期限なら古いタスク。
        var scorer = new TrustScorer();
        TrustScore With(int overdueDays)
        {
            var due = AsOf.AddDays(-overdueDays);
            var promise = new Interaction
            {
                Id = new InteractionId("sato-promise"),
                RepId = Sato,
                OccurredAt = due.AddDays(-3),
                Channel = InteractionChannel.Call,
                Initiator = Initiator.Us,
                Statements = "見積書を再送いただけますか。",
                NextAction = new NextAction("見積書の再送", due),
            };
            return scorer.Score(Sato, [.. ProactiveFastRep(), promise], Deals, AsOf);
        }

        var recent = With(5);
        var stale = With(200);

        recent.FollowUpPriority.Should().Be(FollowUpPriority.Urgent);
        stale.FollowUpPriority.Should().NotBe(FollowUpPriority.Urgent);
        scorer.Score(Sato, ProactiveFastRep(), Deals, AsOf).Factor(TrustFactorKind.Reliability).Value
            .Should().BeGreaterThan(stale.Factor(TrustFactorKind.Reliability).Value, "a stale missed promise still lowers reliability");
    }
}
