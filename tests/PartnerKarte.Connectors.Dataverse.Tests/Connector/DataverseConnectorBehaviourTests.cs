using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

public sealed class DataverseConnectorBehaviourTests
{
    [Fact]
    public async Task Missing_and_mistyped_columns_fail_validation_with_one_error_listing_each()
    {
        await using var env = await DataverseTestEnvironment.StartAsync(provision: false);
        env.Emulator.AddColumn("contact", "pk_trustscore", "String", 100);
        using var connector = env.CreateConnector();

        var act = () => connector.ValidateMappingAsync();

        var error = (await act.Should().ThrowAsync<DataverseConfigurationException>()).Which;
        error.Problems.Should().Contain(p => p.Contains("contact.pk_trustscore is String", StringComparison.Ordinal));
        error.Problems.Should().Contain(p => p.Contains("account.pk_dealcount is missing", StringComparison.Ordinal));
        error.Message.Should().Contain("contact.pk_trustrank is missing");
        (await connector.CheckHealthAsync()).IsHealthy.Should().BeFalse();
    }

    [Fact]
    public async Task Provisioning_creates_every_column_and_key_once_and_the_stored_values_have_the_documented_shape()
    {
        await using var env = await DataverseTestEnvironment.StartAsync(provision: false);
        using var connector = env.CreateConnector();

        var created = await connector.ProvisionAsync();
        var again = await connector.ProvisionAsync();

        created.Should().Contain(["contact.pk_trustscore", "account.pk_winrate", "contact key pk_externalid_key"]);
        again.Should().BeEmpty();
        (await connector.CheckHealthAsync()).Problems.Should().BeEmpty();
        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        var record = EnrichmentRecord.ForRep(new RepId("R-001"), 72.4, TrustRank.A, 0.82, -3.5, new DateOnly(2026, 3, 28), FollowUpPriority.High)
            with { TrustReasons = "高: 先方の次回アクションが期限切れ（1件）／レスポンスが速い (+6.2)" };
        (await connector.WriteEnrichmentAsync([record])).Should().OnlyContain(r => r.Succeeded);
        var row = env.Emulator.Get("contact", env.FindByExternalId("contact", "R-001")!.Value)!;
        row["pk_trustscore"]!.GetValue<decimal>().Should().Be(72.4m);
        row["pk_trustrank"]!.GetValue<long>().Should().Be(100_000_004, "choice values are 100000000 + the enum value");
        row["pk_followuppriority"]!.GetValue<long>().Should().Be(100_000_002);
        row["pk_lastcontactdate"]!.GetValue<string>().Should().Be("2026-03-28");
        row["pk_trustreasons"]!.GetValue<string>().Should().Be("高: 先方の次回アクションが期限切れ（1件）／レスポンスが速い (+6.2)");
        created.Should().Contain("contact.pk_trustreasons", "provision creates the reasons column");
    }

