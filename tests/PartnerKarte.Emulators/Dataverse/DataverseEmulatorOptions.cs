namespace PartnerKarte.Emulators.Dataverse;

/// <summary>How an emulated environment is set up.</summary>
public sealed class DataverseEmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Tenant in the token URL.</summary>
    public string TenantId { get; init; } = "00000000-0000-4000-8000-0000000000aa";

    /// <summary>The registered application (client id).</summary>
    public string ClientId { get; init; } = "11111111-2222-4333-8444-555555555555";

    /// <summary>The application's secret.</summary>
    public string ClientSecret { get; init; } = "emulator-secret";

    /// <summary>Lifetime of issued tokens.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);

    /// <summary>The value sent in <c>x-ms-dop-hint</c>.</summary>
    public int DegreeOfParallelismHint { get; init; } = 4;

    /// <summary>Seed of the fault-injection random generator.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Service protection limits (off by default).</summary>
    public ServiceProtectionOptions ServiceProtection { get; init; } = new();

    /// <summary>How long a change-tracking delta token stays valid (Dataverse: Organization.ExpireChangeTrackingInDays, default 7 days).</summary>
    public TimeSpan DeltaTokenLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Clock for timestamps, windows and token expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>Service protection limits, scaled down from Dataverse's (6000 requests and 20 minutes of execution per 300 s, 52 concurrent).</summary>
public sealed class ServiceProtectionOptions
{
    /// <summary>Requests allowed per sliding window; null = unlimited.</summary>
    public int? MaxRequestsPerWindow { get; set; }

    /// <summary>Combined execution time allowed per sliding window; null = unlimited.</summary>
    public TimeSpan? MaxExecutionTimePerWindow { get; set; }

    /// <summary>The sliding window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Concurrent requests allowed; null = unlimited.</summary>
    public int? MaxConcurrentRequests { get; set; }
}

/// <summary>Faults injected into API calls; change them per test.</summary>
public sealed class FaultInjection
{
    private readonly object _gate = new();
    private Random _random;

    internal FaultInjection(int seed) => _random = new Random(seed);

    /// <summary>Delay added to every API call.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Share of API calls answered 429 (0..1).</summary>
    public double TooManyRequestsRate { get; set; }

    /// <summary>Retry-After sent with injected 429s.</summary>
    public TimeSpan InjectedRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of API calls answered 503 (0..1).</summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Resets all faults and reseeds the generator.</summary>
    public void Reset(int seed = 42)
    {
        lock (_gate)
        {
            _random = new Random(seed);
            Latency = TimeSpan.Zero;
            TooManyRequestsRate = 0;
            ServiceUnavailableRate = 0;
        }
    }

    internal double Next()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }
}

/// <summary>What kind of call a logged request was.</summary>
public enum RequestKind
{
    /// <summary>Token endpoint.</summary>
    Token,

    /// <summary>GET on data (queries, retrieves, WhoAmI).</summary>
    Read,

    /// <summary>POST, PATCH or DELETE on data.</summary>
    Write,

    /// <summary>$batch.</summary>
    Batch,

    /// <summary>EntityDefinitions and $metadata.</summary>
    Metadata,
}

/// <summary>One request as the emulator saw it.</summary>
/// <param name="ArrivedAt">When it arrived.</param>
/// <param name="CompletedAt">When the response was ready.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query.</param>
/// <param name="Kind">Kind of call.</param>
/// <param name="Status">Status code sent.</param>
/// <param name="RetryAfter">Retry-After sent with a 429, if any.</param>
/// <param name="BatchOperations">Number of operations in a $batch.</param>
/// <param name="BeforeRetryAfter">Arrived while an earlier 429's Retry-After had not yet passed.</param>
public sealed record RequestLogEntry(
    DateTimeOffset ArrivedAt,
    DateTimeOffset CompletedAt,
    string Method,
    string PathAndQuery,
    RequestKind Kind,
    int Status,
    TimeSpan? RetryAfter,
    int BatchOperations,
    bool BeforeRetryAfter);

/// <summary>One row the emulator served to a query, a delta page or a retrieve.</summary>
/// <param name="Table">The table's logical name, e.g. <c>contact</c>.</param>
/// <param name="Select">The columns the request selected (<c>$select</c>), or <see langword="null"/> for every column.</param>
/// <param name="RowId">The row's id.</param>
public sealed record RowServedEntry(string Table, IReadOnlyList<string>? Select, Guid RowId);
