using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

/// <summary>
/// What the score and alerts mean on data logged the plain CRM way: an unrecorded initiator is missing evidence, our own
/// overdue tasks are an alert for our owner, and a silence is measured against the rep's own rhythm.
/// </summary>
public class TrustEvidenceSemanticsTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset AsOf = new(2026, 6, 30, 18, 0, 0, Jst);
    private static readonly RepId Yamada = new("rep-yamada");
    private static readonly CultureInfo Ja = CultureInfo.GetCultureInfo("ja-JP");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Meetings logged as plain CRM events every <paramref name="everyDays"/> days: the channel is known, who asked for them is not.</summary>
    private static List<Interaction> PlainMeetings(int count, int everyDays, int lastDaysAgo = 2) =>
        [.. Enumerable.Range(0, count).Select(k => new Interaction
        {
            Id = new InteractionId($"ev-{k}"),
            RepId = Yamada,
            OccurredAt = AsOf.AddDays(-lastDaysAgo - (k * everyDays)),
            Channel = InteractionChannel.Meeting,
            Initiator = Initiator.Unknown,
        })];

    [Fact]
    public void Unrecorded_initiators_are_missing_evidence_not_contact_from_our_side()
    {
        var scorer = new TrustScorer();
        var unknown = scorer.Score(Yamada, PlainMeetings(12, 7), [], AsOf);
        var ours = scorer.Score(Yamada, [.. PlainMeetings(12, 7).Select(i => i with { Initiator = Initiator.Us })], [], AsOf);

        var initiative = unknown.Factor(TrustFactorKind.Initiative);
        initiative.Value.Should().BeApproximately(new TrustScoringOptions().PriorMean, 1e-12, "no evidence leaves the factor at the prior");
        initiative.EffectiveSamples.Should().Be(0);
        initiative.MostlyMissing.Should().BeTrue();
        ours.Factor(TrustFactorKind.Initiative).Value.Should().BeLessThan(initiative.Value, "contact known to be ours does lower initiative");
        unknown.Confidence.Should().BeLessThan(ours.Confidence, "missing evidence lowers confidence");
        unknown.Tendencies.Should().NotHaveFlag(TrustTendency.Cautious).And.NotHaveFlag(TrustTendency.Proactive);
    }

    [Fact]
    public void The_japanese_explanation_says_the_initiator_is_missing_and_never_that_contact_is_from_our_side()
    {
        var score = new TrustScorer().Score(Yamada, PlainMeetings(12, 7), [], AsOf);

        var ja = TrustExplanation.Render(score, Ja);
        var en = TrustExplanation.Render(score, En);

        ja.Should().Contain("起点が記録されていないため判断保留（積極性）");
        ja.Should().NotContain(l => l.Contains("連絡はほぼこちらから", StringComparison.Ordinal) || l.Contains("慎重派", StringComparison.Ordinal)
            || l.Contains("自ら連絡・相談してくる", StringComparison.Ordinal));
        en.Should().Contain(l => l.StartsWith("Initiative not judged", StringComparison.Ordinal));
        en.Should().NotContain(l => l.Contains("Rarely reaches out first", StringComparison.Ordinal));
    }

    [Fact]
    public void Our_own_overdue_task_is_an_alert_for_our_owner_and_does_not_touch_the_reps_reliability_or_priority()
    {
        var scorer = new TrustScorer();
        var history = PlainMeetings(12, 7);
        var ourTask = history[0] with { NextAction = new NextAction("見積書の送付", AsOf.AddDays(-3), Owner: new UserId("u-tanaka")) };
        var theirTask = history[0] with { NextAction = new NextAction("稟議の回付", AsOf.AddDays(-3)) };

        var clean = scorer.Score(Yamada, history, [], AsOf);
        var withOurs = scorer.Score(Yamada, [ourTask, .. history.Skip(1)], [], AsOf);
        var withTheirs = scorer.Score(Yamada, [theirTask, .. history.Skip(1)], [], AsOf);

        withOurs.Factor(TrustFactorKind.Reliability).Value.Should().Be(clean.Factor(TrustFactorKind.Reliability).Value);
        withOurs.FollowUpPriority.Should().Be(clean.FollowUpPriority);
        withOurs.Alerts.Should().ContainSingle().Which.Should().Match<FollowUpAlert>(a =>
            a.Kind == FollowUpAlertKind.OwnActionOverdue && !a.RaisesPriority && a.Reason.Ja.StartsWith("当社の期限切れタスク", StringComparison.Ordinal));
        TrustExplanation.Render(withOurs, Ja).Should().Contain(l => l.StartsWith("当社の期限切れタスク（1件）", StringComparison.Ordinal));

        withTheirs.Factor(TrustFactorKind.Reliability).Value.Should().BeLessThan(clean.Factor(TrustFactorKind.Reliability).Value);
        withTheirs.FollowUpPriority.Should().Be(FollowUpPriority.High);
        withTheirs.Alerts.Should().ContainSingle(a => a.Kind == FollowUpAlertKind.RepActionOverdue);
    }

    [Fact]
    public void A_silence_long_against_the_reps_own_rhythm_alerts_with_how_long_and_the_baseline()
    {
        var scorer = new TrustScorer();

        // Weekly meetings until 30 days ago: 30 days is over four times the usual 7-day gap.
        var quiet = scorer.Score(Yamada, PlainMeetings(20, 7, lastDaysAgo: 30), [], AsOf);
        var silence = quiet.Alerts.Should().ContainSingle(a => a.Kind == FollowUpAlertKind.Silence).Subject;
        quiet.FollowUpPriority.Should().BeOneOf(FollowUpPriority.High, FollowUpPriority.Urgent);
        silence.UsualGapDays.Should().Be(7);
        silence.SilentDays.Should().BeApproximately(30, 0.01);
        silence.Reason.Ja.Should().Be("双方向の接触が30日途絶（通常の間隔 7日の4.3倍）");
        silence.Reason.En.Should().Be("No two-way contact for 30 days (4.3× the usual 7-day gap)");
        TrustExplanation.Render(quiet, Ja).Should().Contain(l => l.StartsWith("フォロー優先度: ", StringComparison.Ordinal) && l.Contains("双方向の接触が30日途絶", StringComparison.Ordinal));

        // A monthly rhythm: the same 30 days is no silence.
        var monthly = scorer.Score(Yamada, PlainMeetings(12, 30, lastDaysAgo: 30), [], AsOf);
        monthly.Alerts.Should().NotContain(a => a.Kind == FollowUpAlertKind.Silence);

        // One-way e-mails from our side do not end a silence.
        var mails = Enumerable.Range(0, 3).Select(k => new Interaction
        {
            Id = new InteractionId($"mail-{k}"), RepId = Yamada, OccurredAt = AsOf.AddDays(-1 - (k * 5)), Channel = InteractionChannel.Email, Initiator = Initiator.Us,
        });
        scorer.Score(Yamada, [.. PlainMeetings(20, 7, lastDaysAgo: 30), .. mails], [], AsOf).Alerts
            .Should().Contain(a => a.Kind == FollowUpAlertKind.Silence);
    }

    [Fact]
    public void Every_raised_priority_carries_a_reason_in_japanese_and_english()
    {
        var data = PartnerKarte.SampleData.SampleKarteGenerator.Generate(new PartnerKarte.SampleData.SampleKarteOptions { RepCount = 120, InteractionCount = 6_000, ProposalCount = 900 });
        var scores = new TrustScorer().ScoreAll(data, PartnerKarte.SampleData.SampleKarteOptions.DefaultAsOf);

        scores.Should().Contain(s => s.FollowUpPriority >= FollowUpPriority.High);
        foreach (var s in scores.Where(s => s.FollowUpPriority >= FollowUpPriority.High))
        {
            s.Alerts.Should().Contain(a => a.RaisesPriority && a.Reason.Ja.Length > 0 && a.Reason.En.Length > 0, "{0} is {1}", s.RepId, s.FollowUpPriority);
        }
    }
}
