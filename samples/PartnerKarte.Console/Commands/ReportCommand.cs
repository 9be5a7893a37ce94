using System.CommandLine;
using System.Text;
using PartnerKarte.Console.Cli;
using PartnerKarte.Console.Report;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Commands;

/// <summary><c>report --out karte.html</c>: the self-contained HTML report with charts.</summary>
internal static class ReportCommand
{
    private static readonly Option<string> OutOption = new("--out") { Description = "The HTML file to write.", DefaultValueFactory = _ => "karte.html" };
    private static readonly Option<int> MonthsOption = new("--months") { Description = "Months in the trust trend (1–36).", DefaultValueFactory = _ => 12 };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("report", "Write a self-contained HTML karte report with charts (trust trend, rank distribution, KPI per partner).") { OutOption, MonthsOption };
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
        var store = ctx.OpenStore();
        var asOf = ctx.AsOf;
        var (model, trend) = await ctx.Output.WithProgressAsync("信頼スコア推移を計算 (trust trend)", p => AggregateAsync(store, asOf, months, p, ctx.CancellationToken)).ConfigureAwait(false);
        var enrichedRecords = model.EnrichedReps + model.Companies.Count(c => c.E is not null);
        var html = HtmlReport.Build(model, trend, asOf);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, html, new UTF8Encoding(false), ctx.CancellationToken).ConfigureAwait(false);
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new { ok = true, path, bytes = Encoding.UTF8.GetByteCount(html), trustTrend = trend, enrichedRecords });
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
    /// per company, the summary's rows and one score per rep and month are kept. Enrichment values are read in bulk.
    /// </summary>
    private static async Task<(ReportModel Model, IReadOnlyList<TrustTrendPoint>? Trend)> AggregateAsync(
        SqliteKarteConnector store, DateTimeOffset asOf, int months, IProgress<(long, long)> progress, CancellationToken cancellationToken)
    {
        ChangeSummary ids = new();
        await foreach (var page in store.ReadChangeSummaryAsync(null, cancellationToken).ConfigureAwait(false))
        {
            ids = page;
        }

        var companyIds = ids.Companies.Select(c => c.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var known = companyIds.ToHashSet(StringComparer.Ordinal);
        var orphanReps = ids.Reps.Where(r => !known.Contains(r.CompanyId.Value)).Select(r => r.Id).Distinct().ToList();
        var enrichment = await store.ReadEnrichmentAsync(
            [.. companyIds.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c)), .. ids.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value))],
            cancellationToken).ConfigureAwait(false);
        ids = new();

        var instants = TrendInstants(asOf, months);
        var summary = new DemoSummary.Builder();
        var rows = new List<ReportCompany>(companyIds.Count);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var reps = new HashSet<string>(StringComparer.Ordinal);
        var proposals = new HashSet<string>(StringComparer.Ordinal);
        var scores = new List<(string RepId, double?[] Scores)>();
        long interactions = 0;
        long done = 0;
        var selection = new KarteSelection { CompanyIds = [.. companyIds.Select(c => new CompanyId(c))], RepIds = orphanReps };
        await foreach (var batch in store.ReadKarteAsync(selection, cancellationToken).ConfigureAwait(false))
        {
            foreach (var c in batch.Companies)
            {
                if (names.TryAdd(c.Id.Value, c.Name))
                {
                    var e = enrichment.GetValueOrDefault(new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value));
                    summary.AddCompany(c, e);
                    rows.Add(ReportCompany.Of(c, e));
                    progress.Report((++done, companyIds.Count));
                }
            }

            foreach (var p in batch.Proposals)
            {
                proposals.Add(p.Id.Value);
            }

            var fresh = batch.Reps.Where(r => reps.Add(r.Id.Value)).ToList();
            foreach (var r in fresh)
            {
                summary.AddRep(r, enrichment.GetValueOrDefault(new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)));
            }

            var freshIds = fresh.Select(r => r.Id).ToHashSet();
            var own = batch.Interactions.Where(i => freshIds.Contains(i.RepId)).DistinctBy(i => i.Id)
                .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id.Value, StringComparer.Ordinal).ToList();
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

        rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var model = new ReportModel
        {
            Companies = rows,
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
