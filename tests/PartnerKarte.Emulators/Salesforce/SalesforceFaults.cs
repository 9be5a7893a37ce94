namespace PartnerKarte.Emulators.Salesforce;

/// <summary>
/// Faults the emulator injects, set per test. Rates draw from one RNG seeded by <see cref="Seed"/>, so a run is
/// reproducible for a given request order. Injected failures happen before any processing: nothing is half-done.
/// </summary>
public sealed class SalesforceFaults
{
    /// <summary>Delay added to every API request.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Share (0..1) of API requests answered 503 SERVER_UNAVAILABLE.</summary>
    public double ServerUnavailableRate { get; set; }

    /// <summary>Share (0..1) of single-record writes answered 400 UNABLE_TO_LOCK_ROW, and of records in collection and
    /// bulk writes that fail with UNABLE_TO_LOCK_ROW.</summary>
    public double LockRowRate { get; set; }

    /// <summary>Retry-After seconds sent with injected 503s (none when <see langword="null"/>).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>More concurrent requests than this get 403 REQUEST_LIMIT_EXCEEDED (ConcurrentPerOrgLongTxn).</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>The daily API allocation (the Max of DailyApiRequests); once used up every call gets 403 REQUEST_LIMIT_EXCEEDED.</summary>
    public int DailyApiLimit { get; set; } = 1_000_000;

    /// <summary>
    /// Calls still answered past <see cref="DailyApiLimit"/>: the allocation is not a hard stop, an org may run past it
    /// for a while (API Request Limits and Allocations), and <c>Sforce-Limit-Info</c> then reports usage above the limit,
    /// e.g. <c>api-usage=15010/15000</c>. Refusal (403 REQUEST_LIMIT_EXCEEDED) starts at limit + overage.
    /// </summary>
    public int DailyApiOverage { get; set; }

    /// <summary>
    /// Error bodies as the single object the "Status Codes and Error Responses" page shows
    /// (<c>{"message": …, "errorCode": …, "fields": […]}</c>) instead of the usual one-element array.
    /// </summary>
    public bool ObjectErrorBodies { get; set; }

    /// <summary>
    /// Once this many API calls are counted, every call gets 403 REQUEST_LIMIT_EXCEEDED (TotalRequests) while the
    /// reported allocation stays <see cref="DailyApiLimit"/>: another integration used up the org's day.
    /// </summary>
    public int? ExhaustDailyLimitAfterCalls { get; set; }

    /// <summary>An access token becomes invalid after this many API calls (401 INVALID_SESSION_ID).</summary>
    public int? SessionExpiresAfterCalls { get; set; }

    /// <summary>Per-record permanent errors in collection and bulk writes: return an error for a record to reject it.</summary>
    public Func<string, IReadOnlyDictionary<string, string?>, SalesforceError?>? RecordError { get; set; }

    /// <summary>Polls of an ingest job that still report InProgress before JobComplete.</summary>
    public int BulkPollsInProgress { get; set; }

    /// <summary>Seed of the fault RNG.</summary>
    public int Seed { get; set; } = 42;
}
