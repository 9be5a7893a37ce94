using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using Xunit.Abstractions;

namespace PartnerKarte.Connectors.Dataverse.Tests.Sync;

/// <summary>Acceptance: call counts for 10,000 changed contacts, no-op reruns, service protection limits, 503s, token expiry.</summary>
public sealed class DataverseSyncTests(ITestOutputHelper output)
{
    private static Dictionary<string, string> EnrichmentState(DataverseEmulator emulator) =>
        emulator.Rows("contact").Values.ToDictionary(
            r => r["pk_externalid"]!.GetValue<string>(),
            r => string.Join('|', new[] { "pk_trustscore", "pk_trustrank", "pk_trustconfidence", "pk_trusttrend", "pk_lastcontactdate", "pk_followuppriority" }
                .Select(c => r[c]?.ToJsonString() ?? "null")),
            StringComparer.Ordinal);

    [Fact]
    public async Task Ten_thousand_changed_contacts_take_ceil_n_over_batch_size_batch_calls_and_a_rerun_writes_nothing()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 20, reps: 10_000);
        output.WriteLine($"seeded in {clock.ElapsedMilliseconds} ms");
        using var connector = env.CreateConnector(o => o.BatchSize = 1000);
        var driver = new TestSyncDriver(connector);
        env.Emulator.ResetLog();

        await driver.RunAsync();
        output.WriteLine($"first run done at {clock.ElapsedMilliseconds} ms");

        driver.LastWritten.Should().Be(10_000);
        var log = env.Emulator.RequestLog;
        env.Emulator.BatchCallCount.Should().Be(10, "ceil(10000 / 1000) $batch calls");
        log.Where(e => e.Kind == RequestKind.Batch).Sum(e => e.BatchOperations).Should().Be(10_000);
        env.Emulator.WriteCallCount.Should().Be(env.Emulator.BatchCallCount, "every write goes through $batch");
        var contactPages = log.Count(e => e.Kind == RequestKind.Read && e.PathAndQuery.StartsWith("/api/data/v9.2/contacts?", StringComparison.Ordinal));
        contactPages.Should().Be(10, "10,000 contacts in pages of 1,000");
        env.Emulator.TokenCallCount.Should().Be(1, "the token is cached");
        log.Count(e => e.Kind == RequestKind.Read).Should().BeLessThan(30, "query pages: 10 for contacts, one per other table, a few lookups");
        var state = EnrichmentState(env.Emulator);
        state.Values.Should().NotContain(v => v.StartsWith("null", StringComparison.Ordinal));
        env.Emulator.Rows("contact").Values.Single(r => r["pk_externalid"]!.GetValue<string>() == "R-00042")["pk_trustscore"]!.GetValue<decimal>()
            .Should().Be((decimal)TestSyncDriver.Score(new Karte.RepId("R-00042"), 0).TrustScore!.Value);

        env.Emulator.ResetLog();
        await driver.RunAsync();

        driver.LastWritten.Should().Be(0);
        env.Emulator.WriteCallCount.Should().Be(0, "a rerun with nothing changed writes nothing");
        EnrichmentState(env.Emulator).Should().Equal(state);
    }

    private static async Task<Dictionary<string, string>> RunOnceAsync(Action<DataverseEmulator> faults, int reps, Action<DataverseEmulator>? afterRun = null)
    {
        await using var env = await DataverseTestEnvironment.StartAsync(new DataverseEmulatorOptions { Seed = 7 });
        env.SeedReps(companies: 5, reps: reps);
        using var connector = env.CreateConnector(o =>
        {
            o.BatchSize = 50;
            o.PageSize = 250;
        });
        faults(env.Emulator);
        await new TestSyncDriver(connector).RunAsync();
        afterRun?.Invoke(env.Emulator);
        return EnrichmentState(env.Emulator);
    }

    [Fact]
    public async Task Under_a_service_protection_limit_far_below_the_workload_the_sync_completes_honours_every_Retry_After_and_ends_in_the_same_state()
    {
        var unthrottled = await RunOnceAsync(_ => { }, reps: 1000);
        IReadOnlyList<RequestLogEntry> log = [];

        // About 55 requests against 10 per 1 s sliding window (Dataverse: 6000 per 300 s, scaled down in time).
        var throttled = await RunOnceAsync(
            e =>
            {
                e.Limits.Window = TimeSpan.FromSeconds(1);
                e.Limits.MaxRequestsPerWindow = 10;
                e.ResetLog();
            },
            reps: 1000,
            afterRun: e => log = e.RequestLog);

        throttled.Should().Equal(unthrottled);
        var rejections = log.Where(e => e.Status == 429).ToList();
        rejections.Should().NotBeEmpty("the limit is far below the workload");
        rejections.Should().OnlyContain(e => e.RetryAfter != null);
        log.Should().NotContain(e => e.BeforeRetryAfter, "no request may arrive before Retry-After has passed");
        foreach (var r in rejections.Where(r => !r.BeforeRetryAfter))
        {
            var opens = r.ArrivedAt + r.RetryAfter!.Value;
            log.Where(e => e.ArrivedAt > r.CompletedAt + ServiceProtectionGrace && e.ArrivedAt < opens - TimeSpan.FromMilliseconds(1))
                .Should().BeEmpty("a request was sent {0} before the Retry-After of the 429 at {1} had passed", opens - DateTimeOffset.MinValue, r.ArrivedAt);
        }
    }

    // Requests already on the wire when a 429 is answered are not retries; the emulator allows the same slack.
    private static readonly TimeSpan ServiceProtectionGrace = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task With_20_percent_injected_503s_the_sync_completes_in_the_same_state()
    {
        var clean = await RunOnceAsync(_ => { }, reps: 600);
        IReadOnlyList<RequestLogEntry> log = [];

        var faulty = await RunOnceAsync(e => e.Faults.ServiceUnavailableRate = 0.2, reps: 600, afterRun: e => log = e.RequestLog);

        faulty.Should().Equal(clean);
        log.Count(e => e.Status == 503).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_write_succeeds()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 1, reps: 10);
        using var connector = env.CreateConnector();
        var driver = new TestSyncDriver(connector);
        await driver.RunAsync();
        var tokens = env.Emulator.TokenCallCount;

        env.Emulator.ExpireTokens();
        await driver.RunAsync(generation: 1);

        driver.LastWritten.Should().Be(10, string.Join("\n", driver.Failures.Take(5)));
        env.Emulator.TokenCallCount.Should().Be(tokens + 1, "one renewal after the 401");
        env.Emulator.RequestLog.Count(e => e.Status == 401).Should().Be(1);
    }
}
