using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>
/// The product's <see cref="EnrichmentSync"/> with the SQLite sync-state store against the emulator, asserting on the
/// emulator's own call counters and org: collections, Bulk 2.0, faults, session expiry, the daily limit, the budget guard.
/// </summary>
public sealed class SalesforceSyncTests : IAsyncLifetime
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 15, 0, 0, 0, TimeSpan.FromHours(9));
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-sf-sync-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private ISyncStateStore State(string name = "state") => new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, name + ".db") });

    private static EnrichmentSync Sync(KarteConnector connector, ISyncStateStore state, int batchSize = 0) =>
        new(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), new EnrichmentSyncOptions { BatchSize = batchSize });

    private static Task<SyncReport> RunAsync(KarteConnector connector, ISyncStateStore state, int batchSize = 0, bool dryRun = false) =>
        Sync(connector, state, batchSize).RunAsync(new SyncRunOptions { AsOf = AsOf, DryRun = dryRun });

    private static int WriteCalls(SalesforceTestOrg org, string type) =>
        org.Emulator.RequestLog.Count(e => e.Kind == SalesforceApiCallKind.Write && e.RecordTypes.Contains(type));

    /// <summary>Writes the org carried out (refused ones are logged too, under their kind).</summary>
    private int Writes() => _org.Emulator.RequestLog.Count(e => e.Kind == SalesforceApiCallKind.Write && e.CountedAsApiCall);

    /// <summary>The enrichment the org holds (records never enriched left out), by target, as content hashes.</summary>
    private static Dictionary<EnrichmentKey, string> Enrichment(SalesforceTestOrg org) =>
        org.ReadEnrichment(EnrichmentTarget.Rep).Where(p => p.Value.TrustRank is not null)
            .Concat(org.ReadEnrichment(EnrichmentTarget.Company).Where(p => p.Value.DealCount is not null))
            .ToDictionary(p => p.Key, p => p.Value.ContentHash);

    [Fact]
    public async Task Ten_thousand_changed_contacts_through_collections_take_at_most_50_write_calls_and_a_rerun_none()
    {
        _org.SeedContacts(10_000, interactionEvery: 50);
        var state = State();
        _org.Emulator.ResetCounters();

        var report = await RunAsync(_org.Connector(o => o.BulkThreshold = 20_000), state);

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Written.Should().Be(10_001, "10,000 contacts and their account");
        WriteCalls(_org, "Contact").Should().BeLessThanOrEqualTo(50).And.BeGreaterThan(0);
        Writes().Should().BeLessThanOrEqualTo(51, "ceil(10000/200) contact calls plus one for the account");
        _org.Emulator.CountCalls(SalesforceApiCallKind.BulkIngest).Should().Be(0);
        var held = _org.ReadEnrichment(EnrichmentTarget.Rep);
        held.Should().HaveCount(10_000);
        held.Values.Should().OnlyContain(r => r.TrustRank != null, "every contact got its score");
        held.Values.Should().OnlyContain(r => r.TrustReasons != null && r.TrustReasons.Length <= 255, "PK_TrustReasons__c carries the priority and its reasons");
        held.Values.Should().Contain(r => r.TrustReasons!.StartsWith("低", StringComparison.Ordinal) || r.TrustReasons.StartsWith("通常", StringComparison.Ordinal));

        _org.Emulator.ResetCounters();
        var rerun = await RunAsync(_org.Connector(o => o.BulkThreshold = 20_000), state);

        rerun.Outcome.Should().Be(SyncOutcome.Succeeded);
        rerun.Incremental.Should().BeTrue();
        rerun.Written.Should().Be(0);
        Writes().Should().Be(0, "nothing changed, so nothing is written");
        _org.Emulator.CountCalls(SalesforceApiCallKind.BulkIngest).Should().Be(0);
    }

    [Fact]
    public async Task Ten_thousand_changed_contacts_through_bulk_take_one_job_plus_polls()
    {
        _org.SeedContacts(10_000);
        _org.Emulator.Faults.BulkPollsInProgress = 2;
        _org.Emulator.ResetCounters();

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Written.Should().Be(10_001);
        WriteCalls(_org, "Contact").Should().Be(0, "the contacts went through Bulk API 2.0");
        Writes().Should().Be(1, "the single account through a collection");
        var bulk = _org.Emulator.RequestLog.Where(e => e.Kind == SalesforceApiCallKind.BulkIngest).Select(e => $"{e.Method} {e.Path.Split('/')[^1]}").ToList();
        bulk.Should().HaveCount(5, "create, upload, close, successful and failed results: {0}", string.Join(", ", bulk));
        bulk.Count(b => b.StartsWith("POST", StringComparison.Ordinal)).Should().Be(1, "one job");
        _org.Emulator.CountCalls(SalesforceApiCallKind.BulkPoll).Should().BeInRange(1, 5);
        _org.ReadEnrichment(EnrichmentTarget.Rep).Values.Should().HaveCount(10_000).And.OnlyContain(r => r.TrustRank != null);
    }

    [Fact]
    public async Task Twenty_percent_transient_faults_end_in_the_same_org_state_as_a_clean_run()
    {
        await using var clean = await SalesforceTestOrg.StartAsync();
        clean.SeedContacts(1_000, accounts: 5, interactionEvery: 3);
        _org.SeedContacts(1_000, accounts: 5, interactionEvery: 3);
        var expected = await RunAsync(clean.Connector(), State("clean"));
        expected.Outcome.Should().Be(SyncOutcome.Succeeded);
        var faults = _org.Emulator.Faults;
        faults.ServerUnavailableRate = 0.2;
        faults.LockRowRate = 0.2;
        faults.RetryAfterSeconds = 0;

        var report = await RunAsync(_org.Connector(o => o.MaxRetries = 10), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Written.Should().Be(expected.Written);
        _org.Emulator.RequestLog.Should().Contain(e => e.StatusCode == 503, "faults were injected");
        Enrichment(_org).Should().Equal(Enrichment(clean));
        _org.Org.Records("Contact").Should().HaveCount(1_000, "retries create nothing");
    }

    [Fact]
    public async Task A_session_expiring_mid_run_re_authenticates_and_finishes()
    {
        _org.SeedContacts(2_000, accounts: 2);
        _org.Emulator.Faults.SessionExpiresAfterCalls = 10;

        var report = await RunAsync(_org.Connector(), State());

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Written.Should().Be(2_002);
        _org.Emulator.CountCalls(SalesforceApiCallKind.Auth).Should().BeGreaterThanOrEqualTo(3, "the token expired after every 10 calls");
        _org.Emulator.RequestLog.Should().Contain(e => e.StatusCode == 401);
        _org.ReadEnrichment(EnrichmentTarget.Rep).Values.Should().OnlyContain(r => r.TrustRank != null);
    }

    [Fact]
    public async Task Daily_limit_exhaustion_stops_cleanly_at_a_checkpoint_and_the_next_run_resumes_without_loss_or_duplicates()
    {
        _org.SeedContacts(1_000, interactionEvery: 7);
        var state = State();
        // What a run reads before its first write, measured with a dry run (same calls, no write).
        _org.Emulator.ResetCounters();
        (await RunAsync(_org.Connector(), state, batchSize: 100, dryRun: true)).Written.Should().Be(1_001);
        var reads = _org.Emulator.ApiCallCount;
        _org.Emulator.ResetCounters();
        _org.Emulator.Faults.ExhaustDailyLimitAfterCalls = reads + 4; // room for 4 of the 11 write batches

        var first = await RunAsync(_org.Connector(), state, batchSize: 100);

        first.Outcome.Should().Be(SyncOutcome.Aborted);
        first.Error.Should().Contain("daily API request limit");
        first.Written.Should().Be(4 * 100, "four batches committed and checkpointed before the limit");
        Writes().Should().Be(4, "the fifth write was refused, so nothing was half-written");
        Enrichment(_org).Should().HaveCount(4 * 100, "the org holds exactly the checkpointed records");

        _org.Emulator.Faults.ExhaustDailyLimitAfterCalls = null;
        _org.Emulator.ResetCounters();
        var second = await RunAsync(_org.Connector(), state, batchSize: 100);

        second.Outcome.Should().Be(SyncOutcome.Succeeded, second.Error);
        second.Written.Should().Be(1_001 - (4 * 100), "the second run writes exactly what the first did not");
        second.Skipped.Should().Be(4 * 100);
        Writes().Should().Be(7, "six more contact batches and the account");
        Enrichment(_org).Should().HaveCount(1_001);
        _org.Org.Records("Contact").Should().HaveCount(1_000);
    }

    [Fact]
    public async Task The_api_budget_guard_stops_before_the_share_of_remaining_calls_is_spent()
    {
        _org.SeedContacts(1_000);
        _org.Emulator.Faults.DailyApiLimit = 100;

        var report = await RunAsync(_org.Connector(o => o.ApiBudgetShare = 0.1), State());

        report.Outcome.Should().Be(SyncOutcome.Aborted);
        report.Error.Should().Contain("budget");
        report.Written.Should().Be(0);
        _org.Emulator.ApiCallCount.Should().BeLessThanOrEqualTo(11, "10 % of 100 plus the first call that reported the usage");
    }

    [Fact]
    public async Task A_permanent_per_record_error_goes_to_the_ledger_and_is_not_retried()
    {
        _org.SeedContacts(10);
        _org.Emulator.Faults.RecordError = (type, record) => record.GetValueOrDefault("id") is { } id && id == _org.IdOf("Contact", "R-00003")
            ? new SalesforceError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "スコアは手動で管理されています")
            : null;
        var state = State();

        var report = await RunAsync(_org.Connector(), state);

        report.Outcome.Should().Be(SyncOutcome.PartiallyFailed);
        var failed = report.Failures.Should().ContainSingle().Subject;
        failed.Key.Id.Should().Be("R-00003");
        failed.ErrorCode.Should().Be("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        failed.IsTransient.Should().BeFalse();
        WriteCalls(_org, "Contact").Should().Be(1, "a permanent per-record error is reported, not retried");
        (await state.GetFailuresAsync(_org.Connector().StateKey)).Should().ContainSingle(f => f.Key.Id == "R-00003", "it waits in the ledger for the next run");
    }
}
