using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Sync;
using Xunit.Abstractions;

namespace PartnerKarte.Connectors.Dataverse.Tests.Sync;

/// <summary>
/// Acceptance, driving the product's <see cref="EnrichmentSync"/> (with its SQLite sync-state store) against the emulator:
/// call counts for 10,000 changed contacts, no-op reruns, service protection limits, 503s, token expiry.
/// Every count is taken from the emulator's own request log.
/// </summary>
public sealed class DataverseSyncTests(ITestOutputHelper output)
{
    private static readonly string[] RepColumns = ["pk_trustscore", "pk_trustrank", "pk_trustconfidence", "pk_trusttrend", "pk_lastcontactdate", "pk_followuppriority"];
    private static readonly string[] CompanyColumns = ["pk_dealcount", "pk_woncount", "pk_winrate", "pk_revenue", "pk_grossprofit", "pk_kartecompleteness", "pk_contractalert"];

    private static Dictionary<string, string> EnrichmentState(DataverseEmulator emulator) =>
        emulator.Rows("contact").Values.Select(r => (r, RepColumns)).Concat(emulator.Rows("account").Values.Select(r => (r, CompanyColumns)))
            .ToDictionary(
                x => x.r["pk_externalid"]!.GetValue<string>(),
                x => string.Join('|', x.Item2.Select(c => x.r[c]?.ToJsonString() ?? "null")),
                StringComparer.Ordinal);

