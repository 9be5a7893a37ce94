using System.Globalization;
using System.Text;
using PartnerKarte.Karte;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// <c>trust-backtest</c>: scores the sample history against the generator's hidden truth (rep types, cooling episodes),
/// which the scorer never sees, on two renderings of the same history: PartnerKarte-native records, and the plain CRM
/// rendering (no PK_* activity fields: only what the connectors derive from standard CRM fields).
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- trust-backtest [--seeds 3] [--reps 400] [--interactions 20000]</c>.
/// Prints a Markdown report: AUC of the score (star vs disengaged), silence detection within 21 days of a cooling
/// episode's start, urgent share and precision of Urgent/High, and the confusion tables per hidden type.
/// </remarks>
internal static class TrustBacktestCommand
{
    private const int DetectionDays = 21;
    private const int LateDetectionDays = 45;

    public static Task<int> RunAsync(string[] args)
    {
        var seeds = BenchmarkCommandLine.Option(args, "--seeds", 3);
        var reps = BenchmarkCommandLine.Option(args, "--reps", 400);
        var interactions = BenchmarkCommandLine.Option(args, "--interactions", 20_000L);
        var defaults = new TrustScoringOptions();
        var scorer = new TrustScorer(new TrustScoringOptions
        {
            SilenceMultiple = BenchmarkCommandLine.Option(args, "--silence-multiple", defaults.SilenceMultiple),
            SilenceFloor = TimeSpan.FromDays(BenchmarkCommandLine.Option(args, "--silence-floor-days", defaults.SilenceFloor.TotalDays)),
        });
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Trust back-test ({seeds} seed(s), {reps} reps, {interactions} interactions, 18 months each)");
        foreach (var rendering in new[] { Rendering.Native, Rendering.PlainCrm })
        {
            var total = new Tally();
            for (var s = 0; s < seeds; s++)
            {
                var options = new SampleKarteOptions { Seed = 20240401 + s, RepCount = reps, InteractionCount = interactions, ProposalCount = (int)(interactions * 3 / 20) };
                total.Add(Run(scorer, new SampleKarteGenerator(options), rendering));
            }

            report.AppendLine().Append(total.Render(rendering));
        }

        Console.Out.Write(report.ToString());
        return Task.FromResult(0);
    }

    private enum Rendering
    {
        Native,
        PlainCrm,
    }

    /// <summary>
    /// The plain CRM rendering of an interaction: what the connectors read from standard fields only. Calls keep their
    /// direction (Salesforce Task.CallType, Dataverse phonecall.directioncode) and e-mails theirs (EmailMessage.Incoming,
    /// email.directioncode); meetings and everything else have no recorded initiator. No purpose, reaction or reply
    /// latency is recorded, and agreed next actions are not read (an open CRM task is a to-do, not a contact).
    /// </summary>
    private static Interaction Plain(Interaction i) => i with
    {
        Channel = i.Channel switch
        {
            InteractionChannel.Meeting or InteractionChannel.WebMeeting or InteractionChannel.Meal or InteractionChannel.Event => InteractionChannel.Meeting,
            InteractionChannel.Call => InteractionChannel.Call,
            InteractionChannel.Email => InteractionChannel.Email,
            _ => InteractionChannel.Other,
        },
        Initiator = i.Channel is InteractionChannel.Call or InteractionChannel.Email ? i.Initiator : Initiator.Unknown,
        Purpose = InteractionPurpose.General,
        Reaction = Reaction.Unknown,
        ResponseLatency = null,
        NextAction = null,
    };

