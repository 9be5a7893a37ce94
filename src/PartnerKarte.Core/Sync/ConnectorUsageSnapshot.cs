namespace PartnerKarte.Sync;

/// <summary>The counts of a <see cref="ConnectorUsage"/> at one moment, or the difference of two such moments (one run's usage).</summary>
/// <param name="Requests">Requests counted against the CRM's API allocation, by kind (see <see cref="ConnectorRequestKinds"/>).</param>
/// <param name="TokenRequests">Requests to the identity provider's token endpoint, not counted against the allocation.</param>
/// <param name="RecordsRead">Records read from the CRM, by object or table name.</param>
internal sealed record ConnectorUsageSnapshot(
    IReadOnlyDictionary<string, long> Requests,
    long TokenRequests,
    IReadOnlyDictionary<string, long> RecordsRead)
{
    /// <summary>No requests, no records.</summary>
    public static ConnectorUsageSnapshot Empty { get; } = new(new Dictionary<string, long>(), 0, new Dictionary<string, long>());

    /// <summary>Requests retried after a transient failure or throttling (each retry is also counted in <see cref="Requests"/>).</summary>
    public long Retries { get; init; }

    /// <summary>Time spent waiting because the CRM throttled.</summary>
    public TimeSpan ThrottlingWait { get; init; }

    /// <summary>All requests counted against the API allocation (the sum of <see cref="Requests"/>).</summary>
    public long ApiRequests => Requests.Values.Sum();

    /// <summary>What happened between <paramref name="earlier"/> and this snapshot.</summary>
    /// <param name="earlier">A snapshot taken before this one, from the same <see cref="ConnectorUsage"/>.</param>
    /// <returns>The differences; kinds and objects with no change are left out.</returns>
    public ConnectorUsageSnapshot Since(ConnectorUsageSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Minus(Requests, earlier.Requests), TokenRequests - earlier.TokenRequests, Minus(RecordsRead, earlier.RecordsRead))
        {
            Retries = Retries - earlier.Retries,
            ThrottlingWait = ThrottlingWait - earlier.ThrottlingWait,
        };

        static SortedDictionary<string, long> Minus(IReadOnlyDictionary<string, long> now, IReadOnlyDictionary<string, long> before)
        {
            var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (key, n) in now)
            {
                var d = n - before.GetValueOrDefault(key);
                if (d != 0)
                {
                    result[key] = d;
                }
            }

            return result;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{ApiRequests} API requests ({string.Join(", ", Requests.Select(r => $"{r.Key} {r.Value}"))}), {TokenRequests} token requests";
}
