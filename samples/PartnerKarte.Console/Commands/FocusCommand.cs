using System.CommandLine;
using System.Globalization;
using PartnerKarte.Console.Cli;
using PartnerKarte.Kpis;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary><c>focus [--months N] [--top N]</c>: the focus ranking of partner companies (quadrant and reasons).</summary>
internal static class FocusCommand
{
    private static readonly Option<int> MonthsOption = new("--months") { Description = "The trailing period of the KPIs, in months (1–36).", DefaultValueFactory = _ => 12 };
    private static readonly Option<int> TopOption = new("--top") { Description = "How many companies to list (1–1000).", DefaultValueFactory = _ => 20 };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("focus", "重点パートナー (focus ranking): partner companies by performance and potential, with their quadrant and reasons.") { MonthsOption, TopOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    /// <summary>The quadrant as people say it.</summary>
    public static (string Ja, string En) Label(FocusQuadrant quadrant) => quadrant switch
    {
        FocusQuadrant.Strengthen => ("重点強化", "strengthen"),
        FocusQuadrant.Develop => ("育成", "develop"),
        FocusQuadrant.Maintain => ("維持", "maintain"),
        _ => ("見直し", "review"),
    };

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var months = parse.GetValue(MonthsOption);
        if (months is < 1 or > 36)
        {
            throw CliException.BadInput($"--months must be between 1 and 36 (was {months}).");
        }

        var top = parse.GetValue(TopOption);
        if (top is < 1 or > 1000)
        {
            throw CliException.BadInput($"--top must be between 1 and 1000 (was {top}).");
        }

        var store = ctx.OpenStore();
        var data = await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(ctx.AsOf.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var period = KpiPeriod.Trailing(today, (int)(today.AddMonths(months).DayNumber - today.DayNumber));
        var report = new PartnerKpiCalculator().Calculate(data, period, today);
        var names = data.Companies.ToDictionary(c => c.Id, c => c.Name);
        var ranking = report.FocusRanking.OrderBy(f => f.Rank).Take(top).ToList();

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = true,
                period = new { from = period.From, to = period.To },
                companies = ranking.Select(f => new
                {
                    f.Rank,
                    companyId = f.CompanyId.Value,
                    company = names.GetValueOrDefault(f.CompanyId),
                    score = Math.Round(f.Score, 3),
                    performance = Math.Round(f.Performance, 3),
                    potential = Math.Round(f.Potential, 3),
                    quadrant = new { code = f.Quadrant.ToString(), ja = Label(f.Quadrant).Ja, en = Label(f.Quadrant).En },
                    reasons = f.Reasons.Select(r => new { r.Code, ja = r.Text.Ja, en = r.Text.En }),
                }),
            });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"重点パートナー (focus ranking) {period.From:yyyy-MM-dd}〜{period.To:yyyy-MM-dd}"));
        table.AddColumn("#");
        table.AddColumn("会社 / company");
        table.AddColumn("区分 / quadrant");
        table.AddColumn(new TableColumn("実績 / perf.").RightAligned());
        table.AddColumn(new TableColumn("潜在 / potential").RightAligned());
        table.AddColumn("理由 / reasons");
        foreach (var f in ranking)
        {
            var (ja, en) = Label(f.Quadrant);
            table.AddRow(
                f.Rank.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(names.GetValueOrDefault(f.CompanyId) ?? f.CompanyId.Value),
                Markup.Escape($"{ja} ({en})"),
                f.Performance.ToString("0.00", CultureInfo.InvariantCulture),
                f.Potential.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("\n", f.Reasons.Take(3).Select(r => r.Text.Ja))));
        }

        ctx.Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
