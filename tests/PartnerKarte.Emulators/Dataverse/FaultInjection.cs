namespace PartnerKarte.Emulators.Dataverse;

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
