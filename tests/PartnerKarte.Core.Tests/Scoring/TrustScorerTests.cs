using System.Globalization;
using System.ComponentModel.DataAnnotations;
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
        suzuki.FollowUpPriority.Should().Be(FollowUpPriority.High, "鈴木さんの次回アクションが期限切れのまま (an overdue action alone is High, not 緊急)");
        suzuki.Alerts.Should().Contain(a => a.Kind == FollowUpAlertKind.RepActionOverdue);
        sato.Factor(TrustFactorKind.Reliability).Value.Should().BeGreaterThan(suzuki.Factor(TrustFactorKind.Reliability).Value);
    }

    [Fact]
    public void A_score_series_equals_scoring_at_each_instant()
    {
        var data = PartnerKarte.SampleData.SampleKarteGenerator.Generate(new PartnerKarte.SampleData.SampleKarteOptions { Seed = 7, RepCount = 60, InteractionCount = 3000, ProposalCount = 300 });
        var asOf = PartnerKarte.SampleData.SampleKarteOptions.DefaultAsOf;
        DateTimeOffset[] instants = [asOf.AddDays(-400), asOf.AddDays(-90), asOf.AddDays(-30).AddHours(5), asOf, asOf.AddDays(75)];
        var scorer = new TrustScorer();

        var series = scorer.ScoreSeries(data, instants);

        series.Select(s => s.RepId).Should().Equal(scorer.ScoreAll(data, asOf).Select(s => s.RepId));
        for (var k = 0; k < instants.Length; k++)
        {
            var at = scorer.ScoreAll(data, instants[k]).ToDictionary(s => s.RepId, s => s.Value);
            series.Should().OnlyContain(s => s.Values[k] == at[s.RepId], $"the value at {instants[k]:o} is the score at that instant");
        }

        series.SelectMany(s => s.Values).Should().Contain(v => v == null, "early instants have reps without enough evidence")
            .And.Contain(v => v != null);
    }

    [Fact]
    public void Scores_do_not_depend_on_the_order_the_records_were_read_in()
    {
        // Times cut to the month so that many contacts of a rep share an instant: their order must come from the records, not the read.
        var sample = PartnerKarte.SampleData.SampleKarteGenerator.Generate(new PartnerKarte.SampleData.SampleKarteOptions { Seed = 11, RepCount = 40, InteractionCount = 2500, ProposalCount = 200 });
        var data = sample with
        {
            Interactions = [.. sample.Interactions.Select(i => i with { OccurredAt = new DateTimeOffset(i.OccurredAt.ToOffset(Jst).Year, i.OccurredAt.ToOffset(Jst).Month, 1, 0, 0, 0, Jst) })],
        };
        var shuffled = data with
        {
            Interactions = [.. data.Interactions.Reverse()],
            Proposals = [.. data.Proposals.OrderBy(p => p.Id.Value.GetHashCode(StringComparison.Ordinal))],
        };
        var asOf = PartnerKarte.SampleData.SampleKarteOptions.DefaultAsOf;
        var scorer = new TrustScorer();
        data.Interactions.GroupBy(i => (i.RepId, i.OccurredAt)).Should().Contain(g => g.Count() > 1, "the data has ties");

        var expected = scorer.ScoreAll(data, asOf).ToDictionary(s => s.RepId);
        var actual = scorer.ScoreAll(shuffled, asOf);

        actual.Should().OnlyContain(s => s.Value == expected[s.RepId].Value && s.Trend == expected[s.RepId].Trend
            && s.Confidence == expected[s.RepId].Confidence && s.FollowUpPriority == expected[s.RepId].FollowUpPriority);
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
        jaSlow.Should().Contain(l => l.StartsWith("フォロー優先度: 高（先方の次回アクションが期限切れ（"), "the priority carries its reason");

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

        var create = () => new TrustScorer(options);
        create.Should().Throw<ValidationException>().Which.Message.Should().Be(
            "PartnerKarte:Scoring:Weights: Responsiveness, Initiative, Cadence, Depth, Reliability, Sentiment and Outcomes must sum to 1 (was 1.3).");
    }

    [Fact]
    public void Other_invalid_options_name_the_option()
    {
        var options = new TrustScoringOptions { PriorStrength = 0, TrendWindow = TimeSpan.Zero, MinimumInteractions = 0 };
        options.RankBands.A = 90;
        options.HalfLives.Cadence = TimeSpan.FromMinutes(1);

        var message = ((Action)options.Validate).Should().Throw<ValidationException>().Which.Message;
        message.Should().Contain("PartnerKarte:Scoring:PriorStrength must be between 0 exclusive and 1000000 (was 0).")
            .And.Contain("PartnerKarte:Scoring:TrendWindow must be between 00:00:00 exclusive and 3650.00:00:00 (was 00:00:00).")
            .And.Contain("PartnerKarte:Scoring:MinimumInteractions must be between 1 and 1000 (was 0).")
            .And.Contain("PartnerKarte:Scoring:RankBands must satisfy 100 >= S > A > B > C > 0")
            .And.Contain("PartnerKarte:Scoring:HalfLives:Cadence must be between 01:00:00 and 3650.00:00:00 (was 00:01:00).");
        new TrustScoringOptions().Validate();
    }

    [Fact]
    public void A_recently_broken_promise_raises_the_priority_but_a_long_stale_task_does_not()
    {
        // 佐藤さんの履歴に「見積書の再送」の約束を一つ足す: 5日前が期限なら緊急フォロー、200日前が期限なら古いタスク。
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

        recent.FollowUpPriority.Should().Be(FollowUpPriority.High);
        recent.Alerts.Should().ContainSingle(a => a.Kind == FollowUpAlertKind.RepActionOverdue);
        stale.FollowUpPriority.Should().BeOneOf(FollowUpPriority.Low, FollowUpPriority.Normal);
        stale.Alerts.Should().NotContain(a => a.Kind == FollowUpAlertKind.RepActionOverdue);
        scorer.Score(Sato, ProactiveFastRep(), Deals, AsOf).Factor(TrustFactorKind.Reliability).Value
            .Should().BeGreaterThan(stale.Factor(TrustFactorKind.Reliability).Value, "a stale missed promise still lowers reliability");
    }
}