    private static Tally Run(TrustScorer scorer, SampleKarteGenerator generator, Rendering rendering)
    {
        var native = generator.Generate();
        var data = rendering == Rendering.Native ? native : native with { Interactions = [.. native.Interactions.Select(Plain)] };
        var asOf = generator.Options.AsOf;
        var truths = Enumerable.Range(0, generator.Options.RepCount).Select(generator.TruthOf).ToDictionary(t => t.RepId);
        var firstContact = native.Interactions.GroupBy(i => i.RepId).ToDictionary(g => g.Key, g => g.Min(i => i.OccurredAt));
        var tally = new Tally();

        // Owing a partner-side action: an open next action the rep owns, overdue at the instant (ground truth from the native records).
        var owes = native.Interactions
            .Where(i => i.NextAction is { Owner: null, DoneAt: null, Due: { } due } && due < asOf && due >= asOf.AddDays(-60))
            .Select(i => i.RepId).ToHashSet();

        bool Active(SampleRepTruth t, DateTimeOffset at) =>
            t.ActiveUntil >= DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(9)).DateTime).AddDays(-1) && firstContact.TryGetValue(t.RepId, out var f) && f < at;

        foreach (var score in scorer.ScoreAll(data, asOf))
        {
            var truth = truths[score.RepId];
            if (!Active(truth, asOf))
            {
                continue;
            }

            var row = truth.CoolingFrom is null ? (int)truth.Type : 4;
            tally.Ranks[row, RankColumn(score.Rank)]++;
            tally.Priorities[row, (int)score.FollowUpPriority]++;
            tally.Active++;
            if (score.FollowUpPriority == FollowUpPriority.Urgent)
            {
                tally.Urgent++;
            }

            if (score.FollowUpPriority >= FollowUpPriority.High)
            {
                tally.Flagged++;
                if (truth.CoolingFrom is not null || truth.Type == SampleRepType.Disengaged || owes.Contains(score.RepId))
                {
                    tally.FlaggedTrue++;
                }
            }

            if (score.Value is { } value)
            {
                tally.Scores[row].Add(value);
            }

            if (score.Value is { } v && truth.CoolingFrom is null && truth.Type is SampleRepType.Star or SampleRepType.Disengaged)
            {
                (truth.Type == SampleRepType.Star ? tally.StarScores : tally.DisengagedScores).Add(v);
            }
        }

        // Silence: each cooling rep still active at the end, scored every night from the episode's start for 21 days.
        var cooling = truths.Values.Where(t => t.CoolingFrom is not null && Active(t, asOf)).Select(t => t.RepId).ToHashSet();
        var caught = new HashSet<RepId>();
        var start = truths.Values.Where(t => t.CoolingFrom is not null).Select(t => t.CoolingFrom!.Value).DefaultIfEmpty(asOf).Min();
        for (var night = 0; night <= LateDetectionDays; night++)
        {
            if (night == DetectionDays + 1)
            {
                tally.CoolingCaught += caught.Count;
            }

            foreach (var score in scorer.ScoreAll(data, start.AddDays(night)))
            {
                if (cooling.Contains(score.RepId) && score.FollowUpPriority >= FollowUpPriority.High
                    && score.Alerts.Any(a => a.Kind == FollowUpAlertKind.Silence))
                {
                    caught.Add(score.RepId);
                }
            }
        }

        // The usual gap of each cooling rep before its episode: how fast a silence can be told from the rep's own rhythm.
        foreach (var rep in cooling)
        {
            var days = data.Interactions
                .Where(i => i.RepId == rep && i.OccurredAt < start && (i.Initiator == Initiator.Rep || i.Channel is InteractionChannel.Meeting
                    or InteractionChannel.WebMeeting or InteractionChannel.Call or InteractionChannel.Meal))
                .Select(i => i.OccurredAt.ToOffset(TimeSpan.FromHours(9)).Date).Distinct().Order().ToList();
            var gaps = days.Zip(days.Skip(1), (a, b) => (b - a).TotalDays).TakeLast(12).Order().ToList();
            if (gaps.Count >= 3)
            {
                tally.CoolingGaps.Add(gaps[gaps.Count / 2]);
            }
        }

        tally.Cooling += cooling.Count;
        tally.CoolingCaughtLate += caught.Count;
        return tally;
    }

    private static int RankColumn(TrustRank rank) => rank switch
    {
        TrustRank.S => 0,
        TrustRank.A => 1,
        TrustRank.B => 2,
        TrustRank.C => 3,
        TrustRank.D => 4,
        _ => 5,
    };

    /// <summary>AUC: the chance a random star scores above a random disengaged rep (ties count half).</summary>
    private static double Auc(List<double> positives, List<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return double.NaN;
        }

        double wins = 0;
        foreach (var p in positives)
        {
            foreach (var n in negatives)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }

        return wins / ((double)positives.Count * negatives.Count);
    }

    private sealed class Tally
    {
        private static readonly string[] RowNames = ["star", "steady", "cautious", "disengaged", "cooling (any type)"];

        public int[,] Ranks { get; } = new int[5, 6];

        public int[,] Priorities { get; } = new int[5, 4];

        public List<double>[] Scores { get; } = [[], [], [], [], []];

        public List<double> CoolingGaps { get; } = [];

        public List<double> StarScores { get; } = [];

        public List<double> DisengagedScores { get; } = [];

        public int Active { get; set; }

        public int Urgent { get; set; }

        public int Flagged { get; set; }

        public int FlaggedTrue { get; set; }

        public int Cooling { get; set; }

        public int CoolingCaught { get; set; }

        public int CoolingCaughtLate { get; set; }

        public void Add(Tally o)
        {
            for (var r = 0; r < 5; r++)
            {
                for (var c = 0; c < 6; c++)
                {
                    Ranks[r, c] += o.Ranks[r, c];
                }

                for (var c = 0; c < 4; c++)
                {
                    Priorities[r, c] += o.Priorities[r, c];
                }
            }

            for (var r = 0; r < 5; r++)
            {
                Scores[r].AddRange(o.Scores[r]);
            }

            CoolingGaps.AddRange(o.CoolingGaps);
            StarScores.AddRange(o.StarScores);
            DisengagedScores.AddRange(o.DisengagedScores);
            Active += o.Active;
            Urgent += o.Urgent;
            Flagged += o.Flagged;
            FlaggedTrue += o.FlaggedTrue;
            Cooling += o.Cooling;
            CoolingCaught += o.CoolingCaught;
            CoolingCaughtLate += o.CoolingCaughtLate;
        }

        private static string Pct(int n, int d) => d == 0 ? "–" : (100.0 * n / d).ToString("0.0", CultureInfo.InvariantCulture) + " %";

        public string Render(Rendering rendering)
        {
            var inv = CultureInfo.InvariantCulture;
            var b = new StringBuilder();
            b.AppendLine(rendering == Rendering.Native ? "## PartnerKarte-native records" : "## Plain CRM rendering (no PK_* activity fields)");
            b.AppendLine();
            b.AppendLine("| Measure | Target | Result |");
            b.AppendLine("|---|---|---|");
            var auc = Auc(StarScores, DisengagedScores);
            b.AppendLine(inv, $"| AUC, star vs disengaged (rated: {StarScores.Count} star, {DisengagedScores.Count} disengaged) | ≥ 0.90 | {auc:0.000} |");
            b.AppendLine(inv, $"| Cooling reps flagged High/Urgent with a silence reason within {DetectionDays} days | ≥ 80 % | {Pct(CoolingCaught, Cooling)} ({CoolingCaught}/{Cooling}) |");
            b.AppendLine(inv, $"| … within {LateDetectionDays} days | – | {Pct(CoolingCaughtLate, Cooling)} ({CoolingCaughtLate}/{Cooling}) |");
            b.AppendLine(inv, $"| Urgent share of active reps | ≤ 10 % | {Pct(Urgent, Active)} ({Urgent}/{Active}) |");
            b.AppendLine(inv, $"| Urgent/High reps truly cooling, disengaged or owing an overdue action | ≥ 70 % | {Pct(FlaggedTrue, Flagged)} ({FlaggedTrue}/{Flagged}) |");
            b.AppendLine();
            b.AppendLine("| Hidden type | S | A | B | C | D | Unrated | 緊急 Urgent | 高 High | 通常 Normal | 低 Low |");
            b.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            for (var r = 0; r < 5; r++)
            {
                b.Append("| ").Append(RowNames[r]);
                for (var c = 0; c < 6; c++)
                {
                    b.Append(" | ").Append(Ranks[r, c].ToString(inv));
                }

                for (var c = 3; c >= 0; c--)
                {
                    b.Append(" | ").Append(Priorities[r, c].ToString(inv));
                }

                b.AppendLine(" |");
            }

            b.AppendLine();
            b.AppendLine("| Hidden type | Score p10 | p25 | median | p75 | p90 |");
            b.AppendLine("|---|---|---|---|---|---|");
            for (var r = 0; r < 5; r++)
            {
                var q = Scores[r].Order().ToList();
                string P(double f) => q.Count == 0 ? "–" : q[(int)Math.Min(q.Count - 1, Math.Floor(f * q.Count))].ToString("0.0", inv);
                b.AppendLine(inv, $"| {RowNames[r]} | {P(0.1)} | {P(0.25)} | {P(0.5)} | {P(0.75)} | {P(0.9)} |");
            }

            var g = CoolingGaps.Order().ToList();
            string G(double f) => g.Count == 0 ? "–" : g[(int)Math.Min(g.Count - 1, Math.Floor(f * g.Count))].ToString("0", inv);
            b.AppendLine();
            b.AppendLine(inv, $"Usual gap between two-way contact days of the cooling reps before the episode (median of their last 12 gaps): p25 {G(0.25)} days, median {G(0.5)} days, p75 {G(0.75)} days ({g.Count} reps with at least 3 gaps).");
            return b.ToString();
        }
    }
}
