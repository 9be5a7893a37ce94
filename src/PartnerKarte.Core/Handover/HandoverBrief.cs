using System.Globalization;
using System.Text;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>
/// A handover brief (引き継ぎ資料): per rep, the karte summary, trust score with explanation and trend,
/// tendencies, approach tips, open items, a digest of recent interactions, relationships and suggested
/// introductions. Render it with <see cref="ToMarkdown"/> in Japanese or English.
/// </summary>
public sealed record HandoverBrief
{
    /// <summary>The plan's subject (<c>user:…</c> or <c>rep:…</c>).</summary>
    public required string Subject { get; init; }

    /// <summary>Which case.</summary>
    public required HandoverKind Kind { get; init; }

    /// <summary>The effective date.</summary>
    public required DateOnly EffectiveOn { get; init; }

    /// <summary>The instant the brief describes.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The companies concerned.</summary>
    public IReadOnlyList<PartnerCompany> Companies { get; init; } = [];

    /// <summary>The reps concerned, one section each.</summary>
    public IReadOnlyList<RepBrief> Reps { get; init; } = [];

    /// <summary>Key-person risk, for a rep departure.</summary>
    public KeyPersonRisk? KeyPersonRisk { get; init; }

    /// <summary>Days covered by the digest.</summary>
    public int DigestDays { get; init; } = 90;

    /// <summary>Required items that are missing, as <c>rep:&lt;id&gt;:&lt;item&gt;</c>.</summary>
    public IReadOnlyList<string> MissingItems { get; init; } = [];

