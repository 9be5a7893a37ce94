namespace PartnerKarte.Emulators.Dataverse;

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
