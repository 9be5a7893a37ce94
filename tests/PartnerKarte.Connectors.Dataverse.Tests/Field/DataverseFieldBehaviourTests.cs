using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Field;

/// <summary>
/// Documented Dataverse behaviour the emulator long did not show (issue 18): expired change-tracking tokens, slow answers,
/// the raw 401 challenge, key index status and column formats, activities that move, GUID-shaped karte ids, unreachable hosts.
/// Every test runs over HTTP against the emulator.
/// </summary>
public sealed class DataverseFieldBehaviourTests
{
    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_expired_delta_token_makes_that_table_read_in_full_in_the_same_run_and_the_report_says_which_and_why()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 2, reps: 6, lastCall: ProductSync.AsOf.AddDays(-3));
        using var connector = env.CreateConnector();
        using var sync = new ProductSync(connector);
        (await sync.RunAsync()).Outcome.Should().Be(SyncOutcome.Succeeded);

        // A week later every token is past Organization.ExpireChangeTrackingInDays; one contact changed meanwhile.
        env.Emulator.ExpireDeltaTokens();
        env.Emulator.Update("contact", env.FindByExternalId("contact", "R-00001")!.Value, new JsonObject { ["jobtitle"] = "部長" });
        env.Emulator.ResetLog();
        var report = await sync.RunAsync(ProductSync.AsOf.AddDays(7));

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        env.Emulator.RequestLog.Should().Contain(e => e.Status == 400 && e.PathAndQuery.Contains("contacts", StringComparison.Ordinal) && e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal));
        env.Emulator.RequestLog.Should().Contain(e => e.Status == 200 && e.PathAndQuery.StartsWith("/api/data/v9.2/contacts?", StringComparison.Ordinal) && !e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal),
            "the contacts were read in full in the same run");
        report.Notices.Should().Contain(n => n.Contains("Table contact was read in full", StringComparison.Ordinal) && n.Contains("0x80044352", StringComparison.Ordinal));
        report.Notices.Should().HaveCount(ColumnCatalog.KeyedTables.Length, "one notice per table whose token expired");
        report.Read.Should().Be(2 + 6 + 6, "every account, contact and call was read again");

        // The next run is an ordinary delta read again.
        var next = await sync.RunAsync(ProductSync.AsOf.AddDays(7));
        next.Outcome.Should().Be(SyncOutcome.Succeeded, next.Error);
        next.Notices.Should().BeEmpty();
    }

    [Fact]
    public async Task Answers_slower_than_the_request_timeout_are_retried_and_then_end_the_run_aborted_with_a_report()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 1, reps: 2, lastCall: ProductSync.AsOf.AddDays(-3));
        var log = new ListLogger<DataverseConnector>();
        using var connector = env.CreateConnector(
            o =>
            {
                o.RequestTimeout = TimeSpan.FromMilliseconds(300);
                o.MaxRetries = 2;
            },
            log);
        using var sync = new ProductSync(connector);
        env.Emulator.Faults.Latency = TimeSpan.FromSeconds(5);

        var report = await sync.RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Aborted);
        report.Error.Should().Contain("did not answer").And.Contain("request timeout");
        log.Lines.Count(l => l.Contains("TimeoutException", StringComparison.Ordinal) && l.Contains("retrying", StringComparison.Ordinal))
            .Should().Be(2, "a timeout is transient: retried MaxRetries times before giving up");
    }

    [Fact]
    public async Task Without_a_tenant_the_connector_reads_it_from_the_unquoted_401_challenge()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        using var connector = env.CreateConnector(o => o.TenantId = null);

        await connector.ValidateMappingAsync();

        var log = env.Emulator.RequestLog;
        log.Should().Contain(e => e.Status == 401 && e.PathAndQuery == "/api/data/v9.2/", "the tenant is discovered from the challenge");
        log.Should().Contain(e => e.Kind == RequestKind.Token && e.Status == 200 && e.PathAndQuery.StartsWith($"/{env.Emulator.Options.TenantId}/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Bearer authorization_uri=https://login.microsoftonline.com/8c3d1f2e-0000-4000-8000-00000000abcd/oauth2/authorize, resource_id=https://contoso.crm7.dynamics.com/", "8c3d1f2e-0000-4000-8000-00000000abcd")]
    [InlineData("Bearer authorization_uri=\"https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize\",resource_id=\"https://contoso.crm7.dynamics.com/\"", "contoso.onmicrosoft.com")]
    [InlineData("Bearer resource_id=https://contoso.crm7.dynamics.com/", null)]
    public void The_tenant_is_read_from_the_raw_challenge_quoted_or_not(string header, string? tenant) =>
        DataverseTokenProvider.TenantFromChallenge(header).Should().Be(tenant);

    [Fact]
    public async Task A_pending_key_a_date_time_column_and_missing_choice_values_fail_the_metadata_check_together_before_any_data_is_read()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 1, reps: 3, lastCall: ProductSync.AsOf.AddDays(-3));
        env.Emulator.SetKeyIndexStatus("contact", "Pending");
        env.Emulator.RedefineColumn("contact", new AttributeSchema("pk_lastcontactdate", "DateTime", IsCustom: true));
        env.Emulator.RedefineColumn("contact", new AttributeSchema("pk_followuppriority", "Picklist", IsCustom: true) { Options = [100_000_000, 100_000_001] });
        env.Emulator.ResetLog();
        using var connector = env.CreateConnector();
        using var sync = new ProductSync(connector);

        var report = await sync.RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Aborted);
        report.Error.Should().Contain("contact: the alternate key pk_externalid_key on pk_externalid is Pending")
            .And.Contain("contact.pk_lastcontactdate is a date-and-time column")
            .And.Contain("contact.pk_followuppriority lacks the choice values 100000002, 100000003");
        env.Emulator.RequestLog.Where(e => e.Kind is RequestKind.Read or RequestKind.Write or RequestKind.Batch)
            .Should().OnlyContain(e => e.PathAndQuery.Contains("WhoAmI", StringComparison.Ordinal), "no data is read or written before the check passes");
        (await connector.CheckHealthAsync()).Problems.Should().HaveCount(3);
    }

    [Fact]
    public async Task An_activity_moved_to_another_contact_recomputes_both_the_old_and_the_new_rep()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 2, reps: 2, lastCall: ProductSync.AsOf.AddDays(-3)); // R-00000 at C-0000, R-00001 at C-0001
        using var connector = env.CreateConnector();
        using var sync = new ProductSync(connector);
        (await sync.RunAsync()).Outcome.Should().Be(SyncOutcome.Succeeded);
        (await sync.RunAsync()).Written.Should().Be(0, "the second run only sees the first run's own writes come back");
        var from = env.FindByExternalId("contact", "R-00000")!.Value;
        var to = env.FindByExternalId("contact", "R-00001")!.Value;
        env.Emulator.Get("contact", from)!["pk_lastcontactdate"].Should().NotBeNull("R-00000 had a call");

        // A CRM user re-points R-00000's only call to R-00001.
        var call = env.Emulator.Rows("phonecall").Single(r => r.Value["_regardingobjectid_value"]!.GetValue<string>() == from.ToString()).Key;
        env.Emulator.Update("phonecall", call, new JsonObject { ["regardingobjectid_contact_phonecall@odata.bind"] = $"/contacts({to})" });
        var report = await sync.RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Read.Should().Be(1, "only the call changed");
        env.Emulator.Get("contact", from)!["pk_lastcontactdate"].Should().BeNull("the rep the call left has no contact left");
        env.Emulator.Get("contact", to)!["pk_lastcontactdate"].Should().NotBeNull();
    }

    [Fact]
    public async Task Guid_shaped_karte_ids_are_read_and_written_through_the_alternate_key()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        const string company = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
        const string rep = "0b5e2d2a-1c3e-4a7b-9a55-3f2e1d0c9b8a";
        var account = env.Emulator.Seed("account", new JsonObject { ["pk_externalid"] = company, ["name"] = "旧CRMから移行した会社" });
        var contact = env.Emulator.Seed("contact", new JsonObject
        {
            ["pk_externalid"] = rep, ["lastname"] = "佐藤", ["firstname"] = "花子",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        env.Emulator.Seed("phonecall", new JsonObject
        {
            ["subject"] = "定例", ["actualstart"] = Day(ProductSync.AsOf.AddDays(-2)), ["pk_channel"] = (int)InteractionChannel.Call,
            ["regardingobjectid_contact_phonecall@odata.bind"] = $"/contacts({contact})",
        });
        using var connector = env.CreateConnector();
        using var sync = new ProductSync(connector);

        var report = await sync.RunAsync();

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Failures.Should().BeEmpty();
        report.Written.Should().Be(2);
        env.Emulator.Get("contact", contact)!["pk_trustrank"].Should().NotBeNull();
        env.Emulator.Get("account", account)!["pk_kartecompleteness"].Should().NotBeNull();
        env.Emulator.Rows("contact").Should().ContainSingle("no row was created under the GUID");
        (await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, rep)))!.TrustRank.Should().NotBeNull();
    }

    [Fact]
    public async Task A_refused_connection_fails_fast_with_a_clear_message_and_health_says_unreachable()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        using var connector = new DataverseConnector(
            new DataverseOptions { EnvironmentUrl = new Uri($"http://127.0.0.1:{port}/"), AccessToken = "token", ServiceUnavailableBaseDelay = TimeSpan.FromMilliseconds(10) },
            http);

        var health = await connector.CheckHealthAsync();

        health.IsHealthy.Should().BeFalse();
        health.Problems.Should().ContainSingle().Which.Should().Contain("unreachable").And.Contain("127.0.0.1");
        handler.Count.Should().BeLessThanOrEqualTo(3, "a refused connection is retried a bounded few times, not backed off for minutes");

        using var sync = new ProductSync(connector);
        var report = await sync.RunAsync();
        report.Outcome.Should().Be(SyncOutcome.Aborted);
        report.Error.Should().Contain("unreachable");
    }

    [Fact]
    public async Task A_failed_change_set_answered_in_its_own_changesetresponse_fails_only_its_record()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        using var connector = env.CreateConnector();
        EnrichmentRecord Rep(string id) => EnrichmentRecord.ForRep(new RepId(id), 50, PartnerKarte.Scoring.TrustRank.B, 0.5, 0, null, null);

        var results = await connector.WriteEnrichmentAsync([Rep("R-001"), Rep("R-404"), Rep("R-002")]);

        results.Select(r => r.Succeeded).Should().Equal(true, false, true);
        results[1].ErrorCode.Should().Be("NOT_FOUND");
        results[1].Message.Should().Contain("contact");
    }
}
