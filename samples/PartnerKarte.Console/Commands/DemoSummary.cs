using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary>The demo's summary, read back from what the sync wrote: top partners, rank distribution, alerts.</summary>
internal sealed record DemoSummary
{
    public required IReadOnlyList<PartnerRow> TopPartners { get; init; }

    public required IReadOnlyDictionary<string, int> RankDistribution { get; init; }

    public required IReadOnlyList<ContractAlertRow> ContractAlerts { get; init; }

    public required IReadOnlyList<FollowUpRow> FollowUps { get; init; }

    public required int UrgentFollowUps { get; init; }

    public required int HighFollowUps { get; init; }

    public static async Task<DemoSummary> BuildAsync(SqliteKarteConnector store, CancellationToken cancellationToken, DateOnly? today = null)
    {
        var data = await KarteLoader.LoadAllAsync(store, cancellationToken).ConfigureAwait(false);
        var enrichment = await KarteLoader.LoadEnrichmentAsync(store, data, cancellationToken).ConfigureAwait(false);
        return Build(data, enrichment, today);
    }

    /// <param name="today">The day alerts are described against; with it, contract alerts read as sentences, not codes.</param>
    public static DemoSummary Build(KarteDataSet data, IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord> enrichment, DateOnly? today = null)
    {
        var builder = new Builder();
        foreach (var c in data.Companies)
        {
            builder.AddCompany(c, enrichment.GetValueOrDefault(new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value)));
        }

