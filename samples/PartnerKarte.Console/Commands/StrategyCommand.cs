using System.CommandLine;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// <c>strategy --company C [--tags-from …] --tags-to …</c>: when a partner's strategy changes, the reps and offers to
/// re-target (reps ordered by trust) and the proposals at risk.
/// </summary>
internal static class StrategyCommand
{
    private static readonly Option<string> CompanyOption = new("--company") { Description = "The partner company whose strategy changed (C-…).", Required = true };
    private static readonly Option<string?> FromOption = new("--tags-from") { Description = "Its focus before, comma separated (default: the karte's current focus tags)." };
    private static readonly Option<string> ToOption = new("--tags-to") { Description = "Its focus now, comma separated, e.g. 製造業DX,セキュリティ.", Required = true };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("strategy", "戦略変更への対応 (re-targeting): the reps and offers to re-target when a partner's focus changes, and the proposals at risk.")
        {
            CompanyOption, FromOption, ToOption,
        };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var companyId = new CompanyId(parse.GetValue(CompanyOption)!.Trim());
        var to = Labels.SplitList(parse.GetValue(ToOption));
        if (to.Count == 0)
        {
            throw CliException.BadInput("--tags-to is empty: give the partner's new focus, e.g. --tags-to 製造業DX,セキュリティ.");
        }

        var store = ctx.OpenStore();
        var data = await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false);
        var company = data.Companies.FirstOrDefault(c => c.Id == companyId)
            ?? throw CliException.BadInput($"--company {companyId.Value}: no partner company with this id (ids look like C-001).");
        var before = parse.GetValue(FromOption) is { } from ? company with { FocusTags = Labels.SplitList(from) } : company;
        var after = company with { FocusTags = to };

        // The offers we place are the ones our proposals carry: each product with the themes it was proposed with.
        var offers = data.Proposals
            .GroupBy(p => p.Offer, StringComparer.Ordinal)
            .Select(g => new Offer { Product = g.Key, Themes = [.. g.SelectMany(p => p.Themes).Distinct(StringComparer.Ordinal)] })
            .OrderBy(o => o.Product, StringComparer.Ordinal)
            .ToList();
        var change = StrategyChangeDetector.Detect(before, after, data, offers);
        var asOf = ctx.AsOf;
        var trust = (Engines.ScoreAll(data, asOf) ?? []).ToDictionary(s => s.RepId);
        var reps = data.Reps.ToDictionary(r => r.Id);
        var matchingReps = change.MatchingReps
            .OrderByDescending(m => trust.GetValueOrDefault(m.RepId)?.Value ?? -1)
            .ThenBy(m => m.RepId.Value, StringComparer.Ordinal)
            .ToList();
        var atRisk = data.Proposals.Where(p => change.ProposalsAtRisk.Contains(p.Id)).ToList();

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = true,
                companyId = company.Id.Value,
                company = company.Name,
                changed = change.HasChanged,
                added = change.AddedFocus,
                removed = change.RemovedFocus,
                reps = matchingReps.Select(m => new
                {
                    repId = m.RepId.Value,
                    name = reps.GetValueOrDefault(m.RepId)?.Name.Display,
                    trust = trust.GetValueOrDefault(m.RepId)?.Value is double t ? Math.Round(t, 1) : (double?)null,
                    rank = trust.GetValueOrDefault(m.RepId)?.Rank.ToString(),
                    matchedTags = m.MatchedTags,
                }),
                offers = change.OffersToRetarget.Select(o => new { product = o.Offer.Product, matchedTags = o.MatchedTags }),
                proposalsAtRisk = atRisk.Select(p => new { proposalId = p.Id.Value, p.Offer, p.Themes, p.Amount }),
            });
            return ExitCodes.Ok;
        }

        var console = ctx.Output.Console;
        console.MarkupLine($"[bold]戦略変更 (strategy change)[/] {Markup.Escape(company.Name)} ({Markup.Escape(company.Id.Value)})");
        if (!change.HasChanged)
        {
            console.MarkupLine("重点テーマに変化はありません (the focus did not change).");
            return ExitCodes.Ok;
        }

        console.MarkupLine(Markup.Escape($"追加 (added): {Join(change.AddedFocus)} / 削除 (removed): {Join(change.RemovedFocus)}"));
        var repTable = new Table().Border(TableBorder.Rounded).Title("新しい重点に合う担当者 (reps to re-target, by trust)");
        repTable.AddColumn("担当者 / rep");
        repTable.AddColumn("信頼 / trust");
        repTable.AddColumn("一致 / matched");
        foreach (var m in matchingReps)
        {
            var t = trust.GetValueOrDefault(m.RepId);
            repTable.AddRow(
                Markup.Escape($"{reps.GetValueOrDefault(m.RepId)?.Name.Display ?? m.RepId.Value} ({m.RepId.Value})"),
                Markup.Escape(t?.Value is double v ? $"{v:0.0} ({t.Rank})" : "—"),
                Markup.Escape(string.Join("、", m.MatchedTags)));
        }

        if (matchingReps.Count > 0)
        {
            console.Write(repTable);
        }
        else
        {
            console.MarkupLine("新しい重点に合う担当者はまだいません (no rep matches the new focus yet).");
        }

        console.MarkupLine(Markup.Escape("再提案する商材 (offers to re-target): " + (change.OffersToRetarget.Count == 0 ? "—" : string.Join("、", change.OffersToRetarget.Select(o => $"{o.Offer.Product}（{string.Join("・", o.MatchedTags)}）")))));
        console.MarkupLine(Markup.Escape("影響を受ける提案 (proposals at risk): " + (atRisk.Count == 0 ? "—" : string.Join("、", atRisk.Select(p => $"{p.Id.Value} {p.Offer}")))));
        return ExitCodes.Ok;
    }

    private static string Join(IReadOnlyList<string> tags) => tags.Count == 0 ? "—" : string.Join("、", tags);
}
