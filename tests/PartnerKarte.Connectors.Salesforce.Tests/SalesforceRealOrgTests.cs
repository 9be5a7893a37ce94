using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>
/// Issue 17: documented Salesforce behaviour a real org shows and the first emulator did not (polymorphic activity
/// owners, archived activities, company-less contacts, the daily limit inside a write, usage past the allocation,
/// deleted activities, object-shaped error bodies), over real HTTP against the emulator.
/// </summary>
public sealed class SalesforceRealOrgTests : IAsyncLifetime
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 15, 0, 0, 0, TimeSpan.FromHours(9));
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-sf-real-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private SalesforceOrg Org => _org.Org;

    private ISyncStateStore State(string name = "state") => new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, name + ".db") });

    private static Task<SyncReport> RunAsync(KarteConnector connector, ISyncStateStore state, int batchSize = 0, bool dryRun = false) =>
        new EnrichmentSync(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), new EnrichmentSyncOptions { BatchSize = batchSize })
            .RunAsync(new SyncRunOptions { AsOf = AsOf, DryRun = dryRun });

    private static async Task<List<ChangePage>> ReadAllAsync(KarteConnector connector, string? watermark = null)
    {
        var pages = new List<ChangePage>();
        await foreach (var page in connector.ReadChangesAsync(watermark))
        {
            pages.Add(page);
        }

        return pages;
    }

    /// <summary>The SOQL texts the emulator answered, decoded.</summary>
    private List<string> Queries() => _org.Emulator.RequestLog
        .Where(e => e.Kind == SalesforceApiCallKind.Query && e.Path.Contains("?q=", StringComparison.Ordinal))
        .Select(e => Uri.UnescapeDataString(e.Path[(e.Path.IndexOf("?q=", StringComparison.Ordinal) + 3)..].Replace('+', ' ')))
        .ToList();

    private string Account(string key) => Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "株式会社" + key, ["PK_ExternalId__c"] = key });

    private string Contact(string key, string? accountId) => Org.Insert("Contact", new Dictionary<string, object?>
    {
        ["LastName"] = "担当", ["FirstName"] = key, ["AccountId"] = accountId, ["PK_ExternalId__c"] = key,
    });

    private string Task(string key, string contactId, DateOnly? activityDate = null, string? ownerId = null) => Org.Insert("Task", new Dictionary<string, object?>
    {
        ["PK_ExternalId__c"] = key, ["Subject"] = "電話", ["WhoId"] = contactId, ["Status"] = "Completed", ["ActivityDate"] = activityDate, ["OwnerId"] = ownerId,
        ["PK_OccurredAt__c"] = activityDate is { } d ? new DateTimeOffset(d.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero) : new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero),
        ["PK_Channel__c"] = "Call", ["PK_Initiator__c"] = "Rep", ["PK_Reaction__c"] = "Positive",
    });

    // 1. Polymorphic owners -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Queue_owned_tasks_and_calendar_owned_events_do_not_stop_the_first_sync_and_map_to_no_owner()
    {
        var account = Account("C-001");
        var contact = Contact("R-001", account);
        var queue = Org.Insert("Group", new Dictionary<string, object?> { ["Name"] = "パートナー窓口", ["Type"] = "Queue" });
        var calendar = Org.Insert("Calendar", new Dictionary<string, object?> { ["Name"] = "会議室A", ["Type"] = "Resource" });
        Task("I-USER", contact, ownerId: _org.UserId(new UserId("U-001")));
        Task("I-QUEUE", contact, ownerId: queue);
        Org.Insert("Event", new Dictionary<string, object?>
        {
            ["PK_ExternalId__c"] = "I-CAL", ["Subject"] = "面談", ["WhoId"] = contact, ["OwnerId"] = calendar, ["PK_Channel__c"] = "Meeting",
            ["StartDateTime"] = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), ["EndDateTime"] = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), ["DurationInMinutes"] = 60,
        });

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        Org.Records("Contact").Single()["PK_TrustRank__c"].Should().NotBeNull("the first sync wrote the rep's score");
        var interactions = (await ReadAllAsync(_org.Connector())).SelectMany(p => p.Interactions).ToDictionary(i => i.Id.Value);
        interactions["I-USER"].UserId.Should().Be(new UserId("U-001"), "a User owner is resolved to its FederationIdentifier");
        interactions["I-QUEUE"].UserId.Should().BeNull("a queue owner is no one on our side");
        interactions["I-CAL"].UserId.Should().BeNull("a calendar owner is no one on our side");
        Queries().Should().NotContain(q => (q.Contains("FROM Task", StringComparison.Ordinal) || q.Contains("FROM Event", StringComparison.Ordinal)) && q.Contains("Owner.", StringComparison.Ordinal));
    }

    // 2. doctor runs the sync's queries --------------------------------------------------------------------------------

    [Fact]
    public async Task Health_check_runs_every_sync_query_and_names_the_failing_object_and_field()
    {
        Account("C-001");
        Org.HideField("User", "FederationIdentifier"); // field-level security: describe of Account/Contact is fine, the owner path is not

        var health = await _org.Connector().CheckHealthAsync();

        health.IsHealthy.Should().BeFalse("the sync's Account query would fail");
        health.Problems.Should().Contain(p => p.Contains("Account", StringComparison.Ordinal) && p.Contains("FederationIdentifier", StringComparison.Ordinal) && p.Contains("INVALID_FIELD", StringComparison.Ordinal));
        Queries().Should().Contain(q => q.Contains("FROM Task", StringComparison.Ordinal) && q.EndsWith("LIMIT 1", StringComparison.Ordinal), "every object the sync reads is probed");
    }

    // 3. Archived activities ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Archived_tasks_and_events_are_read_through_queryAll_and_deleted_ones_are_not()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var account = Account("C-001");
        var contact = Contact("R-001", account);
        Task("I-OLD", contact, today.AddDays(-400));
        Task("I-NEW", contact, today.AddDays(-10));
        Org.SoftDelete(Task("I-DEL", contact, today.AddDays(-10)));
        var start = new DateTimeOffset(today.AddDays(-500).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        Org.Insert("Event", new Dictionary<string, object?>
        {
            ["PK_ExternalId__c"] = "E-OLD", ["Subject"] = "面談", ["WhoId"] = contact, ["PK_Channel__c"] = "Meeting",
            ["StartDateTime"] = start, ["ActivityDateTime"] = start, ["EndDateTime"] = start.AddHours(1), ["DurationInMinutes"] = 60,
        });
        var connector = _org.Connector();

        var karte = new List<KarteRecordBatch>();
        await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { CompanyIds = [new CompanyId("C-001")] }))
        {
            karte.Add(batch);
        }

        karte.SelectMany(b => b.Interactions).Select(i => i.Id.Value).Should().BeEquivalentTo(["I-OLD", "I-NEW", "E-OLD"], "archived activities count, deleted ones do not");
        var full = (await ReadAllAsync(connector)).SelectMany(p => p.Interactions).Select(i => i.Id.Value);
        full.Should().BeEquivalentTo(["I-OLD", "I-NEW", "E-OLD"]);
    }

    // 4. Contacts without an Account ----------------------------------------------------------------------------------

    [Fact]
    public async Task A_contact_without_an_account_is_scored_and_written()
    {
        var account = Account("C-001");
        Task("I-001", Contact("R-001", account));
        Task("I-002", Contact("R-PRIVATE", null));

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        _org.ReadEnrichment(new EnrichmentKey(EnrichmentTarget.Rep, "R-PRIVATE"))!.TrustRank.Should().NotBeNull("a company-less rep is scored and written");
        report.Written.Should().Be(3, "two reps and one company");
    }

    // 5. Daily limit inside a write call -------------------------------------------------------------------------------

    [Fact]
    public async Task The_daily_limit_inside_a_write_call_checkpoints_what_salesforce_accepted_and_the_next_run_does_not_resend_it()
    {
        _org.SeedContacts(1_000, interactionEvery: 7);
        var state = State();
        _org.Emulator.ResetCounters();
        (await RunAsync(_org.Connector(), state, batchSize: 1_001, dryRun: true)).Written.Should().Be(1_001);
        var reads = _org.Emulator.ApiCallCount;
        _org.Emulator.ResetCounters();
        _org.Emulator.Faults.ExhaustDailyLimitAfterCalls = reads + 2; // two of the six collection calls of the one write call

        var first = await RunAsync(_org.Connector(), state, batchSize: 1_001);

        var held = _org.ReadEnrichment(EnrichmentTarget.Rep).Values.Count(r => r.TrustRank is not null) + _org.ReadEnrichment(EnrichmentTarget.Company).Values.Count(r => r.DealCount is not null);
        held.Should().BeGreaterThan(0, "Salesforce accepted two collection calls");
        first.Written.Should().Be(held, "what Salesforce accepted is checkpointed and counted as written");

        _org.Emulator.Faults.ExhaustDailyLimitAfterCalls = null;
        _org.Emulator.ResetCounters();
        var second = await RunAsync(_org.Connector(), state, batchSize: 1_001);

        second.Outcome.Should().Be(SyncOutcome.Succeeded, second.Error);
        second.Written.Should().Be(1_001 - held, "the next run sends only what was not accepted");
        _org.ReadEnrichment(EnrichmentTarget.Rep).Values.Should().OnlyContain(r => r.TrustRank != null);
    }

    // 6. Usage past the allocation -------------------------------------------------------------------------------------

    [Fact]
    public async Task Usage_past_the_allocation_gives_a_budget_of_zero_not_a_negative_one_and_names_the_real_numbers()
    {
        _org.SeedContacts(10);
        _org.Emulator.Faults.DailyApiLimit = 15_000;
        _org.Emulator.Faults.DailyApiOverage = 1_000;
        _org.Emulator.SetApiUsage(15_009); // the first call is counted: api-usage=15010/15000

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Aborted);
        report.Error.Should().Contain("15010/15000").And.Contain("allocation").And.NotMatchRegex(@"-\d");
        _org.Emulator.RequestLog.Should().OnlyContain(e => e.StatusCode < 400, "the guard stopped before Salesforce refused anything");
    }

    // 7. Deleted activities ------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_deleted_task_recomputes_only_the_rep_and_company_it_touched()
    {
        _org.SeedContacts(30, accounts: 3, interactionEvery: 1);
        var connector = _org.Connector();
        var state = State();
        (await RunAsync(connector, state)).Outcome.Should().Be(SyncOutcome.Succeeded);
        var watermark = await state.GetWatermarkAsync(connector.StateKey);
        Org.SoftDelete(Org.Records("Task").Single(t => (string?)t["PK_ExternalId__c"] == "I-00004")["Id"]!.ToString()!);
        _org.Emulator.ResetCounters();

        var deletion = (await ReadAllAsync(_org.Connector(), watermark)).SelectMany(p => p.Deletions).Should().ContainSingle().Subject;
        deletion.Id.Should().Be("I-00004");
        deletion.RepId.Should().Be("R-00004");
        deletion.CompanyId.Should().Be("C-001", "contact 4 of 30 over three accounts sits at C-001");

        _org.Emulator.ResetCounters();
        var rerun = await RunAsync(_org.Connector(), state);

        rerun.Outcome.Should().Be(SyncOutcome.Succeeded, rerun.Error);
        Queries().Should().NotContain(q => q.Contains("FROM Contact", StringComparison.Ordinal) && !q.Contains("WHERE", StringComparison.Ordinal), "no full read of the org");
        rerun.Written.Should().BeGreaterThan(0, "rep R-00004 lost its only interaction");
    }

    // 8. Object-shaped error bodies ------------------------------------------------------------------------------------

    [Fact]
    public async Task An_object_shaped_error_body_keeps_its_code_and_message_in_the_exception_and_the_report()
    {
        Account("C-001");
        Org.HideField("User", "FederationIdentifier");
        _org.Emulator.Faults.ObjectErrorBodies = true;

        var read = async () => await ReadAllAsync(_org.Connector());
        var thrown = (await read.Should().ThrowAsync<CrmRequestException>()).Which;
        thrown.ErrorCode.Should().Be("INVALID_FIELD");
        thrown.Message.Should().Contain("No such column 'FederationIdentifier' on entity 'User'").And.Contain("Account");

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Aborted);
        report.Error.Should().Contain("INVALID_FIELD").And.Contain("No such column 'FederationIdentifier'");
    }
}