        foreach (var r in data.Reps)
        {
            builder.AddRep(r, enrichment.GetValueOrDefault(new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)));
        }

        var names = data.Companies.ToDictionary(c => c.Id.Value, c => c.Name);
        return builder.Build(id => names.GetValueOrDefault(id), today);
    }

    /// <summary>
    /// Collects the summary one company and rep at a time, keeping only what it shows (enriched companies, the rank
    /// counts and the reps to follow up), so a caller can stream a large store through it.
    /// </summary>
    internal sealed class Builder
    {
        private readonly List<(string Id, string Name, EnrichmentRecord E, DateOnly? ContractEnd)> companies = [];
        private readonly Dictionary<TrustRank, int> ranks = [];
        private readonly List<(string Id, string Name, string CompanyId, EnrichmentRecord E)> followUps = [];

        /// <summary>Reps with stored enrichment values.</summary>
        public int EnrichedReps { get; private set; }

        public void AddCompany(PartnerCompany company, EnrichmentRecord? e)
        {
            if (e is not null)
            {
                companies.Add((company.Id.Value, company.Name, e, company.Contract?.EffectiveEnd));
            }
        }

        public void AddRep(PartnerRep rep, EnrichmentRecord? e)
        {
            if (e is null)
            {
                return;
            }

            EnrichedReps++;
            var rank = e.TrustRank ?? TrustRank.Unrated;
            ranks[rank] = ranks.GetValueOrDefault(rank) + 1;
            if (e.FollowUpPriority is FollowUpPriority.Urgent or FollowUpPriority.High)
            {
                followUps.Add((rep.Id.Value, rep.Name.Display, rep.CompanyId.Value, e));
            }
        }

        public DemoSummary Build(Func<string, string?> companyName, DateOnly? today = null)
        {
            var top = companies
                .OrderByDescending(x => x.E.Revenue ?? 0).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Take(5)
                .Select(x => new PartnerRow(x.Id, x.Name, x.E.DealCount, x.E.WonCount, x.E.WinRatePercent, x.E.Revenue, x.E.KarteCompletenessPercent))
                .ToList();
            var rankCounts = Enum.GetValues<TrustRank>().OrderByDescending(r => r == TrustRank.Unrated ? -1 : (int)r)
                .ToDictionary(r => r.ToString(), r => ranks.GetValueOrDefault(r));
            var alerts = companies
                .Where(x => !string.IsNullOrEmpty(x.E.ContractAlert))
                .Select(x => new ContractAlertRow(x.Id, x.Name, today is { } d ? Labels.ContractAlert(x.E.ContractAlert, d) : x.E.ContractAlert!, x.ContractEnd))
                .OrderBy(a => a.ContractEnd).ThenBy(a => a.CompanyId, StringComparer.Ordinal)
                .ToList();
            var ordered = followUps
                .OrderByDescending(x => x.E.FollowUpPriority).ThenBy(x => x.E.TrustTrend ?? 0).ThenBy(x => x.Id, StringComparer.Ordinal)
                .ToList();
            return new DemoSummary
            {
                TopPartners = top,
                RankDistribution = rankCounts,
                ContractAlerts = alerts,
                UrgentFollowUps = ordered.Count(x => x.E.FollowUpPriority == FollowUpPriority.Urgent),
                HighFollowUps = ordered.Count(x => x.E.FollowUpPriority == FollowUpPriority.High),
                FollowUps = [.. ordered.Take(8).Select(x => new FollowUpRow(
                    x.Id, x.Name, companyName(x.CompanyId) ?? x.CompanyId,
                    x.E.FollowUpPriority!.Value, x.E.TrustScore, x.E.TrustRank ?? TrustRank.Unrated, x.E.TrustTrend) { Reasons = x.E.TrustReasons })],
            };
        }
    }

    public void Print(IAnsiConsole console)
    {
        var top = new Table().Border(TableBorder.Rounded).Title("重点パートナー上位 (top partners by won revenue)");
        top.AddColumn("ID");
        top.AddColumn("企業名 / company");
        top.AddColumn(new TableColumn("商談 / deals").RightAligned());
        top.AddColumn(new TableColumn("受注 / won").RightAligned());
        top.AddColumn(new TableColumn("受注率 / win rate").RightAligned());
        top.AddColumn(new TableColumn("売上 / revenue").RightAligned());
        top.AddColumn(new TableColumn("充足率 / karte").RightAligned());
        foreach (var p in TopPartners)
        {
            top.AddRow(p.CompanyId, Markup.Escape(p.Name), $"{p.Deals}", $"{p.Won}", Percent(p.WinRatePercent), Yen(p.Revenue), Percent(p.KarteCompletenessPercent));
        }

        console.Write(top);

        var chart = new BarChart().Label("信頼ランク分布 (trust rank distribution)").Width(60);
        foreach (var (rank, count) in RankDistribution)
        {
            chart.AddItem(rank == nameof(TrustRank.Unrated) ? "Unrated (評価保留)" : rank, count, rank switch
            {
                "S" => Color.Green,
                "A" => Color.Chartreuse3,
                "B" => Color.Yellow,
                "C" => Color.Orange1,
                "D" => Color.Red,
                _ => Color.Grey,
            });
        }

        console.Write(chart);
        console.WriteLine();

        var alerts = new Table().Border(TableBorder.Rounded).Title($"アラート (alerts): 契約 {ContractAlerts.Count} 件, 要フォロー 緊急 {UrgentFollowUps} 名 / 高 {HighFollowUps} 名");
        alerts.AddColumn("種類 / kind");
        alerts.AddColumn("対象 / who");
        alerts.AddColumn("内容 / detail");
        foreach (var a in ContractAlerts.Take(8))
        {
            alerts.AddRow("契約 contract", Markup.Escape($"{a.CompanyId} {a.Name}"), Markup.Escape(a.Alert.Contains(':', StringComparison.Ordinal) ? $"{a.Alert} (契約終了 {a.ContractEnd:yyyy-MM-dd})" : a.Alert));
        }

        foreach (var f in FollowUps)
        {
            alerts.AddRow(f.Priority == FollowUpPriority.Urgent ? "[red]要フォロー 緊急[/]" : "[yellow]要フォロー 高[/]",
                Markup.Escape($"{f.RepId} {f.Name} ({f.Company})"),
                Markup.Escape($"信頼 {Score(f.TrustScore)} / {f.Rank}, 推移 {Trend(f.Trend)}" + (string.IsNullOrEmpty(f.Reasons) ? string.Empty : $" — 理由: {f.Reasons}")));
        }

        console.Write(alerts);
    }

    private static string Percent(double? v) => v is double d ? $"{d:F1}%" : "—";

    private static string Yen(decimal? v) => v is decimal d ? $"¥{d:N0}" : "—";

    private static string Score(double? v) => v is double d ? $"{d:F1}" : "—";

    private static string Trend(double? v) => v is double d ? (d >= 0 ? $"+{d:F1}" : $"{d:F1}") : "—";

    internal sealed record PartnerRow(string CompanyId, string Name, int? Deals, int? Won, double? WinRatePercent, decimal? Revenue, double? KarteCompletenessPercent);

    internal sealed record ContractAlertRow(string CompanyId, string Name, string Alert, DateOnly? ContractEnd);

    internal sealed record FollowUpRow(string RepId, string Name, string Company, FollowUpPriority Priority, double? TrustScore, TrustRank Rank, double? Trend)
    {
        /// <summary>The reasons written with the priority (理由), when the store has them.</summary>
        public string? Reasons { get; init; }
    }
}
