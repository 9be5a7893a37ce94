using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>Acceptance of the write path against the emulator's own counters: collections, Bulk 2.0, faults, limits.</summary>
public sealed class SalesforceSyncTests : IAsyncLifetime
{
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private static List<EnrichmentRecord> Scores(int count, int variant = 0) => Enumerable.Range(0, count)
        .Select(i => EnrichmentRecord.ForRep(
            new RepId(SalesforceTestOrg.RepKey(i)),
            (i + variant) % 101,
            (TrustRank)((i + variant) % 4),
            0.5,
            variant - 2.5,
            new DateOnly(2026, 3, 1).AddDays(i % 28),
            FollowUpPriority.High))
        .ToList();

    private void AssertOrgHolds(IReadOnlyList<EnrichmentRecord> expected)
    {
        var stored = _org.ReadEnrichment(EnrichmentTarget.Rep);
        foreach (var record in expected)
        {
            stored[record.Key].ContentHash.Should().Be(record.ContentHash, "{0} must hold the written values", record.Key);
        }
    }

    private int Writes() => _org.Emulator.CountCalls(SalesforceApiCallKind.Write);

    [Fact]
    public async Task Ten_thousand_changed_contacts_through_collections_take_at_most_50_write_calls_and_a_rerun_none()
    {
        _org.SeedContacts(10_000);
        var connector = _org.Connector(o => o.BulkThreshold = 20_000);
        var hashes = new Dictionary<EnrichmentKey, string>();
        var records = Scores(10_000);
        _org.Emulator.ResetCounters();

        await new EnrichmentRun(connector, hashes).RunAsync(records);

        Writes().Should().BeLessThanOrEqualTo(50).And.BeGreaterThan(0);
        _org.Emulator.CountCalls(SalesforceApiCallKind.BulkIngest).Should().Be(0);
        hashes.Should().HaveCount(10_000);
        AssertOrgHolds(records.Where((_, i) => i % 97 == 0).ToList());

        _org.Emulator.ResetCounters();
        var rerun = new EnrichmentRun(connector, hashes);
        await rerun.RunAsync(records);

        rerun.Written.Should().Be(0);
        Writes().Should().Be(0, "nothing changed, so nothing is written");
        _org.Emulator.ApiCallCount.Should().Be(0);
    }

    [Fact]
    public async Task Ten_thousand_changed_contacts_through_bulk_take_one_job_plus_polls()
    {
        _org.SeedContacts(10_000);
        _org.Emulator.Faults.BulkPollsInProgress = 2;
        var connector = _org.Connector();
        var records = Scores(10_000, variant: 3);
        _org.Emulator.ResetCounters();

        var run = new EnrichmentRun(connector, []);
        await run.RunAsync(records);

        run.Written.Should().Be(10_000);
        Writes().Should().Be(0);
        var bulk = _org.Emulator.RequestLog.Where(e => e.Kind == SalesforceApiCallKind.BulkIngest).Select(e => $"{e.Method} {e.Path.Split('/')[^1]}").ToList();
        bulk.Should().HaveCount(5, "create, upload, close, successful and failed results: {0}", string.Join(", ", bulk));
        bulk.Count(b => b.StartsWith("POST", StringComparison.Ordinal)).Should().Be(1, "one job");
        _org.Emulator.CountCalls(SalesforceApiCallKind.BulkPoll).Should().BeInRange(1, 5);
        AssertOrgHolds(records.Where((_, i) => i % 97 == 0).ToList());
    }

    [Fact]
    public async Task Twenty_percent_transient_faults_end_in_the_same_org_state_as_a_clean_run()
    {
        _org.SeedContacts(1_000);
        var faults = _org.Emulator.Faults;
        faults.ServerUnavailableRate = 0.2;
        faults.LockRowRate = 0.2;
        faults.RetryAfterSeconds = 0;
        var connector = _org.Connector(o => o.MaxRetries = 8);
        var records = Scores(1_000, variant: 7);

        var run = new EnrichmentRun(connector, []);
        await run.RunAsync(records);

        run.Written.Should().Be(1_000);
        run.Failed.Should().Be(0);
        _org.Emulator.RequestLog.Should().Contain(e => e.StatusCode == 503, "faults were injected");
        AssertOrgHolds(records);
        _org.Org.Records("Contact").Should().HaveCount(1_000, "retries create nothing");
    }

