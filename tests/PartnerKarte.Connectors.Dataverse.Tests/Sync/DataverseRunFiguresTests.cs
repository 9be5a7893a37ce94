using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Sync;

/// <summary>Issue 28 for Dataverse: request counts equal the emulator's own log per kind, and unknown values are written as null.</summary>
public sealed class DataverseRunFiguresTests
{
    [Fact]
    public async Task The_reported_requests_per_kind_equal_the_emulator_request_log()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 3, reps: 30, lastCall: ProductSync.AsOf.AddDays(-3));
        using var connector = env.CreateConnector(o =>
        {
            o.PageSize = 7; // several pages per table: first pages and next links are counted apart
            o.BatchSize = 10;
        });
        using var sync = new ProductSync(connector);
        env.Emulator.ResetLog();

        var report = await sync.RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        var log = env.Emulator.RequestLog;
        var reads = log.Where(e => e.Kind == RequestKind.Read).ToList();
        report.ApiCallsByKind.GetValueOrDefault(ConnectorRequestKinds.QueryMore).Should().Be(reads.Count(e => e.PathAndQuery.Contains("$skiptoken=", StringComparison.Ordinal)));
        report.ApiCallsByKind.GetValueOrDefault(ConnectorRequestKinds.Query).Should().Be(reads.Count(e => !e.PathAndQuery.Contains("$skiptoken=", StringComparison.Ordinal)));
        report.ApiCallsByKind.GetValueOrDefault(ConnectorRequestKinds.Describe).Should().Be(log.Count(e => e.Kind == RequestKind.Metadata));
        report.ApiCallsByKind.GetValueOrDefault(ConnectorRequestKinds.Write).Should().Be(log.Count(e => e.Kind is RequestKind.Write or RequestKind.Batch));
        report.TokenRequests.Should().Be(log.Count(e => e.Kind == RequestKind.Token));
        report.ApiCalls.Should().Be(log.Count(e => e.Kind != RequestKind.Token));
        report.RecordsReadByObject.GetValueOrDefault("contacts").Should().BeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task Unknown_enrichment_values_are_written_as_null_clearing_every_column()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.Seed(PartnerKarte.Connectors.Conformance.ConformanceData.Batch);
        using var connector = env.CreateConnector();
        var rep = new RepId("R-001");
        var company = new CompanyId("C-001");
        (await connector.WriteEnrichmentAsync(
        [
            EnrichmentRecord.ForRep(rep, 72.4, TrustRank.A, 0.82, -3.5, new DateOnly(2026, 3, 28), FollowUpPriority.High),
            EnrichmentRecord.ForCompany(company, 4, 2, 50, 1_000_000m, 250_000m, 80, "renewal:2026-12-31"),
        ])).Should().OnlyContain(r => r.Succeeded);

        var results = await connector.WriteEnrichmentAsync(
        [
            EnrichmentRecord.ForRep(rep, null, TrustRank.Unrated, null, null, null, null),
            EnrichmentRecord.ForCompany(company, null, null, null, null, null, null, null),
        ]);

        results.Should().OnlyContain(r => r.Succeeded);
        var contact = env.Emulator.Get("contact", env.FindByExternalId("contact", "R-001")!.Value)!;
        foreach (var column in new[] { "pk_trustscore", "pk_trustconfidence", "pk_trusttrend", "pk_lastcontactdate", "pk_followuppriority" })
        {
            contact[column].Should().BeNull($"{column} is unknown, so it is cleared, not written as 0");
        }

        var account = env.Emulator.Get("account", env.FindByExternalId("account", "C-001")!.Value)!;
        foreach (var column in new[] { "pk_dealcount", "pk_woncount", "pk_winrate", "pk_revenue", "pk_grossprofit", "pk_kartecompleteness", "pk_contractalert" })
        {
            account[column].Should().BeNull($"{column} is unknown, so it is cleared, not written as 0");
        }
    }
}
