using Npgsql;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>The sync state store holds what the SQLite one holds: watermarks, hashes, the failure ledger, engine state, run history, tombstones.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SyncStateStoreTests(PostgreSqlTestServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 2, 0, 0, TimeSpan.FromHours(9));

    private PostgreSqlSyncStateStore NewStore() => new(server.DataSource, server.NewOptions());

    [Fact]
    public async Task Watermarks_are_kept_per_state_key_and_can_be_forgotten()
    {
        var store = NewStore();
        (await store.GetWatermarkAsync("a")).Should().BeNull();
        await store.SaveWatermarkAsync("a", "seq:10");
        await store.SaveWatermarkAsync("b", "seq:20");
        await store.SaveWatermarkAsync("a", "seq:11");
        (await store.GetWatermarkAsync("a")).Should().Be("seq:11");
        (await store.GetWatermarkAsync("b")).Should().Be("seq:20");
        await store.SaveWatermarkAsync("a", null);
        (await store.GetWatermarkAsync("a")).Should().BeNull();
    }

    [Fact]
    public async Task A_checkpoint_stores_hashes_raises_attempts_and_clears_resolved_failures()
    {
        var store = NewStore();
        var r1 = new EnrichmentKey(EnrichmentTarget.Rep, "R1");
        var r2 = new EnrichmentKey(EnrichmentTarget.Rep, "R2");
        var c1 = new EnrichmentKey(EnrichmentTarget.Company, "C1");
        var failure = new SyncFailure { Key = r2, ErrorCode = "NOT_FOUND", Reason = "gone", IsTransient = true, FirstFailedAt = T0, LastFailedAt = T0 };
        await store.CommitBatchAsync("k", new SyncCheckpoint { Written = [new(r1, "h1"), new(c1, "hc")], Failures = [failure] });
        await store.CommitBatchAsync("k", new SyncCheckpoint { Failures = [failure with { LastFailedAt = T0.AddDays(1), ErrorCode = "LIMIT" }] });

        (await store.GetWrittenHashesAsync("k", [r1, r2, c1])).Should().BeEquivalentTo(new Dictionary<EnrichmentKey, string> { [r1] = "h1", [c1] = "hc" });
        (await store.GetWrittenHashesAsync("other", [r1])).Should().BeEmpty();
        var ledger = await store.GetFailuresAsync("k");
        ledger.Should().ContainSingle();
        ledger[0].Attempts.Should().Be(2);
        ledger[0].ErrorCode.Should().Be("LIMIT");
        ledger[0].IsTransient.Should().BeTrue();
        ledger[0].FirstFailedAt.Should().Be(T0);
        ledger[0].LastFailedAt.Should().Be(T0.AddDays(1));

        await store.CommitBatchAsync("k", new SyncCheckpoint { Written = [new(r2, "h2")] });
        (await store.GetFailuresAsync("k")).Should().BeEmpty("a written record leaves the ledger");
        (await store.GetWrittenHashesAsync("k", [r2]))[r2].Should().Be("h2");

        await store.CommitBatchAsync("k", new SyncCheckpoint { Failures = [failure] });
        await store.CommitBatchAsync("k", new SyncCheckpoint { Resolved = [r2] });
        (await store.GetFailuresAsync("k")).Should().BeEmpty();
    }

    [Fact]
    public async Task Engine_state_entries_are_saved_read_in_key_order_and_deleted()
    {
        var store = NewStore();
        var entries = Enumerable.Range(0, 1203).ToDictionary(i => $"R{i:D5}", i => new[] { (byte)(i % 256), (byte)1 });
        await store.SaveStateEntriesAsync("k", "mirror", entries);
        await store.SaveStateEntriesAsync("k", "other", new Dictionary<string, byte[]> { ["R00001"] = [9] });
        await store.SaveStateEntriesAsync("k", "mirror", new Dictionary<string, byte[]> { ["R00002"] = [7, 7] });

        var some = await store.GetStateEntriesAsync("k", "mirror", ["R00001", "R00002", "missing"]);
        some.Keys.Should().BeEquivalentTo(["R00001", "R00002"]);
        some["R00002"].Should().Equal(7, 7);

        var all = new List<KeyValuePair<string, byte[]>>();
        await foreach (var e in store.ReadStateEntriesAsync("k", "mirror"))
        {
            all.Add(e);
        }

        all.Select(e => e.Key).Should().Equal(entries.Keys.Order(StringComparer.Ordinal));
        await store.DeleteStateEntriesAsync("k", "mirror", ["R00001"]);
        (await store.GetStateEntriesAsync("k", "mirror", ["R00001"])).Should().BeEmpty();
        await store.DeleteStateEntriesAsync("k", "mirror", null);
        (await store.GetStateEntriesAsync("k", "mirror", ["R00002"])).Should().BeEmpty();
        (await store.GetStateEntriesAsync("k", "other", ["R00001"])).Should().ContainKey("R00001");
    }

    [Fact]
    public async Task Run_history_is_newest_first_without_the_dry_run_diff()
    {
        var store = NewStore();
        for (var i = 0; i < 3; i++)
        {
            await store.RecordRunAsync(new SyncReport { RunId = $"run{i}", StateKey = "k", Connector = "postgres", StartedAt = T0.AddDays(i), FinishedAt = T0.AddDays(i).AddMinutes(5), Written = i });
        }

        var history = await store.GetRunHistoryAsync("k", 2);
        history.Select(r => r.RunId).Should().Equal("run2", "run1");
        history[0].Written.Should().Be(2);
        (await store.GetRunHistoryAsync("none")).Should().BeEmpty();
    }

    [Fact]
    public async Task Tombstones_keep_a_keyed_hash_only_and_forgetting_removes_a_reps_state_under_every_key()
    {
        var store = NewStore();
        var rep = new EnrichmentKey(EnrichmentTarget.Rep, "R-ERASED");
        await store.CommitBatchAsync("a", new SyncCheckpoint { Written = [new(rep, "h")] });
        await store.CommitBatchAsync("b", new SyncCheckpoint { Written = [new(rep, "h")] });
        await store.SaveStateEntriesAsync("a", "mirror", new Dictionary<string, byte[]> { ["R-ERASED"] = [1] });

        (await store.AddTombstoneAsync("R-ERASED", T0)).Should().BeTrue();
        (await store.AddTombstoneAsync("R-ERASED", T0)).Should().BeFalse("the rep was already erased");
        var tombstones = await store.ReadTombstonesAsync();
        tombstones.Count.Should().Be(1);
        tombstones.Contains("R-ERASED").Should().BeTrue();
        tombstones.Contains("R-OTHER").Should().BeFalse();

        (await store.ForgetSyncStateAsync(rep, [new("mirror", "R-ERASED")])).Should().Be(3);
        (await store.GetWrittenHashesAsync("a", [rep])).Should().BeEmpty();
        (await store.GetWrittenHashesAsync("b", [rep])).Should().BeEmpty();
        (await store.GetStateEntriesAsync("a", "mirror", ["R-ERASED"])).Should().BeEmpty();

        await using var connection = await server.DataSource.OpenConnectionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'erasures'";
        ((long)(await cmd.ExecuteScalarAsync())!).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_erasure_key_differs_between_stores()
    {
        var first = NewStore();
        var second = NewStore();
        await first.AddTombstoneAsync("R1", T0);
        await second.AddTombstoneAsync("R1", T0);

        (await HashOfAsync(first)).Should().NotBe(await HashOfAsync(second), "each store hashes with a key of its own");
        (await HashOfAsync(first)).Should().NotContain("R1");
    }

    private async Task<string> HashOfAsync(PostgreSqlSyncStateStore store)
    {
        await using var connection = await server.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"SELECT hash FROM {PostgreSqlDatabase.Identifier(store.Schema)}.erasures", connection);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
