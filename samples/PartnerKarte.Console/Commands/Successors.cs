using System.Globalization;
using PartnerKarte.Console.Cli;
using PartnerKarte.Handover;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// Suggested successors (後任候補) when <c>handover</c> runs without <c>--to</c>: for a partner rep, the planner's
/// candidates at the same partner (same department, overlapping expertise, existing trust); for one of us, the active
/// members of our team — same team first, then those who already know the partners, then the lightest load.
/// </summary>
internal static class Successors
{
    /// <summary>Candidates shown (the rest rarely matter and the user types one id back).</summary>
    public const int Shown = 3;

    public static IReadOnlyList<Suggestion> Suggest(KarteDataSet data, HandoverPlan plan, string from, People people)
    {
        if (plan.Kind == HandoverKind.RepDeparture)
        {
            var reps = data.Reps.ToDictionary(r => r.Id);
            return [.. plan.SuccessorCandidates.Take(Shown).Select(c => new Suggestion(
                c.RepId.Value,
                reps.TryGetValue(c.RepId, out var r) ? r.Name.Display : c.RepId.Value,
                Math.Round(c.Score, 2),
                c.Reasons.Count == 0 ? [new LocalizedText("同じ会社の在籍者", "Active at the same partner")] : [.. c.Reasons.Select(x => x.Text)]))];
        }

        var departing = new UserId(from);
        var me = data.TeamMembers.FirstOrDefault(m => m.Id == departing);
        var companies = data.Companies.Where(c => c.OwnerId == departing).Select(c => c.Id)
            .Concat(data.Reps.Where(r => r.OwnerId == departing).Select(r => r.CompanyId)).ToHashSet();
        var repCompany = data.Reps.ToDictionary(r => r.Id, r => r.CompanyId);
        var contacts = data.Interactions
            .Where(i => i.UserId is { } u && u != departing && repCompany.TryGetValue(i.RepId, out var c) && companies.Contains(c))
            .GroupBy(i => i.UserId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var load = data.Companies.Select(c => c.OwnerId).Concat(data.Reps.Select(r => r.OwnerId))
            .Concat(data.Proposals.Where(p => p.Outcome == ProposalOutcome.Open).Select(p => p.OwnerId))
            .OfType<UserId>().GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
        var pool = data.TeamMembers.Where(m => m.Active && m.Id != departing).ToList();
        var maxLoad = Math.Max(1, pool.Select(m => load.GetValueOrDefault(m.Id)).DefaultIfEmpty(0).Max());
        var maxContacts = Math.Max(1, contacts.Values.DefaultIfEmpty(0).Max());
        var list = new List<Suggestion>();
        foreach (var m in pool)
        {
            var reasons = new List<(double Weight, LocalizedText Text)>();
            if (me?.Team is { } team && string.Equals(m.Team, team, StringComparison.Ordinal))
            {
                reasons.Add((0.5, new($"同じチーム（{team}）", $"Same team ({team})")));
            }

            if (contacts.GetValueOrDefault(m.Id) is var n and > 0)
            {
                reasons.Add((0.3 * n / maxContacts, new($"引き継ぐ企業との接点 {n} 件", $"{n} interactions with the partners handed over")));
            }

            var l = load.GetValueOrDefault(m.Id);
            reasons.Add((0.2 * (1 - ((double)l / maxLoad)), new($"現在の担当 {l} 件（企業・担当者・進行中の提案）", $"Current load {l} (companies, reps, open proposals)")));
            reasons.Sort((a, b) => b.Weight.CompareTo(a.Weight));
            list.Add(new Suggestion(m.Id.Value, people.Name(m.Id), Math.Round(reasons.Sum(r => r.Weight), 2), [.. reasons.Select(r => r.Text)]));
        }

        return [.. list.OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal).Take(Shown)];
    }

    public static void Print(CliOutput output, IReadOnlyList<Suggestion> suggestions)
    {
        if (suggestions.Count == 0)
        {
            return;
        }

        output.Console.MarkupLine("[bold]後任候補 (suggested successors)[/] — --to で指定して再実行 / rerun with --to:");
        var n = 1;
        foreach (var s in suggestions)
        {
            output.Console.MarkupLine(Markup.Escape($"{n++}. {s.Name}（{s.Id}） 適合度 {s.Score.ToString("0.00", CultureInfo.InvariantCulture)} (fit)"));
            foreach (var r in s.Reasons)
            {
                output.Console.MarkupLine(Markup.Escape($"   - {r.Ja} / {r.En}"));
            }
        }
    }

    /// <summary>A suggested successor with the reasons, largest first.</summary>
    internal sealed record Suggestion(string Id, string Name, double Score, IReadOnlyList<LocalizedText> Reasons);
}
