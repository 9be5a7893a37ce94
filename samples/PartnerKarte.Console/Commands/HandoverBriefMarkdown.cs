using System.Globalization;
using System.Text;
using PartnerKarte.Handover;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// The handover brief as a Japanese Markdown page a successor reads in minutes: the summary and the reps to look at
/// first, then at most <see cref="DetailedReps"/> reps in detail (each bounded), then the rest as one line each.
/// </summary>
/// <remarks>
/// The bound: a successor takes over one departing owner's book (often 100+ reps) and reads the brief before the first
/// calls; a page that lists every interaction of every rep is not read at all. So the brief shows the risks and open
/// commitments first and caps each part: <see cref="PriorityReps"/> rows, <see cref="DetailedReps"/> sections of at most
/// <see cref="ItemsPerList"/> items per list, and <see cref="ListedReps"/> one-line entries; the whole karte stays one
/// <c>partnerkarte karte --rep</c> away. Whatever the size of the book, the page stays under about 330 lines (a few
/// minutes' reading); the largest owner of the demo data (184 reps, 290 open commitments) gives about 320.
/// </remarks>
internal static class HandoverBriefMarkdown
{
    public const int PriorityReps = 10;
    public const int DetailedReps = 15;
    public const int ItemsPerList = 3;
    public const int ListedReps = 60;

