using System.CommandLine;
using System.Globalization;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary><c>target --offer "…" [--tags …] [--top N]</c>: the reps to bring an offer to, with reasons and an approach tip.</summary>
internal static class TargetCommand
{
    private static readonly Option<string> OfferOption = new("--offer") { Description = "The product or package to place, e.g. クラウド会計.", Required = true };
    private static readonly Option<string?> TagsOption = new("--tags") { Description = "Themes of the offer, comma separated, e.g. インボイス制度,DX (matched against rep expertise and interests, company focus)." };
    private static readonly Option<string?> IndustriesOption = new("--industries") { Description = "Industries the offer fits, comma separated (default: any)." };
    private static readonly Option<double?> MinTrustOption = new("--min-trust") { Description = "Only reps with at least this trust score (0–100); unrated reps are left out." };
    private static readonly Option<int> TopOption = new("--top") { Description = "How many reps to list (1–200).", DefaultValueFactory = _ => 10 };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("target", "提案先の選定 (targeting): the partner reps to bring an offer to, with reasons and how to approach them.")
        {
            OfferOption, TagsOption, IndustriesOption, MinTrustOption, TopOption,
        };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var product = parse.GetValue(OfferOption)!.Trim();
        if (product.Length == 0)
        {
            throw CliException.BadInput("--offer is empty: name the product or package, e.g. --offer \"クラウド会計\".");
        }

        var top = parse.GetValue(TopOption);
        if (top is < 1 or > 200)
        {
            throw CliException.BadInput($"--top must be between 1 and 200 (was {top}).");
        }

        var minTrust = parse.GetValue(MinTrustOption);
        if (minTrust is < 0 or > 100)
        {
            throw CliException.BadInput($"--min-trust must be between 0 and 100 (was {minTrust?.ToString(CultureInfo.InvariantCulture)}).");
        }

        var offer = new Offer
        {
            Product = product,
            Themes = Labels.SplitList(parse.GetValue(TagsOption)),
            TargetIndustries = Labels.SplitList(parse.GetValue(IndustriesOption)),
            MinimumTrust = minTrust,
        };
        var store = ctx.OpenStore();
        var data = await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false);
        var asOf = ctx.AsOf;
        var trust = (Engines.ScoreAll(data, asOf) ?? []).ToDictionary(s => s.RepId);
        var matches = new ProposalTargeter(data, trust).Target(offer, asOf, top);
        var companies = data.Companies.ToDictionary(c => c.Id);
        var reps = data.Reps.ToDictionary(r => r.Id);

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = true,
                offer,
                asOf,
                matches = matches.Select((m, i) => new
                {
                    rank = i + 1,
                    companyId = m.CompanyId.Value,
                    company = companies.GetValueOrDefault(m.CompanyId)?.Name,
                    repId = m.RepId.Value,
                    rep = reps.GetValueOrDefault(m.RepId)?.Name.Display,
                    score = Math.Round(m.Score, 3),
                    trust = trust.GetValueOrDefault(m.RepId)?.Value is double t ? Math.Round(t, 1) : (double?)null,
                    reasons = m.Reasons.Select(r => new { r.Code, contribution = Math.Round(r.Contribution, 3), ja = r.Text.Ja, en = r.Text.En }),
                    approach = m.Approach is { } a ? new { a.Basis, headline = a.Headline, @do = a.Do, avoid = a.Avoid } : null,
                }),
            });
            return ExitCodes.Ok;
        }

        var console = ctx.Output.Console;
        console.MarkupLine($"[bold]提案先の候補 (targets)[/] {Markup.Escape(product)}{(offer.Themes.Count > 0 ? Markup.Escape($"（{string.Join("・", offer.Themes)}）") : string.Empty)}  評価時点 {asOf.ToOffset(TimeSpan.FromHours(9)):yyyy-MM-dd}");
        if (matches.Count == 0)
        {
            console.MarkupLine("条件に合う担当者はいません (no rep fits the offer and its conditions).");
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("#");
        table.AddColumn("会社 / company");
        table.AddColumn("担当者 / rep");
        table.AddColumn(new TableColumn("適合 / fit").RightAligned());
        table.AddColumn("理由 / reasons");
        table.AddColumn("接し方 / approach");
        var n = 1;
        foreach (var m in matches)
        {
            var company = companies.GetValueOrDefault(m.CompanyId)?.Name ?? m.CompanyId.Value;
            var rep = reps.GetValueOrDefault(m.RepId)?.Name.Display ?? m.RepId.Value;
            table.AddRow(
                (n++).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(company),
                Markup.Escape($"{rep} ({m.RepId.Value})"),
                m.Score.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("\n", m.Reasons.Take(3).Select(r => r.Text.Ja))),
                Markup.Escape(m.Approach?.Headline.Ja ?? "—"));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}