    [Fact]
    public async Task A_session_expiring_mid_run_re_authenticates_and_finishes()
    {
        _org.SeedContacts(2_000);
        _org.Emulator.Faults.SessionExpiresAfterCalls = 4;
        var connector = _org.Connector();
        var records = Scores(2_000, variant: 1);

        var run = new EnrichmentRun(connector, []);
        await run.RunAsync(records);

        run.Written.Should().Be(2_000);
        _org.Emulator.CountCalls(SalesforceApiCallKind.Auth).Should().BeGreaterThanOrEqualTo(3, "the token expired after every 4 calls");
        _org.Emulator.RequestLog.Should().Contain(e => e.StatusCode == 401);
        AssertOrgHolds(records);
    }

    [Fact]
    public async Task Daily_limit_exhaustion_stops_cleanly_and_the_next_run_resumes_without_loss_or_duplicates()
    {
        _org.SeedContacts(3_000);
        var connector = _org.Connector(o => o.BulkThreshold = 1_000);
        var hashes = new Dictionary<EnrichmentKey, string>();
        var records = Scores(3_000, variant: 5);
        _org.Emulator.ResetCounters();
        // Budget: describe (4) + id lookups (15) + 6 of the 15 collection writes of the 3 batches (bulk threshold keeps them in collections).
        _org.Emulator.Faults.ExhaustDailyLimitAfterCalls = 4 + 15 + 6;

        var first = new EnrichmentRun(connector, hashes);
        await first.RunAsync(records.Take(999).Concat(records.Skip(999).Take(999)).Concat(records.Skip(1998)).ToList());

        first.StoppedBy.Should().NotBeNull();
        first.StoppedBy!.IsBudgetGuard.Should().BeFalse();
        first.StoppedBy.ErrorCode.Should().Be("REQUEST_LIMIT_EXCEEDED");
        first.StoppedBy.Message.Should().Contain("daily API request limit");
        first.Written.Should().BeGreaterThan(0).And.BeLessThan(3_000);
        hashes.Should().HaveCount(first.Written, "every committed record is checkpointed, nothing else");

        _org.Emulator.Faults.ExhaustDailyLimitAfterCalls = null;
        _org.Emulator.ResetCounters();
        var second = new EnrichmentRun(_org.Connector(o => o.BulkThreshold = 1_000), hashes);
        await second.RunAsync(records);

        second.StoppedBy.Should().BeNull();
        (first.Written + second.Written).Should().Be(3_000, "the second run writes exactly what the first did not");
        AssertOrgHolds(records);
        _org.Org.Records("Contact").Should().HaveCount(3_000);
    }

    [Fact]
    public async Task The_api_budget_guard_stops_before_the_share_of_remaining_calls_is_spent()
    {
        _org.SeedContacts(1_000);
        _org.Emulator.Faults.DailyApiLimit = 100;
        var connector = _org.Connector(o => o.ApiBudgetShare = 0.1);

        var run = new EnrichmentRun(connector, []);
        await run.RunAsync(Scores(1_000));

        run.StoppedBy.Should().NotBeNull();
        run.StoppedBy!.IsBudgetGuard.Should().BeTrue();
        run.StoppedBy.ApiLimit.Should().Be(100);
        _org.Emulator.ApiCallCount.Should().BeLessThanOrEqualTo(11, "10 % of 100 plus the first call that reported the usage");
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_a_permanent_error_is_not_retried()
    {
        _org.SeedContacts(10);
        _org.Emulator.Faults.RecordError = (type, record) => record.GetValueOrDefault("id") is { } id && id == _org.IdOf("Contact", "R-00003")
            ? new SalesforceError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "スコアは手動で管理されています")
            : null;
        var connector = _org.Connector();

        var results = await connector.WriteEnrichmentAsync(Scores(10));

        results.Should().HaveCount(10);
        var failed = results.Single(r => !r.Succeeded);
        failed.Key.Id.Should().Be("R-00003");
        failed.ErrorCode.Should().Be("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        failed.IsTransient.Should().BeFalse();
        Writes().Should().Be(1, "a permanent per-record error is reported, not retried");
    }
}
