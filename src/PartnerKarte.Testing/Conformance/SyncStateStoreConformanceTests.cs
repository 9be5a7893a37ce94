using FluentAssertions;
using PartnerKarte.Sync;
using Xunit;

namespace PartnerKarte.Testing.Conformance;

/// <summary>
/// The shared conformance suite every <see cref="ISyncStateStore"/> passes: watermarks, written hashes, the failure
/// ledger, engine state entries, the run lease and run history, each kept apart per state key. A store's test project
/// subclasses it and supplies a fresh, empty store per test.
/// </summary>
public abstract class SyncStateStoreConformanceTests
{
    private static readonly DateTimeOffset Now = ConformanceData.BaseTime;
    private static readonly EnrichmentKey Tanaka = new(EnrichmentTarget.Rep, ConformanceData.Tanaka.Value);
    private static readonly EnrichmentKey Sakura = new(EnrichmentTarget.Company, ConformanceData.Sakura.Value);

    /// <summary>Creates a fresh, empty store (one per test).</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ISyncStateStore> CreateStoreAsync();

    /// <summary>A watermark is kept per state key and a null watermark forgets it.</summary>
    [Fact]
    public async Task Watermark_is_kept_per_state_key_and_null_forgets_it()
    {
        var store = await CreateStoreAsync();

        (await store.GetWatermarkAsync("a")).Should().BeNull();
        await store.SaveWatermarkAsync("a", "w-1");
        await store.SaveWatermarkAsync("a", "w-2");
        await store.SaveWatermarkAsync("b", "other");

        (await store.GetWatermarkAsync("a")).Should().Be("w-2");
        (await store.GetWatermarkAsync("b")).Should().Be("other");
        await store.SaveWatermarkAsync("a", null);
        (await store.GetWatermarkAsync("a")).Should().BeNull();
    }

    /// <summary>Committed hashes are read back, replaced by later commits, and kept per state key.</summary>
    [Fact]
    public async Task Committed_hashes_are_read_back_and_replaced()
    {
        var store = await CreateStoreAsync();

        await store.CommitBatchAsync("a", new SyncCheckpoint { Written = [new(Tanaka, "h1"), new(Sakura, "h2")] });
        await store.CommitBatchAsync("a", new SyncCheckpoint { Written = [new(Tanaka, "h3")] });

        var hashes = await store.GetWrittenHashesAsync("a", [Tanaka, Sakura, new EnrichmentKey(EnrichmentTarget.Rep, "R-404")]);
        hashes.Should().BeEquivalentTo(new Dictionary<EnrichmentKey, string> { [Tanaka] = "h3", [Sakura] = "h2" });
        (await store.GetWrittenHashesAsync("b", [Tanaka])).Should().BeEmpty();
    }

    /// <summary>A failure enters the ledger, a repeated one counts its attempts from its first failure, and a write or a resolution clears it.</summary>
    [Fact]
    public async Task Failures_count_attempts_and_are_cleared_by_a_write_or_a_resolution()
    {
        var store = await CreateStoreAsync();
        SyncFailure Failure(EnrichmentKey key, DateTimeOffset at) =>
            new() { Key = key, ErrorCode = "NOT_FOUND", Reason = "missing", FirstFailedAt = at, LastFailedAt = at };

        await store.CommitBatchAsync("a", new SyncCheckpoint { Failures = [Failure(Tanaka, Now), Failure(Sakura, Now)] });
        await store.CommitBatchAsync("a", new SyncCheckpoint { Failures = [Failure(Tanaka, Now.AddDays(1))] });

        var ledger = await store.GetFailuresAsync("a");
        ledger.Should().HaveCount(2);
        var tanaka = ledger.Single(f => f.Key == Tanaka);
        tanaka.Attempts.Should().Be(2);
        tanaka.FirstFailedAt.Should().Be(Now);
        tanaka.LastFailedAt.Should().Be(Now.AddDays(1));
        (await store.GetFailuresAsync("b")).Should().BeEmpty();

        await store.CommitBatchAsync("a", new SyncCheckpoint { Written = [new(Tanaka, "h")], Resolved = [Sakura] });

        (await store.GetFailuresAsync("a")).Should().BeEmpty();
    }

