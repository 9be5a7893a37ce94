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
            records.Add(EnrichmentRecord.ForRep(new RepId($"R-{i:D5}"), rank == TrustRank.Unrated ? null : 15 * (int)rank, rank, 0.8, i % 2 == 0 ? 3 : -4, new DateOnly(2026, 10, 1), (FollowUpPriority)(i % 4)));
        }

        for (var i = 1; i <= 12; i++)
        {
            records.Add(EnrichmentRecord.ForCompany(new CompanyId($"C-{i:D3}"), 20 + i, 5 + (i % 5), 100.0 * (5 + (i % 5)) / 20, 1_000_000m * i, 300_000m * i, 60 + i, i % 4 == 0 ? "契約更新 30日以内" : null));
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
