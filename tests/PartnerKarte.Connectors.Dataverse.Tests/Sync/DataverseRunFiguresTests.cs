using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Sync;

/// <summary>
/// Issue 28 for Dataverse: request counts equal the emulator's own log per kind, a full run reads each row once, and
/// unknown values are written as null.
/// </summary>
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

    private static readonly string[] KarteTables = ["account", "contact", "opportunity", "phonecall", "appointment", "email", "task"];

    [Fact]
    public async Task A_full_run_reads_each_activity_and_opportunity_in_full_once_and_reports_rows_read_per_table()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 3, reps: 30, lastCall: ProductSync.AsOf.AddDays(-3));
        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch); // opportunities and every activity table
        using var connector = env.CreateConnector(o => o.PageSize = 7); // several pages per table
        using var sync = new ProductSync(connector);
        env.Emulator.ResetLog();

        var report = await sync.RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        var served = env.Emulator.RowsServed;
        foreach (var table in KarteTables)
        {
            var rows = env.Emulator.Rows(table).Keys.ToList();
            rows.Should().NotBeEmpty();
            var inFull = served.Where(e => e.Table == table && ReadsContents(e)).GroupBy(e => e.RowId).ToDictionary(g => g.Key, g => g.Count());
            inFull.Keys.Should().BeEquivalentTo(rows, $"every {table} row's contents are read");
            if (table is "account" or "contact")
            {
                // Their change read selects the karte columns (its delta link keeps that select for the nights after, when the
                // sync compares changed rows with what it last read to recognise its own writes), then the karte read again.
                inFull.Values.Should().OnlyContain(n => n == 2, $"each {table} row's contents are served by the change read and by the karte read");
                served.Should().NotContain(e => e.Table == table && !ReadsContents(e));
            }
            else
            {
                inFull.Where(kv => kv.Value > 1).Should().BeEmpty($"each {table} row's contents are served once on a full run");
                served.Where(e => e.Table == table && !ReadsContents(e)).Select(e => e.RowId).Distinct().Should().BeEquivalentTo(rows, $"the change summary lists each {table} row by id");
            }

            var set = table == "opportunity" ? "opportunities" : table + "s";
            report.RecordsReadByObject.GetValueOrDefault(set).Should().Be(inFull.Values.Sum(), $"the report counts the {table} rows read in full");
            report.RecordsReadByObject.GetValueOrDefault(set + " (ids)").Should().Be(served.Count(e => e.Table == table && !ReadsContents(e)), $"and the {table} rows read as ids apart");
        }

        report.RecordsReadByObject.GetValueOrDefault("contacts").Should().Be(2 * 33);
        report.RecordsReadByObject.GetValueOrDefault("phonecalls").Should().Be(env.Emulator.Rows("phonecall").Count);
    }

    [Fact]
    public async Task A_later_night_reads_the_changed_row_s_id_through_the_summary_s_own_delta_link_and_its_karte_once()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 3, reps: 30, lastCall: ProductSync.AsOf.AddDays(-3));
        using var first = env.CreateConnector();
        using var sync = new ProductSync(first);
        (await sync.RunAsync()).Outcome.Should().Be(SyncOutcome.Succeeded);
        (await sync.RunAsync(ProductSync.AsOf.AddDays(1))).Written.Should().Be(0, "the night after reads the echo of the values written and writes nothing"); // README: Echoes
        var rep = env.FindByExternalId("contact", "R-00007")!.Value;
        var call = env.Emulator.Rows("phonecall").Single(r => r.Value["_regardingobjectid_value"]?.GetValue<string>() == rep.ToString()).Key;
        env.Emulator.Update("phonecall", call, new JsonObject { ["pk_reaction"] = 3 }); // a CRM user records the reaction
        env.Emulator.ResetLog();

        using var next = env.CreateConnector(); // the next night is another process
        var report = await sync.RunWithAsync(next, ProductSync.AsOf.AddDays(2));

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        var summaryReads = env.Emulator.RequestLog.Where(e => e.PathAndQuery.Contains("$deltatoken=", StringComparison.Ordinal)).ToList();
        summaryReads.Should().HaveCount(7, "each table's summary continues from its own delta link");
        summaryReads.Where(e => !e.PathAndQuery.Contains("/accounts", StringComparison.Ordinal) && !e.PathAndQuery.Contains("/contacts", StringComparison.Ordinal))
            .Should().OnlyContain(e => !e.PathAndQuery.Contains("pk_kartejson", StringComparison.Ordinal), "the links of activities and opportunities select ids and lookups only");
        var served = env.Emulator.RowsServed;
        served.Where(e => e.Table == "phonecall" && !ReadsContents(e)).Select(e => e.RowId).Should().Equal(call);
        served.Where(e => KarteTables.Contains(e.Table) && ReadsContents(e)).Select(e => (e.Table, e.RowId)).Should().BeEquivalentTo(new[] { ("contact", rep), ("phonecall", call) },
            "only the changed rep's karte is read in full, once");
        report.RecordsReadByObject.Should().Contain("phonecalls (ids)", 1).And.Contain("phonecalls", 1).And.Contain("contacts", 1);
    }

    /// <summary>Whether a served row carried its contents: every column, or any column beyond its ids, lookups and stamp.</summary>
    private static bool ReadsContents(RowServedEntry e) =>
        e.Select is null || e.Select.Any(c => !(c is "accountid" or "contactid" or "opportunityid" or "activityid" or "pk_externalid" or "modifiedon"
            || (c.StartsWith('_') && c.EndsWith("_value", StringComparison.Ordinal))));

    [Fact]
    public async Task Unknown_enrichment_values_are_written_as_null_clearing_every_column()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        using var connector = env.CreateConnector();
        var rep = new RepId("R-001");
        var company = new CompanyId("C-001");
        (await connector.WriteEnrichmentAsync(
        [
            EnrichmentRecord.ForRep(rep, 72.4, TrustRank.A, 0.82, -3.5, new DateOnly(2026, 3, 28), FollowUpPriority.High) with { TrustReasons = "高" },
            EnrichmentRecord.ForCompany(company, 4, 2, 50, 1_000_000m, 250_000m, 80, "renewal:2026-12-31"),
        ])).Should().OnlyContain(r => r.Succeeded);

        var results = await connector.WriteEnrichmentAsync(
        [
            EnrichmentRecord.ForRep(rep, null, TrustRank.Unrated, null, null, null, null),
            EnrichmentRecord.ForCompany(company, null, null, null, null, null, null, null),
        ]);

        results.Should().OnlyContain(r => r.Succeeded);
        var contact = env.Emulator.Get("contact", env.FindByExternalId("contact", "R-001")!.Value)!;
        foreach (var column in new[] { "pk_trustscore", "pk_trustconfidence", "pk_trusttrend", "pk_lastcontactdate", "pk_followuppriority", "pk_trustreasons" })
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
