using System.Collections.Concurrent;

namespace PartnerKarte.Sync;

/// <summary>
/// What a connector sent to its CRM, counted the way the CRM counts it: requests by kind (each query page,
/// describe, limits call, write and Bulk API job call is one request against the org's or environment's API
/// allocation), token requests apart (they do not count against the allocation), and records read per object.
/// </summary>
/// <remarks>
/// Connectors call <see cref="CountRequest"/> once per HTTP request they send, retries included, since the CRM counts
/// those too. The counters are cumulative over the connector's lifetime and safe to update concurrently; the sync
/// engine reports the difference between two <see cref="Snapshot"/>s as one run's usage.
/// </remarks>
public sealed class ConnectorUsage
{
    private readonly ConcurrentDictionary<string, long> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> recordsRead = new(StringComparer.Ordinal);
    private long tokenRequests;
    private long retries;
    private long throttlingWaitTicks;

    /// <summary>Counts one request of <paramref name="kind"/> (see <see cref="ConnectorRequestKinds"/>) against the API allocation.</summary>
    /// <param name="kind">The kind of request, such as <see cref="ConnectorRequestKinds.Query"/>.</param>
    public void CountRequest(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        requests.AddOrUpdate(kind, 1, static (_, n) => n + 1);
    }

    /// <summary>Counts one request to the identity provider's token endpoint (not counted against the API allocation).</summary>
    public void CountTokenRequest() => Interlocked.Increment(ref tokenRequests);

    /// <summary>Counts <paramref name="count"/> records of <paramref name="objectName"/> (for example <c>Task</c> or <c>contacts</c>) read from the CRM.</summary>
    /// <param name="objectName">The CRM's object or table name.</param>
    /// <param name="count">How many records one response carried.</param>
    public void CountRecordsRead(string objectName, long count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectName);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0)
        {
            recordsRead.AddOrUpdate(objectName, count, (_, n) => n + count);
        }
    }

    /// <summary>Counts one retry of a request, and the wait before it when the CRM throttled (429 with Retry-After, a service-protection limit).</summary>
    /// <param name="throttlingWait">How long the retry waits because the CRM throttled; <see cref="TimeSpan.Zero"/> for a transient failure's back-off.</param>
    public void CountRetry(TimeSpan throttlingWait)
    {
        Interlocked.Increment(ref retries);
        CountThrottlingWait(throttlingWait);
    }

    /// <summary>Counts time a request waited, before it was sent, because the CRM throttled an earlier one.</summary>
    /// <param name="wait">The wait.</param>
    public void CountThrottlingWait(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            Interlocked.Add(ref throttlingWaitTicks, wait.Ticks);
        }
    }

    /// <summary>The counts so far.</summary>
    /// <returns>A copy that later requests do not change.</returns>
    internal ConnectorUsageSnapshot Snapshot() => new(
        new SortedDictionary<string, long>(requests, StringComparer.Ordinal),
        Interlocked.Read(ref tokenRequests),
        new SortedDictionary<string, long>(recordsRead, StringComparer.Ordinal))
    {
        Retries = Interlocked.Read(ref retries),
        ThrottlingWait = TimeSpan.FromTicks(Interlocked.Read(ref throttlingWaitTicks)),
    };
}
