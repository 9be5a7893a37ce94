using System.Text.RegularExpressions;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly ConsoleHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>
    /// Sample data plus fixture enrichment values written through the connector, so the report's rendering is
    /// tested on its own (the sync's numbers are the sync's tests' business).
    /// </summary>
    private async Task<string> WriteReportAsync()
    {
        var demo = await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo]);
        demo.ExitCode.Should().Be(0, demo.ToString());
        var store = new SqliteKarteConnector(new SqliteStoreOptions { Path = _h.DatabasePath, CreateIfMissing = false });
        var records = new List<EnrichmentRecord>();
        for (var i = 1; i <= 60; i++)
        {
            var rank = (TrustRank)(i % 6);
            records.Add(EnrichmentRecord.ForRep(new RepId($"R-{i:D5}"), rank == TrustRank.Unrated ? null : 15 * (int)rank, rank, 0.8, i % 2 == 0 ? 3 : -4, new DateOnly(2026, 10, 1), (FollowUpPriority)(i % 4))
                with { TrustReasons = (FollowUpPriority)(i % 4) >= FollowUpPriority.High ? "高: 双方向の接触が40日途絶（通常の間隔 12日の3.3倍）／最近の接触が少ない (-5.1)" : "レスポンスが速い (+7.0)" });
        }

        for (var i = 1; i <= 12; i++)
        {
            records.Add(EnrichmentRecord.ForCompany(new CompanyId($"C-{i:D3}"), 20 + i, 5 + (i % 5), 100.0 * (5 + (i % 5)) / 20, 1_000_000m * i, 300_000m * i, 60 + i, i % 4 == 0 ? "commission-review-overdue:2026-10-15" : i % 4 == 1 ? "renewal:2026-12-01" : null));
        }

        (await store.WriteEnrichmentAsync(records)).Should().OnlyContain(r => r.Succeeded);
        var report = await _h.RunAsync("report", "--out", "karte.html");
        report.ExitCode.Should().Be(0, report.ToString());
        return Path.Combine(_h.Directory, "karte.html");
    }

    [Fact]
    public async Task Enrichment_is_read_in_bulk_with_the_values_of_the_one_by_one_read()
    {
        await WriteReportAsync();
        var store = new SqliteKarteConnector(new SqliteStoreOptions { Path = _h.DatabasePath, CreateIfMissing = false });
        var keys = Enumerable.Range(1, 60).Select(i => new EnrichmentKey(EnrichmentTarget.Rep, $"R-{i:D5}"))
            .Concat(Enumerable.Range(1, 13).Select(i => new EnrichmentKey(EnrichmentTarget.Company, $"C-{i:D3}")))
            .Append(new EnrichmentKey(EnrichmentTarget.Rep, "R-99999"))
            .ToList();

        var bulk = await store.ReadEnrichmentAsync(keys);

        bulk.Should().HaveCount(60 + 12, "C-013 and R-99999 do not exist");
        foreach (var key in keys)
        {
            bulk.GetValueOrDefault(key).Should().BeEquivalentTo(await store.ReadEnrichmentAsync(key), key.ToString());
        }
    }

    [Fact]
    public async Task The_streamed_report_counts_the_whole_store()
    {
        var html = await File.ReadAllTextAsync(await WriteReportAsync());

        html.Should().Contain("企業 12 社 ・ 担当者 60 名 ・ 提案 300 件 ・ 接点 3,000 件");
        html.Should().Contain("<div class=\"card\"><span>スコア算出済み担当者</span><b>60 / 60</b></div>");
        Regex.Matches(html, "<tr><td>C-0").Count.Should().Be(12);
    }

    [Fact]
    public async Task The_report_is_self_contained()
    {
        var html = await File.ReadAllTextAsync(await WriteReportAsync());

        // No resource is fetched: no src/href to anything, no CSS import or url().
        html.Should().NotMatchRegex(@"(?i)\b(src|href)\s*=");
        html.Should().NotMatchRegex(@"(?i)@import|url\(");
        html.Should().Contain("<svg id=\"rank-distribution\"").And.Contain("<svg id=\"kpi-per-partner\"");
    }

    [Fact]
    public async Task Chromium_renders_the_charts_and_runs_the_script()
    {
        var file = await WriteReportAsync();

        var dom = await HeadlessChromium.DumpDomAsync(file);

        dom.Should().Contain("data-ready=\"1\"", "the inline script ran to the end");
        var stats = Regex.Match(dom, "charts: (\\d+), bars: (\\d+), points: (\\d+), partners: (\\d+)");
        stats.Success.Should().BeTrue(dom[..Math.Min(dom.Length, 2000)]);
        int.Parse(stats.Groups[1].Value).Should().BeGreaterThanOrEqualTo(2, "rank distribution and KPI per partner are SVG charts");
        int.Parse(stats.Groups[2].Value).Should().BeGreaterThanOrEqualTo(6 + 12, "six rank bars and one bar per partner");
        int.Parse(stats.Groups[4].Value).Should().Be(12);
        dom.Should().Contain("パートナーカルテ レポート");
    }

    [Fact]
    public async Task Chromium_shows_the_rep_section_and_no_raw_codes()
    {
        var file = await WriteReportAsync();

        var dom = await HeadlessChromium.DumpDomAsync(file);

        dom.Should().Contain("data-ready=\"1\"");
        dom.Should().Contain("<h2>担当者別 (reps)</h2>");
        var stats = Regex.Match(dom, "partners: (\\d+), reps: (\\d+)");
        stats.Success.Should().BeTrue(dom[..Math.Min(dom.Length, 2000)]);
        int.Parse(stats.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture).Should().Be(60, "one row per rep of the store");
        dom.Should().Contain("要フォロー（高）: 双方向の接触が40日途絶", "the alert comes with its reason");
        dom.Should().Contain("手数料見直し期限切れ 2026-10-15").And.Contain("契約更新期限 2026-12-01", "contract alerts are sentences");
        var text = Regex.Replace(dom, "<[^>]+>", " ");
        text.Should().NotMatchRegex(@"commission-review|renewal:|expired:|\b(Urgent|High|Normal|Low|Unrated)\b", "no raw code reaches the page");
        text.Should().NotMatchRegex(@"(?<![\w-])U-\d\d(?![\w-])", "owners are shown by name");
        dom.Should().MatchRegex("<td class=\"quadrant\">(重点強化|育成|維持|見直し)</td>", "the focus quadrant per partner");
    }

    [Fact]
    public async Task The_owner_filter_keeps_one_book()
    {
        await WriteReportAsync();
        var owner = (await _h.RunAsync("report", "--out", "all.html", "--json")).Stdout;
        var team = await new SqliteKarteConnector(new SqliteStoreOptions { Path = _h.DatabasePath, CreateIfMissing = false }).ReadTeamAsync();
        var name = team.First(m => m.Id.Value == "U-01").Name;

        // Part of the name (the family name) is enough.
        var run = await _h.RunAsync("report", "--out", "mine.html", "--owner", name.Split(' ')[0], "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        using var all = System.Text.Json.JsonDocument.Parse(owner);
        using var mine = System.Text.Json.JsonDocument.Parse(run.Stdout);
        mine.RootElement.GetProperty("owner").GetString().Should().Be("U-01");
        mine.RootElement.GetProperty("reps").GetInt32().Should().BeGreaterThan(0).And.BeLessThan(all.RootElement.GetProperty("reps").GetInt32());
        var html = await File.ReadAllTextAsync(Path.Combine(_h.Directory, "mine.html"));
        html.Should().Contain($"当社担当 (owner): {name} の担当分のみ");
        Regex.Matches(html, "<tr><td>C-0[^<]*</td><td>[^<]*</td><td>([^<]*)</td>").Select(m => m.Groups[1].Value).Should().NotBeEmpty();
        (await _h.RunAsync("report", "--out", "x.html", "--owner", "U-0")).ExitCode.Should().Be(2, "several members match: the user picks one");
    }

    [Fact]
    public async Task Chromium_draws_a_non_trivial_picture()
    {
        var file = await WriteReportAsync();

        var png = await HeadlessChromium.ScreenshotAsync(file);
        var (width, height, colours, ink) = HeadlessChromium.Analyse(png);

        width.Should().Be(1200);
        height.Should().Be(1600);
        colours.Should().BeGreaterThan(20, "bars in several colours and anti-aliased text");
        ink.Should().BeInRange(0.03, 0.9, "the page is neither blank nor a solid block");
    }
}
