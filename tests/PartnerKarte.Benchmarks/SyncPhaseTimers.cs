using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using PartnerKarte.Sync;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// Wall time spent in each phase of a sync (change read, karte read, compute, hash lookups, writes, checkpoints),
/// measured by thin decorators around the connector, the state store and the calculator, so the library stays untouched.
/// </summary>
internal sealed class SyncPhaseTimers
{
    private readonly ConcurrentDictionary<string, long> ticks = new(StringComparer.Ordinal);

    public T Time<T>(string phase, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            Add(phase, start);
        }
    }

    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            Add(phase, start);
        }
    }

    public async Task TimeAsync(string phase, Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await work();
        }
        finally
        {
            Add(phase, start);
        }
    }

    /// <summary>Counts only the time spent producing items, not the consumer's time between them.</summary>
    public async IAsyncEnumerable<T> TimeStream<T>(string phase, IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var e = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                var more = await e.MoveNextAsync();
                Add(phase, start);
                if (!more)
                {
                    yield break;
                }

                yield return e.Current;
            }
        }
        finally
        {
            await e.DisposeAsync();
        }
    }

    public string Summary() => string.Join(", ", ticks.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {Stopwatch.GetElapsedTime(0, p.Value).TotalSeconds:F1}s"));

    private void Add(string phase, long start) => ticks.AddOrUpdate(phase, Stopwatch.GetTimestamp() - start, (_, t) => t + Stopwatch.GetTimestamp() - start);

    public sealed class Connector(KarteConnector inner, SyncPhaseTimers timers) : KarteConnector
    {
        public override string Name => inner.Name;

        public override string StateKey => inner.StateKey;

        public override ConnectorCapabilities Capabilities => inner.Capabilities;

        public override IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, CancellationToken cancellationToken = default) =>
            timers.TimeStream("read-changes", inner.ReadChangesAsync(watermark, cancellationToken), cancellationToken);

        public override IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, CancellationToken cancellationToken = default) =>
            timers.TimeStream("read-change-ids", inner.ReadChangeSummaryAsync(watermark, cancellationToken), cancellationToken);

        public override IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, CancellationToken cancellationToken = default) =>
            timers.TimeStream("read-karte", inner.ReadKarteAsync(selection, cancellationToken), cancellationToken);

        public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default) =>
            timers.TimeAsync("write", () => inner.WriteEnrichmentAsync(records, cancellationToken));
    }

    public sealed class Calculator(IEnrichmentCalculator inner, SyncPhaseTimers timers) : IEnrichmentCalculator
    {
        public IReadOnlyList<EnrichmentRecord> Calculate(KarteRecordBatch karte, DateTimeOffset asOf) => timers.Time("compute", () => inner.Calculate(karte, asOf));
    }

    public sealed class StateStore(ISyncStateStore inner, SyncPhaseTimers timers) : ISyncStateStore
    {
        public Task<string?> GetWatermarkAsync(string stateKey, CancellationToken cancellationToken = default) => inner.GetWatermarkAsync(stateKey, cancellationToken);

        public Task SaveWatermarkAsync(string stateKey, string? watermark, CancellationToken cancellationToken = default) => inner.SaveWatermarkAsync(stateKey, watermark, cancellationToken);

        public Task<IReadOnlyDictionary<EnrichmentKey, string>> GetWrittenHashesAsync(string stateKey, IReadOnlyList<EnrichmentKey> keys, CancellationToken cancellationToken = default) =>
            timers.TimeAsync("hash-lookup", () => inner.GetWrittenHashesAsync(stateKey, keys, cancellationToken));

        public Task CommitBatchAsync(string stateKey, SyncCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
            timers.TimeAsync("checkpoint", () => inner.CommitBatchAsync(stateKey, checkpoint, cancellationToken));

        public Task<IReadOnlyList<SyncFailure>> GetFailuresAsync(string stateKey, CancellationToken cancellationToken = default) => inner.GetFailuresAsync(stateKey, cancellationToken);

        public Task<IReadOnlyDictionary<string, byte[]>> GetStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
            timers.TimeAsync("state-read", () => inner.GetStateEntriesAsync(stateKey, scope, keys, cancellationToken));

        public Task SaveStateEntriesAsync(string stateKey, string scope, IReadOnlyDictionary<string, byte[]> entries, CancellationToken cancellationToken = default) =>
            timers.TimeAsync("state-save", () => inner.SaveStateEntriesAsync(stateKey, scope, entries, cancellationToken));

        public IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateEntriesAsync(string stateKey, string scope, CancellationToken cancellationToken = default) =>
            inner.ReadStateEntriesAsync(stateKey, scope, cancellationToken);

        public Task DeleteStateEntriesAsync(string stateKey, string scope, IReadOnlyList<string>? keys, CancellationToken cancellationToken = default) =>
            inner.DeleteStateEntriesAsync(stateKey, scope, keys, cancellationToken);

        public Task<SyncLease> AcquireLeaseAsync(string stateKey, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default) =>
            inner.AcquireLeaseAsync(stateKey, owner, now, duration, cancellationToken);

        public Task ReleaseLeaseAsync(string stateKey, string owner, CancellationToken cancellationToken = default) => inner.ReleaseLeaseAsync(stateKey, owner, cancellationToken);

        public Task RecordRunAsync(SyncReport report, CancellationToken cancellationToken = default) => inner.RecordRunAsync(report, cancellationToken);

        public Task<IReadOnlyList<SyncReport>> GetRunHistoryAsync(string stateKey, int count = 20, CancellationToken cancellationToken = default) => inner.GetRunHistoryAsync(stateKey, count, cancellationToken);
    }
}
