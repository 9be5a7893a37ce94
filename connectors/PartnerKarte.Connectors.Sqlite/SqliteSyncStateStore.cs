using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;
using static PartnerKarte.Connectors.Sqlite.SqliteValues;
using static PartnerKarte.Connectors.Shared.KarteValues;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>
/// Sync state in a SQLite file: watermarks, last-written hashes, the failure ledger, engine state and run
/// history. Serves every connector (Salesforce and Dataverse keep their state here too); it can share the
/// file with the SQLite karte store.
/// </summary>
public sealed partial class SqliteSyncStateStore : ISyncStateStore, IErasureTombstoneStore, IAsyncDisposable, IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
    private readonly SqliteDatabase db;

    /// <summary>Opens (creating or migrating when needed) the store file named in the options.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="SqliteStoreException">The file is not a PartnerKarte store, is damaged, or is newer; it is left untouched.</exception>
    public SqliteSyncStateStore(SqliteStoreOptions options)
        : this(SqliteDatabase.Open(options))
    {
        ownsDatabase = true;
    }

    internal SqliteSyncStateStore(SqliteDatabase db) => this.db = db;

    private readonly bool ownsDatabase;

    /// <summary>Opens the store named in the options (<c>:memory:</c> for one kept in memory) without blocking the caller while it is created or migrated.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The open store; dispose it to close the file (or drop the in-memory store).</returns>
    /// <exception cref="SqliteStoreException">The file is not a PartnerKarte store, is damaged, is newer, or is missing without <see cref="SqliteStoreOptions.CreateIfMissing"/>.</exception>
    public static async Task<SqliteSyncStateStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteSyncStateStore(await SqliteDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false), owns: true);
    }

    private SqliteSyncStateStore(SqliteDatabase db, bool owns)
        : this(db) => ownsDatabase = owns;

    /// <summary>Closes the store when this object opened it (a store shared through dependency injection is closed by the container).</summary>
    public void Dispose()
    {
        if (ownsDatabase)
        {
            db.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetWatermarkAsync(string stateKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT watermark FROM sync_watermarks WHERE state_key = $key";
        cmd.Parameters.AddWithValue("$key", stateKey);
        return Task.FromResult(cmd.ExecuteScalar() as string);
    }

    /// <inheritdoc/>
    public Task SaveWatermarkAsync(string stateKey, string? watermark, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var cmd = Command(connection, tx, "INSERT INTO sync_watermarks (state_key, watermark) VALUES ($key, $watermark) ON CONFLICT (state_key) DO UPDATE SET watermark = excluded.watermark");
                cmd.Parameters.AddWithValue("$key", stateKey);
                cmd.Parameters.AddWithValue("$watermark", Db(watermark));
                cmd.ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<EnrichmentKey, string>> GetWrittenHashesAsync(string stateKey, IReadOnlyList<EnrichmentKey> keys, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<EnrichmentKey, string>(keys.Count);
        using var connection = db.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        // One statement per target and chunk of ids: SQLite seeks the primary key for each id of the list (one call instead
        // of one per key).
        using var cmd = Command(connection, tx, "SELECT id, hash FROM sync_written WHERE state_key = $key AND target = $target AND id IN (SELECT value FROM json_each($ids))");
        var p = Parameters(cmd, "key", "target", "ids");
        p[0].Value = stateKey;
        foreach (var group in keys.GroupBy(k => k.Target))
        {
            foreach (var chunk in group.Select(k => k.Id).Distinct().Order(StringComparer.Ordinal).Chunk(2_000))
            {
                cancellationToken.ThrowIfCancellationRequested();
                p[1].Value = (int)group.Key;
                p[2].Value = JsonSerializer.Serialize(chunk);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    result[new EnrichmentKey(group.Key, r.GetString(0))] = r.GetString(1);
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<EnrichmentKey, string>>(result);
    }

    /// <inheritdoc/>
    public Task CommitBatchAsync(string stateKey, SyncCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var written = Command(connection, tx, "INSERT INTO sync_written (state_key, target, id, hash) VALUES ($key, $target, $id, $hash) ON CONFLICT (state_key, target, id) DO UPDATE SET hash = excluded.hash");
                var wp = Parameters(written, "key", "target", "id", "hash");
                using var clear = Command(connection, tx, "DELETE FROM sync_failures WHERE state_key = $key AND target = $target AND id = $id");
                var cp = Parameters(clear, "key", "target", "id");

                // Most checkpoints find the ledger empty: then no written record has an entry to clear, and the per-record
                // delete is skipped (failures of this checkpoint are inserted after the clearing).
                using var any = Command(connection, tx, "SELECT EXISTS (SELECT 1 FROM sync_failures WHERE state_key = $key)");
                any.Parameters.AddWithValue("$key", stateKey);
                var ledgerEmpty = Convert.ToInt64(any.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
                foreach (var w in checkpoint.Written.OrderBy(w => w.Key, KeyOrder))
                {
                    wp[0].Value = stateKey;
                    wp[1].Value = (int)w.Key.Target;
                    wp[2].Value = w.Key.Id;
                    wp[3].Value = w.ContentHash;
                    written.ExecuteNonQuery();
                    Clear(w.Key);
                }

                foreach (var key in checkpoint.Resolved)
                {
                    Clear(key);
                }

                using var fail = Command(connection, tx,
                    "INSERT INTO sync_failures (state_key, target, id, error_code, reason, transient, attempts, first_failed_at, last_failed_at) " +
                    "VALUES ($key, $target, $id, $code, $reason, $transient, $attempts, $first, $last) " +
                    "ON CONFLICT (state_key, target, id) DO UPDATE SET error_code = excluded.error_code, reason = excluded.reason, transient = excluded.transient, " +
                    "attempts = sync_failures.attempts + 1, last_failed_at = excluded.last_failed_at");
                var fp = Parameters(fail, "key", "target", "id", "code", "reason", "transient", "attempts", "first", "last");
                foreach (var f in checkpoint.Failures)
                {
                    fp[0].Value = stateKey;
                    fp[1].Value = (int)f.Key.Target;
                    fp[2].Value = f.Key.Id;
                    fp[3].Value = f.ErrorCode;
                    fp[4].Value = f.Reason;
                    fp[5].Value = Db(f.IsTransient);
                    fp[6].Value = f.Attempts;
                    fp[7].Value = Db(f.FirstFailedAt);
                    fp[8].Value = Db(f.LastFailedAt);
                    fail.ExecuteNonQuery();
                }

                void Clear(EnrichmentKey key)
                {
                    if (ledgerEmpty)
                    {
                        return;
                    }

                    cp[0].Value = stateKey;
                    cp[1].Value = (int)key.Target;
                    cp[2].Value = key.Id;
                    clear.ExecuteNonQuery();
                }
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<SyncFailure>> GetFailuresAsync(string stateKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT target, id, error_code, reason, transient, attempts, first_failed_at, last_failed_at FROM sync_failures WHERE state_key = $key ORDER BY target, id";
        cmd.Parameters.AddWithValue("$key", stateKey);
        using var r = cmd.ExecuteReader();
        var list = new List<SyncFailure>();
        while (r.Read())
        {
            list.Add(new SyncFailure
            {
                Key = new EnrichmentKey((EnrichmentTarget)r.GetInt32(0), r.GetString(1)),
                ErrorCode = r.GetString(2),
                Reason = r.GetString(3),
                IsTransient = r.GetInt32(4) != 0,
                Attempts = r.GetInt32(5),
                FirstFailedAt = Instant(r, 6)!.Value,
                LastFailedAt = Instant(r, 7)!.Value,
            });
        }

        return Task.FromResult<IReadOnlyList<SyncFailure>>(list);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, byte[]>> GetStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<string, byte[]>(keys.Count);
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT key, value FROM sync_entries WHERE state_key = $state AND scope = $scope AND key IN (SELECT value FROM json_each($keys))";
        cmd.Parameters.AddWithValue("$state", stateKey);
        cmd.Parameters.AddWithValue("$scope", scope);
        var p = cmd.Parameters.Add(new SqliteParameter("$keys", null));
        foreach (var chunk in keys.Chunk(5000))
        {
            p.Value = JsonSerializer.Serialize(chunk);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result[r.GetString(0)] = (byte[])r.GetValue(1);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, byte[]>>(result);
    }

    /// <inheritdoc/>
    public Task SaveStateEntriesAsync(string stateKey, string scope, IReadOnlyDictionary<string, byte[]> entries, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var cmd = Command(connection, tx, "INSERT INTO sync_entries (state_key, scope, key, value) VALUES ($state, $scope, $key, $value) ON CONFLICT (state_key, scope, key) DO UPDATE SET value = excluded.value");
                var p = Parameters(cmd, "state", "scope", "key", "value");
                foreach (var (key, value) in entries)
                {
                    p[0].Value = stateKey;
                    p[1].Value = scope;
                    p[2].Value = key;
                    p[3].Value = value;
                    cmd.ExecuteNonQuery();
                }
            },
            cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateEntriesAsync(string stateKey, string scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Keyset pages, each on its own short read: no transaction stays open while the caller works on the entries.
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = new List<KeyValuePair<string, byte[]>>(EntryPageSize);
            using (var connection = db.OpenConnection())
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT key, value FROM sync_entries WHERE state_key = $state AND scope = $scope AND ($after IS NULL OR key > $after) ORDER BY key LIMIT $n";
                cmd.Parameters.AddWithValue("$state", stateKey);
                cmd.Parameters.AddWithValue("$scope", scope);
                cmd.Parameters.AddWithValue("$after", Db(after));
                cmd.Parameters.AddWithValue("$n", EntryPageSize);
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    page.Add(new(r.GetString(0), (byte[])r.GetValue(1)));
                }
            }

            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < EntryPageSize)
            {
                yield break;
            }

            after = page[^1].Key;
            await Task.Yield();
        }
    }

    /// <inheritdoc/>
    public Task DeleteStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string>? keys, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                if (keys is null)
                {
                    using var all = Command(connection, tx, "DELETE FROM sync_entries WHERE state_key = $state AND scope = $scope");
                    all.Parameters.AddWithValue("$state", stateKey);
                    all.Parameters.AddWithValue("$scope", scope);
                    all.ExecuteNonQuery();
                    return;
                }

                using var cmd = Command(connection, tx, "DELETE FROM sync_entries WHERE state_key = $state AND scope = $scope AND key = $key");
                var p = Parameters(cmd, "state", "scope", "key");
                foreach (var key in keys)
                {
                    p[0].Value = stateKey;
                    p[1].Value = scope;
                    p[2].Value = key;
                    cmd.ExecuteNonQuery();
                }
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The lease is an entry of the <c>lease</c> scope, read and replaced inside one write transaction (SQLite's
    /// <c>BEGIN IMMEDIATE</c>), so two processes on the same file cannot both be granted it.
    /// </remarks>
    public async Task<SyncLease> AcquireLeaseAsync(string stateKey, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        SyncLease? result = null;
        await WriteAsync(
            (connection, tx) =>
            {
                using var read = Command(connection, tx, "SELECT value FROM sync_entries WHERE state_key = $state AND scope = $scope AND key = $key");
                read.Parameters.AddWithValue("$state", stateKey);
                read.Parameters.AddWithValue("$scope", LeaseScope);
                read.Parameters.AddWithValue("$key", LeaseKey);
                var held = read.ExecuteScalar() is byte[] bytes ? ParseLease(bytes) : null;
                if (held is not null && held.Owner != owner && held.ExpiresAt > now)
                {
                    result = held;
                    return;
                }

                result = new SyncLease(owner, now + duration);
                using var write = Command(connection, tx, "INSERT INTO sync_entries (state_key, scope, key, value) VALUES ($state, $scope, $key, $value) ON CONFLICT (state_key, scope, key) DO UPDATE SET value = excluded.value");
                write.Parameters.AddWithValue("$state", stateKey);
                write.Parameters.AddWithValue("$scope", LeaseScope);
                write.Parameters.AddWithValue("$key", LeaseKey);
                write.Parameters.AddWithValue("$value", JsonSerializer.SerializeToUtf8Bytes(result, JsonOptions));
                write.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <inheritdoc/>
    public Task ReleaseLeaseAsync(string stateKey, string owner, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var read = Command(connection, tx, "SELECT value FROM sync_entries WHERE state_key = $state AND scope = $scope AND key = $key");
                read.Parameters.AddWithValue("$state", stateKey);
                read.Parameters.AddWithValue("$scope", LeaseScope);
                read.Parameters.AddWithValue("$key", LeaseKey);
                if (read.ExecuteScalar() is byte[] bytes && ParseLease(bytes)?.Owner == owner)
                {
                    using var delete = Command(connection, tx, "DELETE FROM sync_entries WHERE state_key = $state AND scope = $scope AND key = $key");
                    delete.Parameters.AddWithValue("$state", stateKey);
                    delete.Parameters.AddWithValue("$scope", LeaseScope);
                    delete.Parameters.AddWithValue("$key", LeaseKey);
                    delete.ExecuteNonQuery();
                }
            },
            cancellationToken);

    /// <summary>The primary-key order of <c>sync_written</c> (target, then id), for page locality of batched statements.</summary>
    private static readonly Comparer<EnrichmentKey> KeyOrder = Comparer<EnrichmentKey>.Create((a, b) =>
    {
        var byTarget = a.Target.CompareTo(b.Target);
        return byTarget != 0 ? byTarget : string.CompareOrdinal(a.Id, b.Id);
    });

    private const string LeaseScope = "lease";
    private const string LeaseKey = "run";
    private const int EntryPageSize = 500;

    /// <summary>A lease entry that cannot be read counts as no lease: it was written by this store, and a damaged one must not block every run.</summary>
    private static SyncLease? ParseLease(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<SyncLease>(bytes, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public Task RecordRunAsync(SyncReport report, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var cmd = Command(connection, tx, "INSERT OR REPLACE INTO sync_runs (run_id, state_key, started_at, finished_at, report) VALUES ($run, $key, $started, $finished, $report)");
                cmd.Parameters.AddWithValue("$run", report.RunId);
                cmd.Parameters.AddWithValue("$key", report.StateKey);
                cmd.Parameters.AddWithValue("$started", Db(report.StartedAt));
                cmd.Parameters.AddWithValue("$finished", Db(report.FinishedAt));
                // The dry-run diff can be large and is for the caller only; history keeps the counts and failures.
                cmd.Parameters.AddWithValue("$report", JsonSerializer.Serialize(report with { Changes = [] }, JsonOptions));
                cmd.ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<SyncReport>> GetRunHistoryAsync(string stateKey, int count = 20, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT report FROM sync_runs WHERE state_key = $key ORDER BY started_at DESC, rowid DESC LIMIT $n";
        cmd.Parameters.AddWithValue("$key", stateKey);
        cmd.Parameters.AddWithValue("$n", count);
        using var r = cmd.ExecuteReader();
        var list = new List<SyncReport>();
        while (r.Read())
        {
            list.Add(JsonSerializer.Deserialize<SyncReport>(r.GetString(0), JsonOptions)!);
        }

        return Task.FromResult<IReadOnlyList<SyncReport>>(list);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private async Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction();
            write(connection, tx);
            tx.Commit();
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }
        finally
        {
            db.WriteLock.Release();
        }
    }
}