    [Fact]
    public async Task Ten_thousand_changed_contacts_take_ceil_n_over_batch_size_batch_calls_and_a_rerun_writes_nothing()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 20, reps: 10_000, lastCall: ProductSync.AsOf.AddDays(-10));
        output.WriteLine($"seeded in {clock.ElapsedMilliseconds} ms");
        using var connector = env.CreateConnector(o => o.BatchSize = 1000);
        using var sync = new ProductSync(connector);

        // The first run enriches every contact and account.
        var first = await sync.RunAsync();
        output.WriteLine($"first run done at {clock.ElapsedMilliseconds} ms: {first.Written} written");
        first.Outcome.Should().Be(SyncOutcome.Succeeded, first.Error);
        first.Written.Should().Be(10_020);
        var state = EnrichmentState(env.Emulator);
        env.Emulator.Rows("contact").Values.Should().OnlyContain(r => r["pk_trustrank"] != null, "every contact got its values");
        env.Emulator.Rows("contact").Values.Should().OnlyContain(r => r["pk_trustreasons"] != null, "pk_trustreasons carries the priority and its reasons");
        env.Emulator.Rows("account").Values.Should().OnlyContain(r => r["pk_kartecompleteness"] != null, "every account got its values");

        // A rerun with no change makes no write call at all.
        env.Emulator.ResetLog();
        var rerun = await sync.RunAsync();
        rerun.Written.Should().Be(0);
        env.Emulator.WriteCallCount.Should().Be(0, "a rerun with nothing changed writes nothing");
        EnrichmentState(env.Emulator).Should().Equal(state);

        // 10,000 contacts changed in the CRM, scored a month later: every rep's values change, no company's.
        env.RetitleAllContacts("課長");
        env.Emulator.ResetLog();
        var changed = await sync.RunAsync(ProductSync.AsOf.AddDays(30));
        output.WriteLine($"changed run done at {clock.ElapsedMilliseconds} ms: {changed.Written} written, {changed.Skipped} skipped");

        changed.Outcome.Should().Be(SyncOutcome.Succeeded, changed.Error);
        changed.Written.Should().Be(10_000);
        var log = env.Emulator.RequestLog;
        env.Emulator.BatchCallCount.Should().BeLessThanOrEqualTo(10, "at most ceil(10000 / 1000) $batch calls");
        log.Where(e => e.Kind == RequestKind.Batch).Sum(e => e.BatchOperations).Should().Be(10_000);
        env.Emulator.WriteCallCount.Should().Be(env.Emulator.BatchCallCount, "every write goes through $batch");
        env.Emulator.TokenCallCount.Should().Be(0, "the token from the first run is still cached");
        var reads = log.Where(e => e.Kind == RequestKind.Read).ToList();
        output.WriteLine($"reads: {reads.Count}\n" + string.Join('\n', reads.GroupBy(r => r.PathAndQuery.Split('?')[0]).Select(g => $"{g.Key}: {g.Count()}")));
        reads.Count(e => e.PathAndQuery.StartsWith("/api/data/v9.2/contacts?", StringComparison.Ordinal)).Should().Be(20, "10 delta pages and 10 pages of the companies' contacts, 1,000 each");
        reads.Should().HaveCountLessThan(60, "query pages: the delta of each table, the 20 companies' kartes, a few lookups");
        EnrichmentState(env.Emulator).Where(kv => kv.Key.StartsWith("R-", StringComparison.Ordinal)).Should().NotIntersectWith(state, "every rep's values changed");
    }

    private static async Task<Dictionary<string, string>> RunOnceAsync(Action<DataverseEmulator> faults, int reps, Action<DataverseEmulator, SyncReport>? afterRun = null)
    {
        await using var env = await DataverseTestEnvironment.StartAsync(new DataverseEmulatorOptions { Seed = 7 });
        env.SeedReps(companies: 5, reps: reps, lastCall: ProductSync.AsOf.AddDays(-3));
        using var connector = env.CreateConnector(o =>
        {
            o.BatchSize = 50;
            o.PageSize = 250;
        });
        using var sync = new ProductSync(connector);
        faults(env.Emulator);
        var report = await sync.RunAsync();
        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Written.Should().Be(reps + 5);
        afterRun?.Invoke(env.Emulator, report);
        return EnrichmentState(env.Emulator);
    }

    [Fact]
    public async Task Under_a_service_protection_limit_far_below_the_workload_the_sync_completes_honours_every_Retry_After_and_ends_in_the_same_state()
    {
        var unthrottled = await RunOnceAsync(_ => { }, reps: 1000);
        IReadOnlyList<RequestLogEntry> log = [];

        // Dataverse allows 6,000 requests per 300 s; here 10 per 1 s sliding window (scaled down in time so the test stays
        // short), against a workload of about 60 requests.
        var throttled = await RunOnceAsync(
            e =>
            {
                e.Limits.Window = TimeSpan.FromSeconds(1);
                e.Limits.MaxRequestsPerWindow = 10;
                e.ResetLog();
            },
            reps: 1000,
            afterRun: (e, _) => log = e.RequestLog);

        throttled.Should().Equal(unthrottled);
        var rejections = log.Where(e => e.Status == 429).ToList();
        rejections.Should().NotBeEmpty("the limit is far below the workload");
        rejections.Should().OnlyContain(e => e.RetryAfter != null);
        log.Should().NotContain(e => e.BeforeRetryAfter, "no request may arrive before Retry-After has passed");
        foreach (var r in rejections)
        {
            var opens = r.ArrivedAt + r.RetryAfter!.Value;
            log.Where(e => e.ArrivedAt > r.CompletedAt + ServiceProtectionGrace && e.ArrivedAt < opens - TimeSpan.FromMilliseconds(1))
                .Should().BeEmpty("no request may be sent before the Retry-After of the 429 at {0} had passed", r.ArrivedAt);
        }
    }

    // Requests already on the wire when a 429 is answered are not retries; the emulator allows the same slack.
    private static readonly TimeSpan ServiceProtectionGrace = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task With_20_percent_injected_503s_the_sync_completes_in_the_same_state()
    {
        var clean = await RunOnceAsync(_ => { }, reps: 600);
        IReadOnlyList<RequestLogEntry> log = [];

        var faulty = await RunOnceAsync(e => e.Faults.ServiceUnavailableRate = 0.2, reps: 600, afterRun: (e, _) => log = e.RequestLog);

        faulty.Should().Equal(clean);
        log.Count(e => e.Status == 503).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_sync_succeeds()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 1, reps: 10, lastCall: ProductSync.AsOf.AddDays(-3));
        using var connector = env.CreateConnector();
        using var sync = new ProductSync(connector);
        (await sync.RunAsync()).Written.Should().Be(11);
        var tokens = env.Emulator.TokenCallCount;

        env.Emulator.ExpireTokens();
        var report = await sync.RunAsync(ProductSync.AsOf.AddDays(30), fullRefresh: true);

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Written.Should().Be(10);
        env.Emulator.TokenCallCount.Should().Be(tokens + 1, "one renewal after the 401");
        env.Emulator.RequestLog.Count(e => e.Status == 401).Should().Be(1);
    }
}