    /// <summary>State entries are saved, replaced, read by key, streamed in key order and deleted, per state key and scope.</summary>
    [Fact]
    public async Task State_entries_are_saved_read_streamed_in_key_order_and_deleted()
    {
        var store = await CreateStoreAsync();

        await store.SaveStateEntriesAsync("a", "scoring", new Dictionary<string, byte[]> { ["r2"] = [2], ["r1"] = [1], ["r3"] = [3] });
        await store.SaveStateEntriesAsync("a", "scoring", new Dictionary<string, byte[]> { ["r2"] = [22] });
        await store.SaveStateEntriesAsync("a", "mirror", new Dictionary<string, byte[]> { ["r1"] = [9] });

        var some = await store.GetStateEntriesAsync("a", "scoring", ["r2", "r404"]);
        some.Keys.Should().Equal("r2");
        some["r2"].Should().Equal(22);
        var all = new List<KeyValuePair<string, byte[]>>();
        await foreach (var entry in store.ReadStateEntriesAsync("a", "scoring"))
        {
            all.Add(entry);
        }

        all.Select(e => e.Key).Should().Equal("r1", "r2", "r3");
        (await store.GetStateEntriesAsync("b", "scoring", ["r1"])).Should().BeEmpty();

        await store.DeleteStateEntriesAsync("a", "scoring", ["r1"]);
        (await store.GetStateEntriesAsync("a", "scoring", ["r1", "r2", "r3"])).Keys.Should().BeEquivalentTo(["r2", "r3"]);
        await store.DeleteStateEntriesAsync("a", "scoring", null);
        (await store.GetStateEntriesAsync("a", "scoring", ["r2", "r3"])).Should().BeEmpty();
        (await store.GetStateEntriesAsync("a", "mirror", ["r1"])).Should().ContainKey("r1");
    }

    /// <summary>The run lease goes to one owner at a time until it expires or is released; its holder renews it.</summary>
    [Fact]
    public async Task The_lease_goes_to_one_owner_until_it_expires_or_is_released()
    {
        var store = await CreateStoreAsync();
        var duration = TimeSpan.FromMinutes(10);

        (await store.AcquireLeaseAsync("a", "run-1", Now, duration)).Owner.Should().Be("run-1");
        (await store.AcquireLeaseAsync("a", "run-2", Now.AddMinutes(1), duration)).Owner.Should().Be("run-1", "the first run still holds it");
        (await store.AcquireLeaseAsync("b", "run-2", Now.AddMinutes(1), duration)).Owner.Should().Be("run-2", "leases are per state key");
        var renewed = await store.AcquireLeaseAsync("a", "run-1", Now.AddMinutes(5), duration);
        renewed.Should().Be(new SyncLease("run-1", Now.AddMinutes(15)));
        (await store.AcquireLeaseAsync("a", "run-2", Now.AddMinutes(16), duration)).Owner.Should().Be("run-2", "an expired lease is taken over");

        await store.ReleaseLeaseAsync("a", "run-1");
        (await store.AcquireLeaseAsync("a", "run-3", Now.AddMinutes(17), duration)).Owner.Should().Be("run-2", "only the holder releases it");
        await store.ReleaseLeaseAsync("a", "run-2");
        (await store.AcquireLeaseAsync("a", "run-3", Now.AddMinutes(17), duration)).Owner.Should().Be("run-3");
    }

    /// <summary>Run history comes back newest first, per state key, at most the count asked for.</summary>
    [Fact]
    public async Task Run_history_is_newest_first_per_state_key()
    {
        var store = await CreateStoreAsync();
        SyncReport Run(string id, string stateKey, int day) => new()
        {
            RunId = id, StateKey = stateKey, Connector = "memory", StartedAt = Now.AddDays(day), FinishedAt = Now.AddDays(day).AddMinutes(3),
        };

        await store.RecordRunAsync(Run("r1", "a", 1));
        await store.RecordRunAsync(Run("r3", "a", 3));
        await store.RecordRunAsync(Run("r2", "a", 2));
        await store.RecordRunAsync(Run("x1", "b", 4));

        (await store.GetRunHistoryAsync("a")).Select(r => r.RunId).Should().Equal("r3", "r2", "r1");
        (await store.GetRunHistoryAsync("a", 2)).Select(r => r.RunId).Should().Equal("r3", "r2");
        (await store.GetRunHistoryAsync("c")).Should().BeEmpty();
    }
}
