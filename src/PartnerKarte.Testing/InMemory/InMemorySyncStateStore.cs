using System.Runtime.CompilerServices;
using PartnerKarte.Sync;

namespace PartnerKarte.Testing;

/// <summary>
/// An <see cref="ISyncStateStore"/> kept in memory: watermarks, last-written hashes, the failure ledger, engine
/// state entries, the run lease and run history, with the same semantics as the SQLite and PostgreSQL stores.
/// For tests and demos; the state is lost with the object.
/// </summary>
/// <threadsafety>All members are thread-safe; each call is atomic, as the interface requires.</threadsafety>
public sealed class InMemorySyncStateStore : ISyncStateStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> watermarks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string StateKey, EnrichmentKey Key), string> written = [];
    private readonly Dictionary<string, SortedDictionary<EnrichmentKey, SyncFailure>> failures = new(StringComparer.Ordinal);
    private readonly Dictionary<(string StateKey, string Scope), SortedDictionary<string, byte[]>> entries = [];
    private readonly Dictionary<string, SyncLease> leases = new(StringComparer.Ordinal);
    private readonly List<SyncReport> runs = [];

    /// <inheritdoc/>
    public Task<string?> GetWatermarkAsync(string stateKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(watermarks.GetValueOrDefault(stateKey));
        }
    }

    /// <inheritdoc/>
    public Task SaveWatermarkAsync(string stateKey, string? watermark, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (watermark is null)
            {
                watermarks.Remove(stateKey);
            }
            else
            {
                watermarks[stateKey] = watermark;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<EnrichmentKey, string>> GetWrittenHashesAsync(string stateKey, IReadOnlyList<EnrichmentKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<EnrichmentKey, string>();
        lock (gate)
        {
            foreach (var key in keys)
            {
                if (written.TryGetValue((stateKey, key), out var hash))
                {
                    result[key] = hash;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<EnrichmentKey, string>>(result);
    }

    /// <inheritdoc/>
    public Task CommitBatchAsync(string stateKey, SyncCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var ledger = Ledger(stateKey);
            foreach (var w in checkpoint.Written)
            {
                written[(stateKey, w.Key)] = w.ContentHash;
                ledger.Remove(w.Key);
            }

            foreach (var key in checkpoint.Resolved)
            {
                ledger.Remove(key);
            }

            // A record failing again keeps its first failure time and counts one more attempt.
            foreach (var f in checkpoint.Failures)
            {
                ledger[f.Key] = ledger.TryGetValue(f.Key, out var held)
                    ? f with { Attempts = held.Attempts + 1, FirstFailedAt = held.FirstFailedAt }
                    : f;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SyncFailure>> GetFailuresAsync(string stateKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<SyncFailure>>([.. Ledger(stateKey).Values]);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, byte[]>> GetStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        lock (gate)
        {
            if (entries.TryGetValue((stateKey, scope), out var held))
            {
                foreach (var key in keys)
                {
                    if (held.TryGetValue(key, out var value))
                    {
                        result[key] = value;
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, byte[]>>(result);
    }

    /// <inheritdoc/>
    public Task SaveStateEntriesAsync(string stateKey, string scope, IReadOnlyDictionary<string, byte[]> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var held = Scope(stateKey, scope);
            foreach (var (key, value) in entries)
            {
                // Copied: a caller reusing its buffer must not change what was saved.
                held[key] = [.. value];
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateEntriesAsync(string stateKey, string scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<KeyValuePair<string, byte[]>> snapshot;
        lock (gate)
        {
            snapshot = entries.TryGetValue((stateKey, scope), out var held) ? [.. held] : [];
        }

        foreach (var entry in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task DeleteStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string>? keys, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (keys is null)
            {
                entries.Remove((stateKey, scope));
            }
            else if (entries.TryGetValue((stateKey, scope), out var held))
            {
                foreach (var key in keys)
                {
                    held.Remove(key);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<SyncLease> AcquireLeaseAsync(string stateKey, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (leases.TryGetValue(stateKey, out var held) && held.Owner != owner && held.ExpiresAt > now)
            {
                return Task.FromResult(held);
            }

            var lease = new SyncLease(owner, now + duration);
            leases[stateKey] = lease;
            return Task.FromResult(lease);
        }
    }

    /// <inheritdoc/>
    public Task ReleaseLeaseAsync(string stateKey, string owner, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (leases.TryGetValue(stateKey, out var held) && held.Owner == owner)
            {
                leases.Remove(stateKey);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task RecordRunAsync(SyncReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            runs.Add(report);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SyncReport>> GetRunHistoryAsync(string stateKey, int count = 20, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            // Newest first; among runs that started at the same instant, the one recorded last.
            return Task.FromResult<IReadOnlyList<SyncReport>>(
                [.. runs.Select((r, i) => (Report: r, Index: i)).Where(x => x.Report.StateKey == stateKey)
                    .OrderByDescending(x => x.Report.StartedAt).ThenByDescending(x => x.Index).Take(count).Select(x => x.Report)]);
        }
    }

    private SortedDictionary<EnrichmentKey, SyncFailure> Ledger(string stateKey)
    {
        if (!failures.TryGetValue(stateKey, out var ledger))
        {
            ledger = new SortedDictionary<EnrichmentKey, SyncFailure>(KeyOrder);
            failures[stateKey] = ledger;
        }

        return ledger;
    }

    private SortedDictionary<string, byte[]> Scope(string stateKey, string scope)
    {
        if (!entries.TryGetValue((stateKey, scope), out var held))
        {
            held = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            entries[(stateKey, scope)] = held;
        }

        return held;
    }

    /// <summary>The ledger's order in the database stores: target, then id.</summary>
    private static readonly Comparer<EnrichmentKey> KeyOrder = Comparer<EnrichmentKey>.Create((a, b) =>
    {
        var byTarget = a.Target.CompareTo(b.Target);
        return byTarget != 0 ? byTarget : string.CompareOrdinal(a.Id, b.Id);
    });
}