    /// <summary>Renders the brief as Markdown.</summary>
    /// <param name="culture">The language: Japanese for a <c>ja</c> culture or <see langword="null"/> (the default), English otherwise.</param>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown(CultureInfo? culture = null)
    {
        var ja = LocalizedText.IsJapanese(culture);
        string L(string j, string e) => ja ? j : e;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("# ").Append(L("引き継ぎブリーフ", "Handover brief")).Append(": ").Append(Subject).Append(" (").Append(EffectiveOn.ToString("yyyy-MM-dd", inv)).AppendLine(")").AppendLine();
        if (KeyPersonRisk is { Flagged: true } risk)
        {
            sb.Append("> ⚠ ").Append(L("キーパーソンリスク", "Key-person risk")).Append(" (").Append(risk.Level).Append("): ")
              .Append(L($"商談の {risk.DealFlowShare:P0}・受注額の {risk.WonAmountShare:P0}・信頼の {risk.TrustShare:P0} がこの担当者に集中",
                        $"{risk.DealFlowShare:P0} of deals, {risk.WonAmountShare:P0} of won amount and {risk.TrustShare:P0} of trust sat with this rep"))
              .AppendLine().AppendLine();
        }

        if (Companies.Count > 0)
        {
            sb.Append("## ").AppendLine(L("企業", "Companies")).AppendLine();
            foreach (var c in Companies)
            {
                var p = c.Profile;
                sb.Append("- **").Append(c.Name).Append("** — ").Append(p.Industry ?? "-").Append(", ").Append(p.Prefecture ?? "-").Append(", ")
                  .Append(p.EmployeeCount?.ToString(inv) ?? "-").Append(L("名", " employees"));
                if (c.FocusTags.Count > 0)
                {
                    sb.Append("; ").Append(L("注力: ", "focus: ")).Append(string.Join(ja ? "、" : ", ", c.FocusTags));
                }

                if (!string.IsNullOrWhiteSpace(c.BusinessPolicy))
                {
                    sb.Append("; ").Append(L("方針: ", "policy: ")).Append(c.BusinessPolicy);
                }

                sb.AppendLine();
            }

            sb.AppendLine();
        }

        foreach (var r in Reps)
        {
            var rep = r.Rep;
            sb.Append("## ").Append(rep.Name.Display);
            if (rep.Name.Kana is { } kana)
            {
                sb.Append(" (").Append(kana).Append(')');
            }

            sb.Append(" — ").Append(r.CompanyName);
            if (rep.Department is not null || rep.Title is not null)
            {
                sb.Append(' ').Append(rep.Department).Append(' ').Append(rep.Title);
            }

            sb.AppendLine().AppendLine();
            if (r.Successor is { } succ)
            {
                sb.Append("- ").Append(L("後任（当社）: ", "Successor (our side): ")).AppendLine(succ.Value);
            }

            if (r.Trust is { Value: double v } t)
            {
                sb.Append("- ").Append(L("信頼スコア: ", "Trust score: ")).Append(v.ToString("0", inv)).Append(" (").Append(t.Rank).Append(')');
                if (t.Trend is double trend)
                {
                    sb.Append(L("、推移 ", ", trend ")).Append(trend.ToString("+0.0;-0.0;0.0", inv));
                }

                sb.AppendLine();
                foreach (var e in r.TrustExplanation)
                {
                    sb.Append("  - ").AppendLine(e.Get(culture));
                }
            }
            else
            {
                sb.Append("- ").AppendLine(L("信頼スコア: 評価保留（根拠不足）", "Trust score: unrated (too little evidence)"));
            }

            if (r.Tendencies.Count > 0)
            {
                sb.Append("- ").Append(L("対応傾向: ", "Tendencies: ")).AppendLine(string.Join(ja ? "、" : ", ", r.Tendencies.Select(x => x.Get(culture))));
            }

            if (rep.ExpertiseTags.Count + rep.InterestTags.Count > 0)
            {
                sb.Append("- ").Append(L("得意領域: ", "Expertise: ")).Append(string.Join(ja ? "、" : ", ", rep.ExpertiseTags))
                  .Append(L(" / 関心: ", " / interests: ")).AppendLine(string.Join(ja ? "、" : ", ", rep.InterestTags));
            }

            foreach (var tip in r.ApproachTips)
            {
                sb.Append("- ").Append(L("アプローチ", "Approach")).Append(" (").Append(tip.Basis).Append("): ").Append(tip.Headline.Get(culture)).Append(". ")
                  .Append(L("推奨: ", "Do: ")).Append(string.Join(ja ? "／" : "; ", tip.Do.Select(d => d.Get(culture)))).Append(". ")
                  .Append(L("避ける: ", "Avoid: ")).AppendLine(string.Join(ja ? "／" : "; ", tip.Avoid.Select(d => d.Get(culture))));
            }

            sb.Append("- ").Append(L("未完了の商談: ", "Open proposals: "));
            sb.AppendLine(r.OpenProposals.Count == 0 ? L("なし", "none") : string.Join(ja ? "、" : ", ", r.OpenProposals.Select(p => $"{p.Offer} ({p.Stage}, ¥{p.Amount.ToString("N0", inv)})")));
            sb.Append("- ").Append(L("次回アクション: ", "Next actions: "));
            sb.AppendLine(r.OpenActions.Count == 0 ? L("なし", "none") : string.Join(ja ? "、" : ", ", r.OpenActions.Select(i => $"{i.NextAction!.What} ({i.NextAction.Due?.ToString("yyyy-MM-dd", inv) ?? "-"})")));
            sb.Append("- ").Append(L($"直近{DigestDays}日の履歴", $"Last {DigestDays} days")).Append(": ").Append(r.RecentInteractions.Count.ToString(inv)).AppendLine(L("件", " interactions"));
            foreach (var i in r.RecentInteractions.Take(10))
            {
                sb.Append("  - ").Append(i.OccurredAt.ToString("yyyy-MM-dd", inv)).Append(' ').Append(i.Channel).Append(", ").Append(i.Reaction);
                if (!string.IsNullOrWhiteSpace(i.Statements))
                {
                    sb.Append(": ").Append(i.Statements);
                }

                if (!string.IsNullOrWhiteSpace(i.Concerns))
                {
                    sb.Append(L(" / 懸念: ", " / concerns: ")).Append(i.Concerns);
                }

                sb.AppendLine();
            }

            if (r.Relationships.Count > 0)
            {
                sb.Append("- ").Append(L("関係: ", "Relationships: ")).AppendLine(string.Join(", ", r.Relationships.Select(x => $"{x.Person} ({x.Strength.ToString("0.00", inv)})")));
            }

            foreach (var s in r.SuggestedIntroductions)
            {
                sb.Append("- ").Append(L("紹介の提案: ", "Suggested introduction: ")).Append(s.Via.Value).Append(" → ").Append(s.To.Value)
                  .Append(" (").Append(string.Join(", ", s.Evidence.Select(e => e.Kind))).Append(", ").Append(s.Strength.ToString("0.00", inv)).AppendLine(")");
            }

            if (r.PathFromSuccessor is { } path)
            {
                sb.Append("- ").Append(L("後任からの経路: ", "Path from the successor: ")).Append(string.Join(" → ", path.People)).Append(" (").Append(path.Score.ToString("0.00", inv)).AppendLine(")");
            }

            sb.AppendLine();
        }

        if (MissingItems.Count > 0)
        {
            sb.Append("## ").AppendLine(L("不足項目", "Missing items")).AppendLine();
            foreach (var m in MissingItems)
            {
                sb.Append("- ").AppendLine(m);
            }
        }

        return sb.ToString();
    }
}
