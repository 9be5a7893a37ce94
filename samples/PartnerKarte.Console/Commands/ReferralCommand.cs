using System.CommandLine;
using System.Globalization;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary><c>referral --to C-…|R-… [--from U-…] [--paths K]</c>: the best introduction paths through trusted reps, with each hop's evidence.</summary>
internal static class ReferralCommand
{
    private static readonly Option<string> ToOption = new("--to") { Description = "Whom to reach: a partner company (C-…) or a rep (R-…).", Required = true };
    private static readonly Option<string?> DepartmentOption = new("--department") { Description = "With a company: one department of it (他事業部), e.g. 情報システム部." };
    private static readonly Option<string?> FromOption = new("--from") { Description = "Our team members to start from, comma separated (default: everyone active)." };
    private static readonly Option<int> PathsOption = new("--paths") { Description = "How many paths to show (1–20).", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> MaxHopsOption = new("--max-hops") { Description = $"The longest chain of introductions (1–{ReferralQuery.MaxSupportedHops}).", DefaultValueFactory = _ => ReferralQuery.DefaultMaxHops };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("referral", "紹介経路 (referral paths): who can introduce us to a partner company or rep, through trusted reps, with the evidence of each hop.")
        {
            ToOption, DepartmentOption, FromOption, PathsOption, MaxHopsOption,
        };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    /// <summary>A relationship kind as people say it.</summary>
    public static (string Ja, string En) Label(RelationshipKind kind) => kind switch
    {
        RelationshipKind.Contact => ("接点あり", "in contact"),
        RelationshipKind.Owner => ("担当", "owner"),
        RelationshipKind.Colleague => ("同僚", "colleagues"),
        RelationshipKind.SameDepartment => ("同じ部署", "same department"),
        RelationshipKind.SharedMeeting => ("同席", "met together"),
        RelationshipKind.Knows => ("知り合い", "knows"),
        RelationshipKind.Introduced => ("紹介実績", "introduced"),
        _ => ("同じチーム", "teammates"),
    };

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var to = parse.GetValue(ToOption)!.Trim();
        var paths = parse.GetValue(PathsOption);
        var maxHops = parse.GetValue(MaxHopsOption);
        if (paths is < 1 or > 20)
        {
            throw CliException.BadInput($"--paths must be between 1 and 20 (was {paths}).");
        }

        if (maxHops < 1 || maxHops > ReferralQuery.MaxSupportedHops)
        {
            throw CliException.BadInput($"--max-hops must be between 1 and {ReferralQuery.MaxSupportedHops} (was {maxHops}).");
        }

        var store = ctx.OpenStore();
        var data = KarteLoader.WithOwnersAsTeam(await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false));
        var companies = data.Companies.ToDictionary(c => c.Id);
        var reps = data.Reps.ToDictionary(r => r.Id);
        var from = parse.GetValue(FromOption) is { } f
            ? f.Split([',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new UserId(u)).ToList()
            : null;
        ReferralQuery query;
        if (companies.ContainsKey(new CompanyId(to)))
        {
            query = parse.GetValue(DepartmentOption) is { Length: > 0 } department
                ? ReferralQuery.ToDepartment(new CompanyId(to), department)
                : ReferralQuery.ToCompany(new CompanyId(to));
        }
        else if (reps.ContainsKey(new RepId(to)))
        {
            if (parse.GetValue(DepartmentOption) is not null)
            {
                throw CliException.BadInput("--department applies to a company (--to C-…), not to a rep.");
            }

            query = ReferralQuery.ToRep(new RepId(to));
        }
        else
        {
            throw CliException.BadInput($"--to {to}: no partner company or rep with this id (ids look like C-001 or R-00001).");
        }

        query = query with { From = from, K = paths, MaxHops = maxHops };
        var asOf = ctx.AsOf;
        var trust = (Engines.ScoreAll(data, asOf) ?? []).ToDictionary(s => s.RepId);
        // We are one company: any colleague can introduce us to any other, whatever their team in the roster, so the
        // graph links every member of our side and no path asks a partner to introduce us to our own colleague.
        var oneCompany = data with { TeamMembers = [.. data.TeamMembers.Select(m => m with { Team = "自社" })] };
        var result = RelationshipGraph.FromKarte(oneCompany, trust, null, asOf).FindPaths(query);

        var people = People.Of(data);
        string Name(PersonRef p) => p.Kind == PersonKind.User
            ? $"当社 {people.Name(new UserId(p.Id))}"
            : reps.TryGetValue(new RepId(p.Id), out var r)
                ? $"{r.Name.Display}（{(companies.TryGetValue(r.CompanyId, out var c) ? c.Name : r.CompanyId.Value)}）"
                : p.Id;

        string Evidence(ReferralHop hop, bool japanese) => string.Join(japanese ? "、" : ", ", hop.Evidence.Select(e =>
        {
            var (ja, en) = Label(e.Kind);
            var detail = e.Count > 1 ? (japanese ? $" {e.Count}回" : $" ×{e.Count}") : string.Empty;
            var last = e.LastSeen is { } d ? (japanese ? $"（最終 {d:yyyy-MM-dd}）" : $" (last {d:yyyy-MM-dd})") : string.Empty;
            return (japanese ? ja : en) + detail + last;
        }));

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = result.Outcome == ReferralOutcome.Found,
                outcome = result.Outcome.ToString(),
                target = to,
                paths = result.Paths.Select(p => new
                {
                    score = Math.Round(p.Score, 4),
                    people = p.People.Select(x => new { kind = x.Kind.ToString(), x.Id, name = Name(x) }),
                    hops = p.Hops.Select(h => new
                    {
                        from = h.From.Id,
                        to = h.To.Id,
                        strength = Math.Round(h.Strength, 3),
                        evidenceJa = Evidence(h, true),
                        evidenceEn = Evidence(h, false),
                        evidence = h.Evidence.Select(e => new { kind = e.Kind.ToString(), strength = Math.Round(e.Strength, 3), e.Count, e.LastSeen }),
                    }),
                }),
            });
            return result.Outcome == ReferralOutcome.Found ? ExitCodes.Ok : ExitCodes.PartialFailure;
        }

        var console = ctx.Output.Console;
        console.MarkupLine($"[bold]紹介経路 (referral paths)[/] → {Markup.Escape(companies.TryGetValue(new CompanyId(to), out var target) ? target.Name : Name(PersonRef.Rep(new RepId(to))))}");
        if (result.Outcome != ReferralOutcome.Found)
        {
            console.MarkupLine(Markup.Escape(result.Outcome switch
            {
                ReferralOutcome.NoPath => $"{maxHops} 段以内の経路はありません (no path within {maxHops} hops).",
                ReferralOutcome.TargetExcluded => "相手は退職・異動・休職中か、連絡を望んでいません (the target is inactive or opted out).",
                ReferralOutcome.NoSource => "指定した当社メンバーが見つかりません (none of the --from members is an active member).",
                _ => "相手に連絡できる担当者がいません (no reachable rep at the target).",
            }));
            return ExitCodes.PartialFailure;
        }

        var n = 1;
        foreach (var path in result.Paths)
        {
            console.MarkupLine($"[bold]{n++}.[/] 強さ {path.Score.ToString("0.000", CultureInfo.InvariantCulture)}  {Markup.Escape(string.Join(" → ", path.People.Select(Name)))}");
            foreach (var hop in path.Hops)
            {
                console.MarkupLine($"    {Markup.Escape(Name(hop.From))} → {Markup.Escape(Name(hop.To))}: {Markup.Escape(Evidence(hop, true))}");
            }
        }

        return ExitCodes.Ok;
    }
}
