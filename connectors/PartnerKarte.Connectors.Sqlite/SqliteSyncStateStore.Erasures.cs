using System.Globalization;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;
using static PartnerKarte.Connectors.Sqlite.SqliteValues;
using static PartnerKarte.Connectors.Shared.KarteValues;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>Erasure tombstones (table <c>erasures</c>: keyed hash and instant, nothing else) and forgetting a rep's sync state.</summary>
public sealed partial class SqliteSyncStateStore
{
    /// <inheritdoc/>
    public Task<ErasureTombstones> ReadTombstonesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        var key = ErasureKey(connection, tx);
        using var cmd = Command(connection, tx, "SELECT hash FROM erasures");
        var hashes = new List<string>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                hashes.Add(r.GetString(0));
            }
        }

        return Task.FromResult(new ErasureTombstones(key, hashes));
    }

    /// <inheritdoc/>
    public async Task<bool> AddTombstoneAsync(string id, DateTimeOffset erasedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var added = false;
        await WriteAsync(
            (connection, tx) =>
            {
                using var cmd = Command(connection, tx, "INSERT INTO erasures (hash, erased_at) VALUES ($hash, $at) ON CONFLICT (hash) DO NOTHING");
                cmd.Parameters.AddWithValue("$hash", ErasureTombstones.Hash(ErasureKey(connection, tx), id));
                cmd.Parameters.AddWithValue("$at", Db(erasedAt));
                added = cmd.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <inheritdoc/>
    public async Task<int> ForgetSyncStateAsync(EnrichmentKey key, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var removed = 0;
        await WriteAsync(
            (connection, tx) =>
            {
                using (var cmd = Command(connection, tx, "DELETE FROM sync_written WHERE target = $target AND id = $id; DELETE FROM sync_failures WHERE target = $target AND id = $id"))
                {
                    cmd.Parameters.AddWithValue("$target", (int)key.Target);
                    cmd.Parameters.AddWithValue("$id", key.Id);
                    removed += cmd.ExecuteNonQuery();
                }

                using var entry = Command(connection, tx, "DELETE FROM sync_entries WHERE scope = $scope AND key = $key");
                var p = Parameters(entry, "scope", "key");
                foreach (var (scope, k) in entries)
                {
                    p[0].Value = scope;
                    p[1].Value = k;
                    removed += entry.ExecuteNonQuery();
                }
            },
            cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private static byte[] ErasureKey(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction tx)
    {
        using var cmd = Command(connection, tx, "SELECT value FROM meta WHERE key = 'erasure_key'");
        var hex = cmd.ExecuteScalar() as string
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The store has no erasure key (schema version {SqliteSchema.CurrentVersion} expected)."));
        return Convert.FromHexString(hex);
    }
}
