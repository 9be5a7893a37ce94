using System.CommandLine;
using System.Text;
using PartnerKarte.Console.Cli;
using PartnerKarte.Console.Report;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Commands;

/// <summary><c>report --out karte.html</c>: the self-contained HTML report with charts.</summary>
internal static class ReportCommand
{
    private static readonly Option<string> OutOption = new("--out") { Description = "The HTML file to write.", DefaultValueFactory = _ => "karte.html" };
    private static readonly Option<int> MonthsOption = new("--months") { Description = "Months in the trust trend (1–36).", DefaultValueFactory = _ => 12 };
    private static readonly Option<string?> OwnerOption = new("--owner") { Description = "Only the partners and reps one of us owns: a team member's id or (part of) the name, e.g. --owner U-03 or --owner 田中." };
    private static readonly Option<string?> ConnectorOption = new("--connector") { Description = "Read the karte from another store or a CRM: postgres (with --connection-string), salesforce or dataverse (default: the store, sqlite)." };

    /// <summary>Rows of the per-rep section: a book of one owner fits; the whole karte shows its first reps by urgency.</summary>
    public const int MaxRepRows = 300;

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("report", "Write a self-contained HTML karte report with charts (trust trend, rank distribution, KPI per partner).") { OutOption, MonthsOption, OwnerOption, ConnectorOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var months = parse.GetValue(MonthsOption);
        if (months is < 1 or > 36)
        {
            throw CliException.BadInput($"--months must be between 1 and 36 (was {months}).");
        }

        var path = ctx.Environment.ResolvePath(parse.GetValue(OutOption)!);
        var source = await KarteSource.OpenAsync(ctx, parse.GetValue(ConnectorOption)).ConfigureAwait(false);
        var asOf = ctx.AsOf;
        var people = new People(await source.TeamAsync(ctx.CancellationToken).ConfigureAwait(false));
        var owner = parse.GetValue(OwnerOption) is { Length: > 0 } o ? await ResolveOwnerAsync(source, o.Trim(), ctx.CancellationToken).ConfigureAwait(false) : (UserId?)null;
        var (model, trend) = await ctx.Output.WithProgressAsync("信頼スコア推移を計算 (trust trend)", p => AggregateAsync(source, people, owner, asOf, months, p, ctx.CancellationToken)).ConfigureAwait(false);
        var enrichedRecords = model.EnrichedReps + model.Companies.Count(c => c.E is not null);
        var html = HtmlReport.Build(model, trend, asOf, MaxRepRows);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, html, new UTF8Encoding(false), ctx.CancellationToken).ConfigureAwait(false);
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = true,
                path,
                source = source.Connector.Name,
                owner = owner?.Value,
                ownerName = model.Owner,
                bytes = Encoding.UTF8.GetByteCount(html),
                companies = model.Companies.Count,
                reps = model.Reps.Count,
                repRows = Math.Min(model.Reps.Count, MaxRepRows),
                trustTrend = trend,
                enrichedRecords,
            });
        }
        else
        {
            ctx.Output.Line($"レポートを書き出しました (report written): {Spectre.Console.Markup.Escape(path)} ({Encoding.UTF8.GetByteCount(html) / 1024} KB)");
            if (trend is null)
            {
                ctx.Output.Line("[yellow]信頼スコアの推移はスコアリングエンジン未導入のため省略しました (trust trend not available in this build).[/]");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The report's numbers without loading the store: company kartes are streamed a few companies at a time
    /// (<see cref="KarteConnector.ReadKarteAsync"/>), each batch scored at every month end and dropped; only one row
    /// per company and rep, the summary's rows, the proposals (for the focus ranking) and one score per rep and month are
    /// kept. Enrichment values are read in bulk. With <paramref name="owner"/>, only the partners and reps that member owns.
    /// </summary>
    private static async Task<(ReportModel Model, IReadOnlyList<TrustTrendPoint>? Trend)> AggregateAsync(
        KarteSource source, People people, UserId? owner, DateTimeOffset asOf, int months, IProgress<(long, long)> progress, CancellationToken cancellationToken)
    {
        var ids = await source.IdsAsync(cancellationToken).ConfigureAwait(false);

        var companyIds = ids.Companies.Select(c => c.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var known = companyIds.ToHashSet(StringComparer.Ordinal);
        var orphanReps = ids.Reps.Where(r => !known.Contains(r.CompanyId.Value)).Select(r => r.Id).Distinct().ToList();
        var enrichment = await source.EnrichmentAsync(
            [.. companyIds.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c)), .. ids.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value))],
            cancellationToken).ConfigureAwait(false);
        ids = new();

        var today = DateOnly.FromDateTime(asOf.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var kpi = new PartnerKpiCalculator();
        var instants = TrendInstants(asOf, months);
        var summary = new DemoSummary.Builder();
        var rows = new List<ReportCompany>(companyIds.Count);
        var repRows = new List<ReportRep>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var reps = new HashSet<string>(StringComparer.Ordinal);
        var proposals = new HashSet<string>(StringComparer.Ordinal);
        var focusCompanies = new List<PartnerCompany>();
        var focusProposals = new List<Proposal>();
        var scores = new List<(string RepId, double?[] Scores)>();
        long interactions = 0;
        long done = 0;
        var selection = new KarteSelection { CompanyIds = [.. companyIds.Select(c => new CompanyId(c))], RepIds = orphanReps };
        await foreach (var batch in source.BatchesAsync(selection, cancellationToken).ConfigureAwait(false))
        {
            bool Mine(PartnerRep r) => owner is not { } u || r.OwnerId == u || batch.Companies.Any(c => c.Id == r.CompanyId && c.OwnerId == u);

            // Completeness reads, of the interactions, which reps were contacted: each company gets the interactions that
            // name one of its reps (as the rep or a participant) rather than the whole batch's.
            var companyOfRep = new Dictionary<RepId, CompanyId>();
            foreach (var r in batch.Reps)
            {
                companyOfRep.TryAdd(r.Id, r.CompanyId);
            }

            var interactionsOf = new Dictionary<CompanyId, List<Interaction>>();
            foreach (var i in batch.Interactions)
            {
                AddTo(i.RepId, i);
                foreach (var other in i.OtherParticipants)
                {
                    AddTo(other, i);
                }
            }

            void AddTo(RepId rep, Interaction i)
            {
                if (companyOfRep.TryGetValue(rep, out var company))
                {
                    if (!interactionsOf.TryGetValue(company, out var list))
                    {
                        interactionsOf[company] = list = [];
                    }

                    if (list.Count == 0 || !ReferenceEquals(list[^1], i))
                    {
                        list.Add(i);
                    }
                }
            }

            foreach (var c in batch.Companies)
            {
                var batchReps = batch.Reps.Where(r => r.CompanyId == c.Id).ToList();
                if (owner is { } u && c.OwnerId != u && !batchReps.Any(r => r.OwnerId == u))
                {
                    continue;
                }

                if (names.TryAdd(c.Id.Value, c.Name))
                {
                    var e = enrichment.GetValueOrDefault(new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value));
                    summary.AddCompany(c, e);
                    var completeness = kpi.CalculateCompleteness(c, batchReps, batch.Proposals, interactionsOf.TryGetValue(c.Id, out var ofCompany) ? ofCompany : []);
                    rows.Add(ReportCompany.Of(c, e) with { Owner = people.Name(c.OwnerId), MissingItems = MissingItems(completeness.Missing) });
                    focusCompanies.Add(c);
                    // The ranking reads amounts, dates, outcomes and loss reasons: the offer texts are not kept.
                    focusProposals.AddRange(batch.Proposals.Where(p => p.CompanyId == c.Id).Select(p => p with { Offer = string.Empty, Themes = [], OwnerId = null, ModifiedAt = null }));
                    progress.Report((++done, companyIds.Count));
                }
            }

            foreach (var p in batch.Proposals.Where(p => names.ContainsKey(p.CompanyId.Value)))
            {
                proposals.Add(p.Id.Value);
            }

            var fresh = batch.Reps.Where(r => Mine(r) && reps.Add(r.Id.Value)).ToList();
            foreach (var r in fresh)
            {
                var e = enrichment.GetValueOrDefault(new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value));
                summary.AddRep(r, e);
                var company = batch.Companies.FirstOrDefault(c => c.Id == r.CompanyId);
                repRows.Add(new ReportRep(r.Id.Value, r.Name.Display, company?.Name ?? r.CompanyId.Value, people.Name(r.OwnerId ?? company?.OwnerId), e));
            }

            var freshIds = fresh.Select(r => r.Id).ToHashSet();
            // In any order: scores do not depend on the order records are read in.
            var own = batch.Interactions.Where(i => freshIds.Contains(i.RepId)).DistinctBy(i => i.Id).ToList();
            interactions += own.Count;
            if (instants is not null && fresh.Count > 0)
            {
                var part = new KarteDataSet
                {
                    Reps = fresh,
                    Interactions = own,
                    Proposals = [.. batch.Proposals.Where(p => p.RepId is { } rep && freshIds.Contains(rep)).DistinctBy(p => p.Id)],
                };
                var series = Engines.ScoreSeries(part, [.. instants.Select(x => x.At)]).ToDictionary(x => x.RepId);
                scores.AddRange(fresh.Select(r => (r.Id.Value, series.TryGetValue(r.Id, out var s) ? [.. s.Values] : new double?[instants.Count])));
            }
        }

        // The focus ranking compares partners with each other, so it is computed once over the partners of the report;
        // it reads the companies and their proposals only (completeness per partner is computed batch by batch above),
        // so the reps are not kept for it.
        var period = KpiPeriod.Trailing(today, today.AddMonths(12).DayNumber - today.DayNumber);
        var focus = kpi.Calculate(new KarteDataSet { Companies = focusCompanies, Proposals = focusProposals.DistinctBy(p => p.Id).ToList() }, period, today)
            .FocusRanking.ToDictionary(f => f.CompanyId.Value, f => FocusCommand.Label(f.Quadrant).Ja, StringComparer.Ordinal);
        rows = [.. rows.Select(r => r with { Quadrant = focus.GetValueOrDefault(r.Id) })];
        rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        repRows.Sort((a, b) =>
            (b.E?.FollowUpPriority ?? FollowUpPriority.Low).CompareTo(a.E?.FollowUpPriority ?? FollowUpPriority.Low) is var x && x != 0 ? x
            : (a.E?.TrustScore ?? double.MaxValue).CompareTo(b.E?.TrustScore ?? double.MaxValue) is var y && y != 0 ? y
            : string.CompareOrdinal(a.Id, b.Id));
        var model = new ReportModel
        {
            Companies = rows,
            Reps = repRows,
            Owner = owner is { } ow ? people.Name(ow) : null,
            Source = source.Connector.Name,
            RepCount = reps.Count,
            EnrichedReps = summary.EnrichedReps,
            ProposalCount = proposals.Count,
            InteractionCount = interactions,
            Summary = summary.Build(id => names.GetValueOrDefault(id)),
        };
        if (instants is null)
        {
            return (model, null);
        }

        // Averaged in rep id order, as a score of the whole store would be.
        scores.Sort((a, b) => string.CompareOrdinal(a.RepId, b.RepId));
        var points = new List<TrustTrendPoint>(instants.Count);
        for (var k = 0; k < instants.Count; k++)
        {
            var rated = scores.Where(s => s.Scores[k] is not null).ToList();
            points.Add(new TrustTrendPoint(instants[k].MonthEnd, rated.Count == 0 ? null : rated.Average(s => s.Scores[k]!.Value), rated.Count, scores.Count - rated.Count));
        }

        return (model, points);
    }

    /// <summary>Missing karte items as labels: required first, then by how many reps lack them (「DiSC タイプ（担当者 5 名）」).</summary>
    private static IReadOnlyList<string> MissingItems(IReadOnlyList<MissingKarteItem> missing) =>
        [.. missing.GroupBy(m => m.Item.Key, StringComparer.Ordinal)
            .Select(g => (Item: g.First().Item, Reps: g.Count(m => m.RepId is not null)))
            .OrderBy(x => x.Item.Requirement == KarteItemRequirement.Required ? 0 : 1).ThenByDescending(x => x.Reps).ThenBy(x => x.Item.Key, StringComparer.Ordinal)
            .Select(x => x.Reps > 0 ? $"{x.Item.Label.Ja}（担当者 {x.Reps} 名）" : x.Item.Label.Ja)];

    /// <summary>The member <c>--owner</c> names: an id of the roster or of an owner in the karte, or one member whose name contains the text.</summary>
    private static async Task<UserId> ResolveOwnerAsync(KarteSource source, string text, CancellationToken cancellationToken)
    {
        var team = await source.TeamAsync(cancellationToken).ConfigureAwait(false);
        if (team.Any(m => m.Id.Value == text) || team.Count == 0)
        {
            return new UserId(text);
        }

        var key = Text.JapaneseText.ToMatchKey(text);
        var hits = team.Where(m => m.Id.Value.Contains(text, StringComparison.OrdinalIgnoreCase)
            || (key.Length > 0 && Text.JapaneseText.ToMatchKey(m.Name).Contains(key, StringComparison.Ordinal))).ToList();
        return hits.Count switch
        {
            1 => hits[0].Id,
            0 => throw CliException.BadInput($"--owner「{text}」に一致するメンバーはいません / no team member's id or name matches '{text}': "
                + string.Join(", ", team.Take(20).Select(m => $"{m.Id.Value} {m.Name}"))),
            _ => throw CliException.BadInput($"--owner「{text}」に一致するメンバーが {hits.Count} 名います。ID で指定してください / several members match '{text}': "
                + string.Join(", ", hits.Select(m => $"{m.Id.Value} {m.Name}"))),
        };
    }

    /// <summary>The month ends of the trust trend (the last one is the as-of instant itself), or null without a scorer.</summary>
    private static List<(DateOnly MonthEnd, DateTimeOffset At)>? TrendInstants(DateTimeOffset asOf, int months)
    {
        if (!Engines.ScoringAvailable)
        {
            return null;
        }

        var jst = TimeSpan.FromHours(9);
        var today = DateOnly.FromDateTime(asOf.ToOffset(jst).DateTime);
        var result = new List<(DateOnly, DateTimeOffset)>();
        for (var k = months - 1; k >= 0; k--)
        {
            var monthEnd = new DateOnly(today.Year, today.Month, 1).AddMonths(-k).AddMonths(1).AddDays(-1);
            var at = k == 0 ? asOf : new DateTimeOffset(monthEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), jst);
            result.Add((k == 0 ? today : monthEnd, at));
        }

        return result;
    }
}
