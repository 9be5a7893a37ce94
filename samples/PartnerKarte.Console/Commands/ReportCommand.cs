using System.CommandLine;
using System.Text;
using PartnerKarte.Console.Cli;
using PartnerKarte.Console.Report;
using PartnerKarte.Karte;

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
        var data = await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false);
        var enrichment = await KarteLoader.LoadEnrichmentAsync(store, data, ctx.CancellationToken).ConfigureAwait(false);
        var asOf = ctx.AsOf;
        var trend = await ctx.Output.WithProgressAsync("信頼スコア推移を計算 (trust trend)", p => Task.FromResult(TrustTrend(data, asOf, months, p))).ConfigureAwait(false);
        var html = HtmlReport.Build(data, enrichment, trend, asOf);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, html, new UTF8Encoding(false), ctx.CancellationToken).ConfigureAwait(false);
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new { ok = true, path, bytes = Encoding.UTF8.GetByteCount(html), trustTrend = trend, enrichedRecords = enrichment.Count });
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

    /// <summary>The average trust score at each of the last month ends, recomputed from the interactions up to then.</summary>
    private static IReadOnlyList<TrustTrendPoint>? TrustTrend(KarteDataSet data, DateTimeOffset asOf, int months, IProgress<(long, long)> progress)
    {
        if (!Engines.ScoringAvailable)
        {
            return null;
        }

        var jst = TimeSpan.FromHours(9);
        var today = DateOnly.FromDateTime(asOf.ToOffset(jst).DateTime);
        var points = new List<TrustTrendPoint>();
        for (var k = months - 1; k >= 0; k--)
        {
            var monthEnd = new DateOnly(today.Year, today.Month, 1).AddMonths(-k).AddMonths(1).AddDays(-1);
            var at = k == 0 ? asOf : new DateTimeOffset(monthEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), jst);
            var scores = Engines.ScoreAll(data, at) ?? [];
            var rated = scores.Where(s => s.Value is not null).ToList();
            points.Add(new TrustTrendPoint(k == 0 ? today : monthEnd, rated.Count == 0 ? null : rated.Average(s => s.Value!.Value), rated.Count, scores.Count - rated.Count));
            progress.Report((months - k, months));
        }

        return points;
    }
}