    [Fact]
    public void The_shipped_definition_file_lists_exactly_the_columns_the_connector_needs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Solution", "partnerkarte-columns.json");
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        var shipped = doc["columns"]!.AsArray().Select(c => $"{c!["table"]}.{c["logicalName"]}:{c["type"]}").Order().ToList();
        var needed = ColumnCatalog.For(new DataverseMapping()).Select(c => $"{c.Table}.{c.Name}:{c.Type}").Order().ToList();
        shipped.Should().Equal(needed);
        doc["alternateKeys"]!.AsArray().Select(k => k!["table"]!.GetValue<string>()).Should().BeEquivalentTo(ColumnCatalog.KeyedTables);
    }

    [Fact]
    public async Task Logs_hold_no_token_secret_or_personal_data()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        var logger = new ListLogger<DataverseConnector>();
        var syncLogger = new ListLogger<EnrichmentSync>();
        using var connector = env.CreateConnector(logger: logger);
        env.Emulator.Faults.ServiceUnavailableRate = 0.3;
        using var sync = new ProductSync(connector, syncLogger);

        (await sync.RunAsync()).Outcome.Should().NotBe(SyncOutcome.Aborted);
        env.Emulator.ExpireTokens();
        (await sync.RunAsync(ProductSync.AsOf.AddDays(40), fullRefresh: true)).Written.Should().BeGreaterThan(0);
        await connector.UpsertKarteAsync(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        await connector.ReadKarteAsync(new KarteSelection { RepIds = [new RepId("R-001")] }).ToListAsync();

        var text = string.Join('\n', logger.Lines.Concat(syncLogger.Lines));
        logger.Lines.Should().Contain(l => l.Contains("retrying", StringComparison.Ordinal), "retries are logged");
        logger.Lines.Should().Contain(l => l.Contains("renewing", StringComparison.Ordinal));
        text.Should().NotContain("eyJ", "no bearer token").And.NotContain(env.Emulator.Options.ClientSecret)
            .And.NotContain("田中").And.NotContain("tanaka@").And.NotContain("さくら").And.NotContain("株式会社");
        string.Join('\n', logger.Lines).Should().NotContain("R-001", "the connector logs no record values at all, not even ids");
    }

    [Fact]
    public async Task Delta_reads_fall_back_to_modifiedon_and_id_when_change_tracking_is_off()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var env = await DataverseTestEnvironment.StartAsync(new DataverseEmulatorOptions { TimeProvider = time });
        foreach (var s in env.Emulator.Store.Schemas)
        {
            s.ChangeTrackingEnabled = false;
        }

        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        using var connector = env.CreateConnector(o => o.PageSize = 2);
        var (first, watermark) = await ReadAllAsync(connector, null);
        first.Reps.Should().HaveCount(3);
        watermark.Should().Contain("mo:");

        time.Advance(TimeSpan.FromMinutes(5));
        env.Emulator.Update("contact", env.FindByExternalId("contact", "R-002")!.Value, new JsonObject { ["jobtitle"] = "課長" });
        var (second, next) = await ReadAllAsync(connector, watermark);
        var (third, _) = await ReadAllAsync(connector, next);

        second.Reps.Should().ContainSingle().Which.Title.Should().Be("課長");
        second.Companies.Should().BeEmpty();
        third.Count.Should().Be(0);
        env.Emulator.RequestLog.Should().NotContain(e => e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_summary_and_a_full_read_do_not_continue_each_other_s_delta_links_but_read_that_table_anew_and_say_so()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        using var connector = env.CreateConnector();
        var (_, full) = await ReadAllAsync(connector, null); // a full-record position, as earlier versions kept for the sync too
        env.Emulator.Update("contact", env.FindByExternalId("contact", "R-002")!.Value, new JsonObject { ["jobtitle"] = "課長" });
        env.Emulator.ResetLog();

        var (summary, notices, ids) = await SummariseAsync(connector, full);

        notices.Should().HaveCount(7).And.Contain(n => n.StartsWith("Table contact was read in full (ids only)", StringComparison.Ordinal));
        summary.Select(r => r.Id.Value).Should().BeEquivalentTo(["R-001", "R-002", "R-003"], "the contacts were read anew, ids only");
        env.Emulator.RequestLog.Should().NotContain(e => e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal));
        env.Emulator.RowsServed.Should().OnlyContain(e => e.Select != null && (e.Table == "account" || e.Table == "contact" || !e.Select.Contains("pk_kartejson")),
            "activities and opportunities are summarised by ids; accounts and contacts come with their karte columns");
        ids.Should().Contain("\"ids:").And.NotContain("\"ct:");

        env.Emulator.ResetLog();
        var pages = new List<ChangePage>();
        await foreach (var page in connector.ReadChangesAsync(ids))
        {
            pages.Add(page);
        }

        pages.SelectMany(p => p.Notices).Should().HaveCount(7).And.Contain(n => n.StartsWith("Table contact was read in full:", StringComparison.Ordinal));
        pages.SelectMany(p => p.Reps).Should().HaveCount(3).And.Contain(r => r.Id.Value == "R-002" && r.Title == "課長", "a full read brings whole records");
        env.Emulator.RequestLog.Should().NotContain(e => e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal));
        pages[^1].NextWatermark.Should().Contain("\"ct:").And.NotContain("\"ids:");
    }

    [Fact]
    public async Task Without_change_tracking_a_summary_continues_from_its_modifiedon_position()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await using var env = await DataverseTestEnvironment.StartAsync(new DataverseEmulatorOptions { TimeProvider = time });
        foreach (var s in env.Emulator.Store.Schemas)
        {
            s.ChangeTrackingEnabled = false;
        }

        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        using var connector = env.CreateConnector(o => o.PageSize = 2);
        var (all, notices, watermark) = await SummariseAsync(connector, null);
        time.Advance(TimeSpan.FromMinutes(5));
        env.Emulator.Update("contact", env.FindByExternalId("contact", "R-002")!.Value, new JsonObject { ["jobtitle"] = "課長" });
        env.Emulator.ResetLog();

        var (changed, later, _) = await SummariseAsync(connector, watermark);

        all.Should().HaveCount(3);
        notices.Should().BeEmpty();
        watermark.Should().Contain("mo:");
        later.Should().BeEmpty();
        changed.Should().Equal(new ChangedRep(new RepId("R-002"), new CompanyId("C-001")));
        env.Emulator.RowsServed.Should().ContainSingle(e => e.Table == "contact", "only the edited contact changed")
            .Which.Select.Should().Contain("jobtitle", "a changed contact comes with its karte columns, so the sync can tell its own writes coming back from an edit");
    }

    private static async Task<(List<ChangedRep> Reps, List<string> Notices, string? Watermark)> SummariseAsync(KarteConnector connector, string? watermark)
    {
        var reps = new List<ChangedRep>();
        var notices = new List<string>();
        string? last = null;
        await foreach (var page in connector.ReadChangeSummaryAsync(watermark))
        {
            reps.AddRange(page.Reps);
            notices.AddRange(page.Notices);
            last = page.NextWatermark ?? last;
        }

        return (reps, notices, last);
    }

    private static async Task<(KarteRecordBatch Records, string? Watermark)> ReadAllAsync(KarteConnector connector, string? watermark)
    {
        var reps = new List<PartnerRep>();
        var companies = new List<PartnerCompany>();
        string? last = null;
        await foreach (var page in connector.ReadChangesAsync(watermark))
        {
            reps.AddRange(page.Reps);
            companies.AddRange(page.Companies);
            last = page.NextWatermark ?? last;
        }

        return (new KarteRecordBatch { Reps = reps, Companies = companies }, last);
    }

    [Fact]
    public async Task Parallelism_follows_the_dop_hint()
    {
        await using var env = await DataverseTestEnvironment.StartAsync(new DataverseEmulatorOptions { DegreeOfParallelismHint = 2 });
        using var connector = env.CreateConnector(o => o.MaxParallelism = 8);
        await connector.ValidateMappingAsync();

        connector.Capabilities.MaxParallelism.Should().Be(2);
    }
}
