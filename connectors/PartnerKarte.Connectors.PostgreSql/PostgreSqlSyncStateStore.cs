using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;
using static PartnerKarte.Connectors.PostgreSql.PgValues;
using static PartnerKarte.Connectors.Shared.KarteValues;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>
/// Sync state in a PostgreSQL schema: watermarks, last-written hashes, the failure ledger, engine state (the per-rep
/// karte mirror), the run lease, erasure tombstones and run history. Serves every connector (Salesforce and Dataverse can
/// keep their state here too); it shares the schema with the PostgreSQL karte store. Each method is one transaction.
/// </summary>
public sealed partial class PostgreSqlSyncStateStore : ISyncStateStore, IErasureTombstoneStore
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
    private readonly PostgreSqlDatabase db;

    /// <summary>Opens (creating or migrating when needed) the store in the schema named in the options.</summary>
    /// <param name="dataSource">The PostgreSQL server and credentials.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="PostgreSqlStoreException">The schema is not a PartnerKarte store, is newer, or the server cannot be used; it is left untouched.</exception>
    public PostgreSqlSyncStateStore(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options)
        : this(PostgreSqlDatabase.Open(dataSource, options))
    {
    }

    internal PostgreSqlSyncStateStore(PostgreSqlDatabase db) => this.db = db;

    /// <summary>The store's schema.</summary>
    internal string Schema => db.Schema;

    /// <inheritdoc/>
    public Task<string?> GetWatermarkAsync(string stateKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT watermark FROM sync_watermarks WHERE state_key = @key";
        cmd.Parameters.AddWithValue("@key", stateKey);
        return Task.FromResult(cmd.ExecuteScalar() as string);
    }

    /// <inheritdoc/>
    public Task SaveWatermarkAsync(string stateKey, string? watermark, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var cmd = Command(connection, tx, "INSERT INTO sync_watermarks (state_key, watermark) VALUES (@key, @watermark) ON CONFLICT (state_key) DO UPDATE SET watermark = excluded.watermark");
                cmd.Parameters.AddWithValue("@key", stateKey);
                cmd.Parameters.AddWithValue("@watermark", Db(watermark));
                cmd.ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<EnrichmentKey, string>> GetWrittenHashesAsync(string stateKey, IReadOnlyList<EnrichmentKey> keys, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<EnrichmentKey, string>(keys.Count);
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT w.target, w.id, w.hash FROM unnest(@targets, @ids) AS k(target, id) JOIN sync_written w ON w.state_key = @key AND w.target = k.target AND w.id = k.id";
        cmd.Parameters.AddWithValue("key", stateKey);
        var targets = cmd.Parameters.Add(new NpgsqlParameter("targets", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer));
        var ids = cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text));
        foreach (var chunk in keys.Chunk(10_000))
        {
            cancellationToken.ThrowIfCancellationRequested();
            targets.Value = chunk.Select(k => (int)k.Target).ToArray();
            ids.Value = chunk.Select(k => k.Id).ToArray();
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result[new EnrichmentKey((EnrichmentTarget)r.GetInt32(0), r.GetString(1))] = r.GetString(2);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<EnrichmentKey, string>>(result);
    }

    /// <inheritdoc/>
    public Task CommitBatchAsync(string stateKey, SyncCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var statements = new StatementBatch(connection);
                var written = new PreparedStatement(statements, "INSERT INTO sync_written (state_key, target, id, hash) VALUES (@key, @target, @id, @hash) ON CONFLICT (state_key, target, id) DO UPDATE SET hash = excluded.hash", "key", "target", "id", "hash");
                var wp = written.Parameters;
                var clear = new PreparedStatement(statements, "DELETE FROM sync_failures WHERE state_key = @key AND target = @target AND id = @id", "key", "target", "id");
                var cp = clear.Parameters;

                // Most checkpoints find the ledger empty: then no written record has an entry to clear, and the per-record
                // delete is skipped (failures of this checkpoint are inserted after the clearing).
                using var any = Command(connection, tx, "SELECT EXISTS (SELECT 1 FROM sync_failures WHERE state_key = @key)");
                any.Parameters.AddWithValue("@key", stateKey);
                var ledgerEmpty = Convert.ToInt64(any.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
                foreach (var w in checkpoint.Written.OrderBy(w => w.Key, KeyOrder))
                {
                    wp[0].Value = stateKey;
                    wp[1].Value = (int)w.Key.Target;
                    wp[2].Value = w.Key.Id;
                    wp[3].Value = w.ContentHash;
                    written.Execute();
                    Clear(w.Key);
                }

                foreach (var key in checkpoint.Resolved)
                {
                    Clear(key);
                }

                statements.Flush();
                using var fail = Command(connection, tx,
                    "INSERT INTO sync_failures (state_key, target, id, error_code, reason, transient, attempts, first_failed_at, last_failed_at) " +
                    "VALUES (@key, @target, @id, @code, @reason, @transient, @attempts, @first, @last) " +
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
                    clear.Execute();
                }
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<SyncFailure>> GetFailuresAsync(string stateKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT target, id, error_code, reason, transient, attempts, first_failed_at, last_failed_at FROM sync_failures WHERE state_key = @key ORDER BY target, id";
        cmd.Parameters.AddWithValue("@key", stateKey);
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
        cmd.CommandText = "SELECT key, value FROM sync_entries WHERE state_key = @state AND scope = @scope AND key = ANY(@keys)";
        cmd.Parameters.AddWithValue("@state", stateKey);
        cmd.Parameters.AddWithValue("@scope", scope);
        var p = cmd.Parameters.Add(new NpgsqlParameter("@keys", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text));
        foreach (var chunk in keys.Chunk(5000))
        {
            p.Value = chunk;
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
                using var statements = new StatementBatch(connection);
                var cmd = new PreparedStatement(statements, "INSERT INTO sync_entries (state_key, scope, key, value) VALUES (@state, @scope, @key, @value) ON CONFLICT (state_key, scope, key) DO UPDATE SET value = excluded.value", "state", "scope", "key", "value");
                var p = cmd.Parameters;
                // In key order: two writers lock the rows in the same order.
                foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    p[0].Value = stateKey;
                    p[1].Value = scope;
                    p[2].Value = key;
                    p[3].Value = value;
                    cmd.Execute();
                }

                statements.Flush();
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
                cmd.CommandText = "SELECT key, value FROM sync_entries WHERE state_key = @state AND scope = @scope AND (@after::text IS NULL OR key > @after::text) ORDER BY key LIMIT @n";
                cmd.Parameters.AddWithValue("@state", stateKey);
                cmd.Parameters.AddWithValue("@scope", scope);
                cmd.Parameters.AddWithValue("@after", Db(after));
                cmd.Parameters.AddWithValue("@n", EntryPageSize);
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
                    using var all = Command(connection, tx, "DELETE FROM sync_entries WHERE state_key = @state AND scope = @scope");
                    all.Parameters.AddWithValue("@state", stateKey);
                    all.Parameters.AddWithValue("@scope", scope);
                    all.ExecuteNonQuery();
                    return;
                }

                using var cmd = Command(connection, tx, "DELETE FROM sync_entries WHERE state_key = @state AND scope = @scope AND key = ANY(@keys)");
                cmd.Parameters.AddWithValue("state", stateKey);
                cmd.Parameters.AddWithValue("scope", scope);
                cmd.Parameters.AddWithValue("keys", keys.ToArray());
                cmd.ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The lease is a row of <c>sync_leases</c> with its expiry, taken or renewed by one conditional upsert: the row lock makes
    /// two workers' calls one after the other, so at most one is granted. A worker that crashes stops renewing, and its lease
    /// lapses at its expiry; the times are the callers' clocks (<see cref="TimeProvider"/>), so the workers' clocks should agree
    /// to well within the lease duration.
    /// </remarks>
    public async Task<SyncLease> AcquireLeaseAsync(string stateKey, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        SyncLease? result = null;
        await WriteAsync(
            (connection, tx) =>
            {
                using var take = Command(connection, tx,
                    "INSERT INTO sync_leases (state_key, owner, expires_at) VALUES (@state, @owner, @expires) " +
                    "ON CONFLICT (state_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at " +
                    "WHERE sync_leases.owner = excluded.owner OR sync_leases.expires_at <= @now " +
                    "RETURNING owner, expires_at");
                take.Parameters.AddWithValue("@state", stateKey);
                take.Parameters.AddWithValue("@owner", owner);
                take.Parameters.AddWithValue("@expires", (now + duration).ToUniversalTime());
                take.Parameters.AddWithValue("@now", now.ToUniversalTime());
                result = ReadLease(take);
                if (result is null)
                {
                    using var held = Command(connection, tx, "SELECT owner, expires_at FROM sync_leases WHERE state_key = @state");
                    held.Parameters.AddWithValue("@state", stateKey);
                    result = ReadLease(held);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return result ?? throw new InvalidOperationException("The run lease was neither granted nor held.");
    }

    /// <inheritdoc/>
    public Task ReleaseLeaseAsync(string stateKey, string owner, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var delete = Command(connection, tx, "DELETE FROM sync_leases WHERE state_key = @state AND owner = @owner");
                delete.Parameters.AddWithValue("@state", stateKey);
                delete.Parameters.AddWithValue("@owner", owner);
                delete.ExecuteNonQuery();
            },
            cancellationToken);

    private static SyncLease? ReadLease(NpgsqlCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        return r.Read() ? new SyncLease(r.GetString(0), new DateTimeOffset(r.GetFieldValue<DateTime>(1), TimeSpan.Zero)) : null;
    }

    /// <summary>The primary-key order of <c>sync_written</c> (target, then id), for page locality of batched statements.</summary>
    private static readonly Comparer<EnrichmentKey> KeyOrder = Comparer<EnrichmentKey>.Create((a, b) =>
    {
        var byTarget = a.Target.CompareTo(b.Target);
        return byTarget != 0 ? byTarget : string.CompareOrdinal(a.Id, b.Id);
    });

    private const int EntryPageSize = 500;

    /// <inheritdoc/>
    public Task RecordRunAsync(SyncReport report, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (connection, tx) =>
            {
                using var cmd = Command(connection, tx, "INSERT INTO sync_runs (run_id, state_key, started_at, finished_at, report) VALUES (@run, @key, @started, @finished, @report) ON CONFLICT (run_id) DO UPDATE SET state_key = excluded.state_key, started_at = excluded.started_at, finished_at = excluded.finished_at, report = excluded.report");
                cmd.Parameters.AddWithValue("@run", report.RunId);
                cmd.Parameters.AddWithValue("@key", report.StateKey);
                cmd.Parameters.AddWithValue("@started", Db(report.StartedAt));
                cmd.Parameters.AddWithValue("@finished", Db(report.FinishedAt));
                // The dry-run diff can be large and is for the caller only; history keeps the counts and failures.
                cmd.Parameters.AddWithValue("@report", JsonSerializer.Serialize(report with { Changes = [] }, JsonOptions));
                cmd.ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<SyncReport>> GetRunHistoryAsync(string stateKey, int count = 20, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT report FROM sync_runs WHERE state_key = @key ORDER BY started_at DESC, ordinal DESC LIMIT @n";
        cmd.Parameters.AddWithValue("@key", stateKey);
        cmd.Parameters.AddWithValue("@n", count);
        using var r = cmd.ExecuteReader();
        var list = new List<SyncReport>();
        while (r.Read())
        {
            list.Add(JsonSerializer.Deserialize<SyncReport>(r.GetString(0), JsonOptions)!);
        }

        return Task.FromResult<IReadOnlyList<SyncReport>>(list);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private async Task WriteAsync(Action<NpgsqlConnection, NpgsqlTransaction> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var tx = connection.BeginTransaction();
            write(connection, tx);
            tx.Commit();
        }
        catch (NpgsqlException ex)
        {
            throw db.Translate(ex);
        }
    }
}
