using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>Issue 28 for Salesforce: request counts equal the org's own log, a full run reads each record once, unknown values are cleared.</summary>
public sealed class SalesforceRunFiguresTests : IAsyncLifetime
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 15, 0, 0, 0, TimeSpan.FromHours(9));
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-sf-figures-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private ISyncStateStore State() => new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "state.db") });

    private static Task<SyncReport> RunAsync(KarteConnector connector, ISyncStateStore state) =>
        new EnrichmentSync(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()))
            .RunAsync(new SyncRunOptions { AsOf = AsOf });

    private int Logged(params SalesforceApiCallKind[] kinds) => _org.Emulator.RequestLog.Count(e => kinds.Contains(e.Kind));

    private static long Reported(SyncReport report, params string[] kinds) => kinds.Sum(k => report.ApiCallsByKind.GetValueOrDefault(k));

    [Fact]
    public async Task Reported_request_counts_equal_the_emulator_log_per_kind_with_query_pages_bulk_calls_and_tokens()
    {
        _org.SeedContacts(1_200, accounts: 3, interactionEvery: 2); // more than one 200-row page per object
        _org.Emulator.Faults.BulkPollsInProgress = 1;
        _org.Emulator.Faults.SessionExpiresAfterCalls = 40; // a second token mid-run
        _org.Emulator.ResetCounters();

        var report = await RunAsync(_org.Connector(o => { o.BulkThreshold = 1_000; o.QueryBatchSize = 200; }), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        Reported(report, ConnectorRequestKinds.Query, ConnectorRequestKinds.QueryMore).Should().Be(Logged(SalesforceApiCallKind.Query));
        report.ApiCallsByKind.GetValueOrDefault(ConnectorRequestKinds.QueryMore).Should().BeGreaterThan(0, "nextRecordsUrl pages are counted");
        Reported(report, ConnectorRequestKinds.Describe, ConnectorRequestKinds.Limits).Should().Be(Logged(SalesforceApiCallKind.Metadata));
        Reported(report, ConnectorRequestKinds.Write).Should().Be(Logged(SalesforceApiCallKind.Write));
        Reported(report, ConnectorRequestKinds.Bulk).Should().Be(Logged(SalesforceApiCallKind.BulkIngest, SalesforceApiCallKind.BulkPoll)).And.BeGreaterThan(0);
        report.TokenRequests.Should().Be(Logged(SalesforceApiCallKind.Auth)).And.BeGreaterThanOrEqualTo(2);
        report.ApiCalls.Should().Be(_org.Emulator.RequestLog.Count(e => e.Kind != SalesforceApiCallKind.Auth), "every request the org saw, retries after 401 included");
    }

    [Fact]
    public async Task A_full_run_reads_each_record_in_full_once_and_reports_records_read_per_object()
    {
        _org.SeedContacts(300, accounts: 3, interactionEvery: 1);
        _org.Emulator.ResetCounters();

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        ServedInFull("Task").Should().Be(300, "the emulator served each Task's contents once");
        ServedInFull("Contact").Should().Be(300);
        ServedInFull("Account").Should().Be(3);
        report.RecordsReadByObject.GetValueOrDefault("Task").Should().Be(300);
        report.RecordsReadByObject.GetValueOrDefault("Contact").Should().Be(300);
        report.RecordsReadByObject.GetValueOrDefault("Task (ids)").Should().Be(300, "the change summary read ids only, and says so");
    }

    [Fact]
    public async Task A_full_run_reads_each_opportunity_and_each_contact_role_once()
    {
        _org.SeedContacts(30, accounts: 3, interactionEvery: 1);
        _org.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch); // opportunities with primary contact roles
        _org.Emulator.ResetCounters();

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        var opportunities = _org.Org.Records("Opportunity").Count;
        var roles = _org.Org.Records("OpportunityContactRole").Count;
        opportunities.Should().BeGreaterThan(0);
        roles.Should().BeGreaterThan(0);
        ServedInFull("Opportunity").Should().Be(opportunities, "the emulator served each Opportunity's contents once");
        ServedInFull("Task").Should().Be(_org.Org.Records("Task").Count);
        Served("OpportunityContactRole").Should().Be(roles, "each contact role is read once: a full change summary names every contact already");
        report.RecordsReadByObject.GetValueOrDefault("Opportunity").Should().Be(opportunities);
        report.RecordsReadByObject.GetValueOrDefault("OpportunityContactRole").Should().Be(roles);
    }

    /// <summary>Records the emulator served for every query of <paramref name="type"/>.</summary>
    private int Served(string type) => _org.Emulator.RequestLog
        .Where(e => e.Kind == SalesforceApiCallKind.Query)
        .Select(e => (e.Records, Soql: Uri.UnescapeDataString(e.Path.Replace('+', ' '))))
        .Where(e => e.Soql.Contains("FROM " + type + " ", StringComparison.Ordinal))
        .Sum(e => e.Records);

    /// <summary>Records the emulator served for queries of <paramref name="type"/> that selected the karte contents (PK_Karte__c).</summary>
    private int ServedInFull(string type) => _org.Emulator.RequestLog
        .Where(e => e.Kind == SalesforceApiCallKind.Query)
        .Select(e => (e.Records, Soql: Uri.UnescapeDataString(e.Path.Replace('+', ' '))))
        .Where(e => e.Soql.Contains("PK_Karte__c", StringComparison.Ordinal) && e.Soql.Contains("FROM " + type + " ", StringComparison.Ordinal))
        .Sum(e => e.Records);

    public static TheoryData<string, bool> EnrichmentFields()
    {
        var data = new TheoryData<string, bool>();
        foreach (var field in new[] { "PK_TrustScore__c", "PK_TrustRank__c", "PK_TrustConfidence__c", "PK_TrustTrend__c", "PK_LastContactDate__c", "PK_FollowUpPriority__c", "PK_TrustReasons__c", "PK_DealCount__c", "PK_WonCount__c", "PK_WinRate__c", "PK_Revenue__c", "PK_GrossProfit__c", "PK_KarteCompleteness__c", "PK_ContractAlert__c" })
        {
            data.Add(field, false);
            data.Add(field, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnrichmentFields))]
    public async Task An_unknown_value_clears_the_field_instead_of_writing_zero(string field, bool bulk)
    {
        _org.SeedContacts(2);
        var rep = field is "PK_TrustScore__c" or "PK_TrustRank__c" or "PK_TrustConfidence__c" or "PK_TrustTrend__c" or "PK_LastContactDate__c" or "PK_FollowUpPriority__c" or "PK_TrustReasons__c";
        var key = new EnrichmentKey(rep ? EnrichmentTarget.Rep : EnrichmentTarget.Company, rep ? "R-00000" : "C-000");
        var known = rep
            ? new EnrichmentRecord { Target = key.Target, Id = key.Id, TrustScore = 61.5, TrustRank = TrustRank.B, TrustConfidence = 0.5, TrustTrend = 1.5, LastContactDate = new DateOnly(2026, 3, 1), FollowUpPriority = FollowUpPriority.High, TrustReasons = "高: 先方の次回アクションが期限切れ（1件）／レスポンスが速い (+6.2)" }
            : new EnrichmentRecord { Target = key.Target, Id = key.Id, DealCount = 4, WonCount = 2, WinRatePercent = 50, Revenue = 1_000_000m, GrossProfit = 300_000m, KarteCompletenessPercent = 80, ContractAlert = "更新90日前" };
        var unknown = Without(known, field);
        var connector = _org.Connector(o => o.BulkThreshold = bulk ? 1 : 10_000);

        (await connector.WriteEnrichmentAsync([known])).Should().OnlyContain(r => r.Succeeded);
        (await connector.WriteEnrichmentAsync([unknown])).Should().OnlyContain(r => r.Succeeded);

        var type = rep ? "Contact" : "Account";
        var held = _org.Org.Records(type).Single(r => (string?)r["PK_ExternalId__c"] == key.Id);
        held[field].Should().BeNull("an unknown value is written as null (cleared), never as 0");
        held.Where(p => p.Key.StartsWith("PK_", StringComparison.Ordinal) && p.Key != field && p.Key is not ("PK_ExternalId__c" or "PK_Karte__c"))
            .Should().OnlyContain(p => p.Value != null, "the other values stay");
    }

    private static EnrichmentRecord Without(EnrichmentRecord r, string field) => field switch
    {
        "PK_TrustScore__c" => r with { TrustScore = null },
        "PK_TrustRank__c" => r with { TrustRank = null },
        "PK_TrustConfidence__c" => r with { TrustConfidence = null },
        "PK_TrustTrend__c" => r with { TrustTrend = null },
        "PK_LastContactDate__c" => r with { LastContactDate = null },
        "PK_FollowUpPriority__c" => r with { FollowUpPriority = null },
        "PK_TrustReasons__c" => r with { TrustReasons = null },
        "PK_DealCount__c" => r with { DealCount = null },
        "PK_WonCount__c" => r with { WonCount = null },
        "PK_WinRate__c" => r with { WinRatePercent = null },
        "PK_Revenue__c" => r with { Revenue = null },
        "PK_GrossProfit__c" => r with { GrossProfit = null },
        "PK_KarteCompleteness__c" => r with { KarteCompletenessPercent = null },
        _ => r with { ContractAlert = null },
    };
}
