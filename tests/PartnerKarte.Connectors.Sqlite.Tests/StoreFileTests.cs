using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PartnerKarte.Testing.Conformance;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

public sealed class StoreFileTests : IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public void A_foreign_sqlite_database_gives_a_clear_error_and_is_left_untouched()
    {
        using (var foreign = new SqliteConnection($"Data Source={store.Path};Pooling=False"))
        {
            foreign.Open();
            using var cmd = foreign.CreateCommand();
            cmd.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (1200.5);";
            cmd.ExecuteNonQuery();
        }

        var before = Hash(store.Path);

        var act = () => new SqliteKarteConnector(store.Options);

        act.Should().Throw<SqliteStoreException>()
            .Where(e => e.Problem == SqliteStoreProblem.ForeignDatabase && e.Message.Contains(store.Path) && e.Message.Contains("another application"));
        Hash(store.Path).Should().Be(before);
        File.Exists(store.Path + "-wal").Should().BeFalse();
    }

    [Fact]
    public void A_file_that_is_not_a_database_gives_a_clear_error_and_is_left_untouched()
    {
        File.WriteAllText(store.Path, "会社名,担当者名\n株式会社さくら販売,田中 太郎\n");
        var before = Hash(store.Path);

        var act = () => new SqliteSyncStateStore(store.Options);

        act.Should().Throw<SqliteStoreException>().Where(e => e.Problem == SqliteStoreProblem.NotADatabase && e.Message.Contains("not a SQLite database"));
        Hash(store.Path).Should().Be(before);
    }

    [Fact]
    public async Task A_store_with_a_damaged_schema_page_gives_a_clear_error_and_is_left_untouched()
    {
        var connector = new SqliteKarteConnector(store.Options);
        await connector.UpsertKarteAsync(ConformanceData.Batch);
        SqliteConnection.ClearAllPools();
        Checkpoint(store.Path);
        var bytes = File.ReadAllBytes(store.Path);
        // Keep the 100-byte file header (so it still looks like SQLite), scramble the rest of page 1: the schema table.
        var pageSize = (bytes[16] << 8) | bytes[17];
        new Random(42).NextBytes(bytes.AsSpan(100, pageSize - 100));
        File.WriteAllBytes(store.Path, bytes);
        var before = Hash(store.Path);

        var act = () => new SqliteKarteConnector(store.Options);

        act.Should().Throw<SqliteStoreException>().Where(e => e.Problem == SqliteStoreProblem.Corrupt && e.Message.Contains("damaged"));
        Hash(store.Path).Should().Be(before);
    }

    [Theory]
    [InlineData("proposals", "created_on", "'2026-13-45'", "date")]
    [InlineData("proposals", "amount", "'¥1,000円'", "amount")]
    [InlineData("interactions", "modified_at", "'yesterday'", "date and time")]
    public async Task A_damaged_value_names_the_table_record_and_column_and_never_the_value(string table, string column, string bad, string what)
    {
        var connector = new SqliteKarteConnector(store.Options);
        await connector.UpsertKarteAsync(ConformanceData.Batch);
        using (var connection = new SqliteConnection($"Data Source={store.Path};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"UPDATE {table} SET {column} = {bad} WHERE id = (SELECT min(id) FROM {table}); SELECT min(id) FROM {table}";
            var id = (string)cmd.ExecuteScalar()!;

            var read = async () => await Kartes(connector);

            var error = (await read.Should().ThrowAsync<SqliteStoreException>()).Which;
            error.Problem.Should().Be(SqliteStoreProblem.Corrupt);
            error.Message.Should().Contain($"table {table}").And.Contain($"record {id}").And.Contain($"column {column}").And.Contain(what).And.NotContain(bad.Trim('\''));
        }

        static async Task<int> Kartes(SqliteKarteConnector c)
        {
            var n = 0;
            await foreach (var page in c.ReadChangesAsync(null))
            {
                n += page.Count;
            }

            return n;
        }
    }

    [Fact]
    public async Task A_store_locked_by_another_process_past_the_busy_timeout_is_a_clear_locked_error()
    {
        var connector = new SqliteKarteConnector(new SqliteStoreOptions { Path = store.Path, BusyTimeoutSeconds = 1 });
        await connector.UpsertKarteAsync(ConformanceData.Batch);
        using var other = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        other.Open();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";   // another writer holds the write lock
            begin.ExecuteNonQuery();
        }

        var write = () => connector.UpsertKarteAsync(new KarteRecordBatch { Companies = [ConformanceData.Batch.Companies[0] with { Name = "株式会社ロック確認" }] });

        (await write.Should().ThrowAsync<SqliteStoreException>()).Which.Problem.Should().Be(SqliteStoreProblem.Locked);
    }

    [Fact]
    public void A_store_from_a_newer_version_is_refused_and_left_untouched()
    {
        _ = new SqliteSyncStateStore(store.Options);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={store.Path};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1}";
            cmd.ExecuteNonQuery();
        }

        Checkpoint(store.Path);
        var before = Hash(store.Path);

        var act = () => new SqliteSyncStateStore(store.Options);

        act.Should().Throw<SqliteStoreException>().Where(e => e.Problem == SqliteStoreProblem.NewerSchema);
        Hash(store.Path).Should().Be(before);
    }

    [Fact]
    public void A_missing_file_is_refused_when_creation_is_off()
    {
        var options = store.Options;
        options.CreateIfMissing = false;

        var act = () => new SqliteKarteConnector(options);

        act.Should().Throw<SqliteStoreException>().Where(e => e.Problem == SqliteStoreProblem.NotFound);
        File.Exists(store.Path).Should().BeFalse();
    }

    [Fact]
    public async Task A_store_at_the_previous_schema_version_is_migrated_forward_keeping_its_data()
    {
        var previous = SqliteSchema.CurrentVersion - 1;
        var old = new SqliteKarteConnector(SqliteDatabase.Open(store.Options, previous), store.Options);
        // Before version 4 a proposal's gross profit could not be unknown.
        var known = ConformanceData.Batch with { Proposals = [.. ConformanceData.Batch.Proposals.Select(p => p with { GrossProfit = p.GrossProfit ?? 0m })] };
        (await old.UpsertKarteAsync(known)).Should().OnlyContain(r => r.Succeeded);
        UserVersion(store.Path).Should().Be(previous);
        SqliteConnection.ClearAllPools();

        // Enrichment as the previous version wrote it (this build also writes enr_trust_reasons, which arrives with the migration).
        using (var connection = new SqliteConnection($"Data Source={store.Path}"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE reps SET enr_written = 1, enr_trust_score = 70, enr_trust_rank = 4, enr_trust_confidence = 0.8, enr_trust_trend = 1, enr_follow_up_priority = 1 WHERE id = 'R-001'";
            update.ExecuteNonQuery().Should().Be(1);
        }

        SqliteConnection.ClearAllPools();

        var migrated = new SqliteKarteConnector(store.Options);
        var state = migrated.CreateSyncStateStore();
        await state.SaveStateEntriesAsync("sqlite", "scoring", new Dictionary<string, byte[]> { ["R-001"] = [1, 2, 3] });

        UserVersion(store.Path).Should().Be(SqliteSchema.CurrentVersion);
        (await state.GetStateEntriesAsync("sqlite", "scoring", ["R-001"]))["R-001"].Should().Equal(1, 2, 3);
        var enrichment = (await migrated.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, "R-001")))!;
        enrichment.TrustScore.Should().Be(70);
        enrichment.TrustReasons.Should().BeNull("the reasons column is new and empty until the next run");
        (await migrated.WriteEnrichmentAsync([enrichment with { TrustReasons = "通常／レスポンスが速い (+6.2)" }])).Should().OnlyContain(r => r.Succeeded);
        (await migrated.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, "R-001")))!.TrustReasons.Should().Be("通常／レスポンスが速い (+6.2)");
        var pages = new List<ChangePage>();
        await foreach (var page in migrated.ReadChangesAsync(null))
        {
            pages.Add(page);
        }

        pages.SelectMany(p => p.Interactions).Should().HaveCount(6);
        pages.SelectMany(p => p.Proposals).Should().BeEquivalentTo(known.Proposals, o => o.Excluding(p => p.ModifiedAt), "the rebuilt proposals table keeps every row");
        var unknown = ConformanceData.Batch.Proposals[0] with { GrossProfit = null };
        (await migrated.UpsertKarteAsync(new KarteRecordBatch { Proposals = [unknown] })).Should().OnlyContain(r => r.Succeeded);
        var reread = new List<Proposal>();
        await foreach (var batch in migrated.ReadKarteAsync(new KarteSelection { CompanyIds = [unknown.CompanyId] }))
        {
            reread.AddRange(batch.Proposals);
        }

        reread.Single(p => p.Id == unknown.Id).GrossProfit.Should().BeNull("an unknown gross profit stays unknown, not 0");
        (await migrated.ApplyOperationsAsync([ConnectorOperation.CreateTask("t-1", KarteRecordKind.Rep, "R-001", ConformanceData.Successor, "後任者の紹介")]))
            .Should().ContainSingle().Which.Status.Should().Be(ConnectorOperationStatus.Applied);
    }

    [Fact]
    public async Task Deletions_and_custom_items_travel_through_the_change_feed()
    {
        var connector = new SqliteKarteConnector(store.Options);
        var sakura = ConformanceData.Batch.Companies[0] with
        {
            CustomItems = new Dictionary<string, Karte.KarteValue>
            {
                ["business_policy_2026"] = Karte.KarteValue.FromText("製造業DXに注力"),
                ["focus_products"] = Karte.KarteValue.FromItems(["会計", "人事;労務"]),
                ["partner_since"] = Karte.KarteValue.FromDate(new DateOnly(2018, 4, 1)),
                ["annual_target"] = Karte.KarteValue.FromNumber(50_000_000m, Karte.KarteItemType.Money),
                ["nda_signed"] = Karte.KarteValue.FromBoolean(true),
            },
        };
        await connector.UpsertKarteAsync(ConformanceData.Batch with { Companies = [sakura, ConformanceData.Batch.Companies[1]] });
        string? watermark = null;
        var read = new List<ChangePage>();
        await foreach (var page in connector.ReadChangesAsync(null))
        {
            read.Add(page);
            watermark = page.NextWatermark;
        }

        read.SelectMany(p => p.Companies).Single(c => c.Id == ConformanceData.Sakura).CustomItems.Should().BeEquivalentTo(sakura.CustomItems);

        (await connector.DeleteKarteAsync([new DeletedRecord(KarteRecordKind.Interaction, "I-003")])).Should().Be(1);
        var delta = new List<ChangePage>();
        await foreach (var page in connector.ReadChangesAsync(watermark))
        {
            delta.Add(page);
        }

        var rep = ConformanceData.Batch.Interactions.Single(i => i.Id.Value == "I-003").RepId.Value;
        delta.SelectMany(p => p.Deletions).Should().Equal([new DeletedRecord(KarteRecordKind.Interaction, "I-003") { RepId = rep }], "the tombstone names the rep to recompute");
        delta.Sum(p => p.Count).Should().Be(1);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static long UserVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Checkpoint(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;";
        cmd.ExecuteNonQuery();
    }
}