    public static string Render(HandoverBrief brief, HandoverPlan plan, DateTimeOffset asOf, People? people = null)
    {
        people ??= new People([]);
        var inv = CultureInfo.InvariantCulture;
        var now = asOf;
        var sb = new StringBuilder();
        var kind = brief.Kind == HandoverKind.OwnerDeparture ? "当社担当者の異動・退職" : "パートナー担当者の異動・退職";
        var subject = plan.DepartingUser is { } user ? $"{people.Name(user)} の担当（当社）"
            : brief.Reps.FirstOrDefault(r => r.Rep.Id == plan.DepartingRep) is { } departing ? $"{departing.Rep.Name.Display}（{departing.CompanyName}）"
            : brief.Subject;
        sb.Append("# 引き継ぎブリーフ: ").Append(subject).AppendLine()
          .AppendLine()
          .Append("- 種類: ").AppendLine(kind)
          .Append("- 効力日: ").AppendLine(brief.EffectiveOn.ToString("yyyy-MM-dd", inv))
          .Append("- 作成時点: ").AppendLine(asOf.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", inv));

        var ranked = brief.Reps
            .Select(r => (Brief: r, Overdue: r.OpenActions.Count(a => a.NextAction?.Due is { } d && d < now), Score: Priority(r, now)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Brief.Rep.Id.Value, StringComparer.Ordinal)
            .ToList();
        var openProposals = brief.Reps.SelectMany(r => r.OpenProposals).DistinctBy(p => p.Id).ToList();
        var openActions = brief.Reps.SelectMany(r => r.OpenActions).DistinctBy(i => i.Id).ToList();
        sb.Append("- 対象: 企業 ").Append(brief.Companies.Count.ToString(inv)).Append(" 社、担当者 ").Append(brief.Reps.Count.ToString(inv))
          .Append(" 名、進行中の提案 ").Append(openProposals.Count.ToString(inv)).Append(" 件（").Append(Labels.Yen(openProposals.Sum(p => p.Amount)))
          .Append("）、未完了の約束 ").Append(openActions.Count.ToString(inv)).Append(" 件（うち期限切れ ")
          .Append(openActions.Count(a => a.NextAction?.Due is { } d && d < now).ToString(inv)).AppendLine(" 件）")
          .AppendLine();

        if (brief.KeyPersonRisk is { Flagged: true } risk)
        {
            sb.Append("> ⚠ キーパーソンリスク: 商談の ").Append(risk.DealFlowShare.ToString("P0", inv)).Append("・受注額の ")
              .Append(risk.WonAmountShare.ToString("P0", inv)).Append(" がこの担当者に集中しています。後任への紹介を最優先に。").AppendLine().AppendLine();
        }

        foreach (var issue in plan.Issues)
        {
            sb.Append("> 課題: ").AppendLine(people.Humanize(issue.Message.Ja));
        }

        if (plan.Issues.Count > 0)
        {
            sb.AppendLine();
        }

        sb.Append("## まず確認すること（上位 ").Append(Math.Min(PriorityReps, ranked.Count).ToString(inv)).AppendLine(" 名）").AppendLine()
          .AppendLine("| 担当者 | 会社 | 信頼 | 要点 |")
          .AppendLine("|---|---|---|---|");
        foreach (var (r, overdue, _) in ranked.Take(PriorityReps))
        {
            sb.Append("| ").Append(Cell(r.Rep.Name.Display)).Append(" | ").Append(Cell(r.CompanyName)).Append(" | ").Append(Trust(r.Trust)).Append(" | ")
              .Append(Cell(Points(r, overdue))).AppendLine(" |");
        }

        sb.AppendLine();
        sb.Append("## 担当者ごとの詳細（上位 ").Append(Math.Min(DetailedReps, ranked.Count).ToString(inv)).AppendLine(" 名）").AppendLine();
        foreach (var (r, _, _) in ranked.Take(DetailedReps))
        {
            var rep = r.Rep;
            sb.Append("### ").Append(rep.Name.Display);
            if (rep.Name.Kana is { } kana)
            {
                sb.Append("（").Append(kana).Append('）');
            }

            sb.Append(" — ").Append(r.CompanyName).Append(' ').Append(rep.Department).Append(' ').Append(rep.Title).AppendLine().AppendLine();
            if (r.Successor is { } successor)
            {
                sb.Append("- 後任（当社）: ").AppendLine(people.Name(successor));
            }

            sb.Append("- 信頼: ").AppendLine(Trust(r.Trust));
            foreach (var line in r.TrustExplanation.Take(ItemsPerList))
            {
                sb.Append("  - ").AppendLine(line.Ja);
            }

            var actions = r.OpenActions.OrderBy(a => a.NextAction?.Due ?? DateTimeOffset.MaxValue).ToList();
            foreach (var a in actions.Take(ItemsPerList))
            {
                var due = a.NextAction!.Due;
                sb.Append("- 約束: ").Append(a.NextAction.What).Append("（期限 ").Append(due?.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", inv) ?? "なし")
                  .Append(due is { } d && d < now ? "、期限切れ" : string.Empty).AppendLine("）");
            }

            if (actions.Count > ItemsPerList)
            {
                sb.Append("- 約束: ほか ").Append((actions.Count - ItemsPerList).ToString(inv)).AppendLine(" 件").ToString();
            }

            foreach (var p in r.OpenProposals.OrderByDescending(p => p.Amount).Take(ItemsPerList))
            {
                sb.Append("- 進行中の提案: ").Append(p.Offer).Append(' ').AppendLine(Labels.Yen(p.Amount));
            }

            if (r.ApproachTips.FirstOrDefault() is { } tip)
            {
                sb.Append("- 接し方（").Append(tip.Basis).Append("）: ").AppendLine(tip.Headline.Ja);
            }

            if (r.RecentInteractions.OrderByDescending(i => i.OccurredAt).FirstOrDefault() is { } last)
            {
                sb.Append("- 最後の接点: ").Append(last.OccurredAt.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", inv)).Append(' ').Append(Labels.Of(last.Channel))
                  .Append('、').AppendLine(Labels.Of(last.Initiator));
            }

            sb.AppendLine();
        }

        var rest = ranked.Skip(DetailedReps).ToList();
        if (rest.Count > 0)
        {
            sb.Append("## そのほかの担当者（").Append(rest.Count.ToString(inv)).AppendLine(" 名）").AppendLine();
            foreach (var (r, overdue, _) in rest.Take(ListedReps))
            {
                sb.Append("- ").Append(r.Rep.Name.Display).Append(" — ").Append(r.CompanyName).Append(" — 信頼 ").Append(Trust(r.Trust)).Append(" — ").AppendLine(Points(r, overdue));
            }

            if (rest.Count > ListedReps)
            {
                sb.Append("- ほか ").Append((rest.Count - ListedReps).ToString(inv)).AppendLine(" 名（`partnerkarte handover … --json` で全件）");
            }

            sb.AppendLine();
        }

        sb.AppendLine("各担当者のカルテ全体は `partnerkarte karte --rep <ID>` で確認できます。");
        return sb.ToString();
    }

    /// <summary>What to look at first: overdue and open commitments, open deals, and trusted relationships at stake.</summary>
    private static double Priority(RepBrief r, DateTimeOffset now)
    {
        var overdue = r.OpenActions.Count(a => a.NextAction?.Due is { } d && d < now);
        var amount = (double)r.OpenProposals.Sum(p => p.Amount);
        var trust = r.Trust?.Rank switch { TrustRank.S => 3, TrustRank.A => 2, TrustRank.B => 1, _ => 0 };
        return (overdue * 10) + (r.OpenActions.Count * 3) + (r.OpenProposals.Count * 4) + Math.Log10(1 + amount) + trust;
    }

    private static string Points(RepBrief r, int overdue)
    {
        var parts = new List<string>();
        if (overdue > 0)
        {
            parts.Add($"期限切れの約束 {overdue} 件");
        }

        if (r.OpenActions.Count - overdue > 0)
        {
            parts.Add($"未完了の約束 {r.OpenActions.Count - overdue} 件");
        }

        if (r.OpenProposals.Count > 0)
        {
            parts.Add($"進行中の提案 {r.OpenProposals.Count} 件（{Labels.Yen(r.OpenProposals.Sum(p => p.Amount))}）");
        }

        return parts.Count == 0 ? "関係の維持" : string.Join("、", parts);
    }

    private static string Trust(TrustScore? t) => t?.Value is double v ? $"{v:0} ({t.Rank})" : "評価保留";

    private static string Cell(string text) => text.Replace("|", "｜", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
