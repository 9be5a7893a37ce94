namespace PartnerKarte.Emulators.Dataverse;

/// <summary>Sliding-window request and execution-time limits plus a concurrency cap, answered with 429 and Retry-After.</summary>
internal sealed class ServiceProtection(ServiceProtectionOptions options)
{
    /// <summary>Requests that arrive this soon after a 429 was sent were already in flight, not a retry.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _requests = new();
    private readonly Queue<(DateTimeOffset End, TimeSpan Duration)> _executions = new();
    private DateTimeOffset _blockedSince = DateTimeOffset.MinValue;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private int _inFlight;

    public sealed record Rejection(string Code, string Message, TimeSpan RetryAfter, bool BeforeRetryAfter);

    /// <summary>Admits a request or says why not. An admitted request must call <see cref="Exit"/>.</summary>
    public Rejection? Enter(DateTimeOffset now)
    {
        lock (_gate)
        {
            var window = options.Window;
            while (_requests.Count > 0 && _requests.Peek() <= now - window)
            {
                _requests.Dequeue();
            }

            while (_executions.Count > 0 && _executions.Peek().End <= now - window)
            {
                _executions.Dequeue();
            }

            if (now < _blockedUntil)
            {
                // Still inside a Retry-After: hammering. Answer again with what is left.
                var early = now > _blockedSince + InFlightGrace;
                return new Rejection("0x80072322", "Number of requests exceeded the limit; wait for Retry-After before sending again.", Ceil(_blockedUntil - now), early);
            }

            if (options.MaxConcurrentRequests is { } maxConcurrent && _inFlight >= maxConcurrent)
            {
                return Block(now, TimeSpan.FromSeconds(1), "0x80072326", $"Number of concurrent requests exceeded the limit of {maxConcurrent}.");
            }

            if (options.MaxRequestsPerWindow is { } maxRequests && _requests.Count >= maxRequests)
            {
                return Block(now, _requests.Peek() + window - now, "0x80072322",
                    $"Number of requests exceeded the limit of {maxRequests} over time window of {window.TotalSeconds} seconds.");
            }

            if (options.MaxExecutionTimePerWindow is { } maxTime && _executions.Sum(e => e.Duration.Ticks) >= maxTime.Ticks)
            {
                return Block(now, _executions.Peek().End + window - now, "0x80072321",
                    $"Combined execution time of incoming requests exceeded limit of {maxTime.TotalMilliseconds} milliseconds over time window of {window.TotalSeconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.");
            }

            _requests.Enqueue(now);
            _inFlight++;
            return null;
        }
    }

    /// <summary>Blocks further requests for the given time (injected 429s use it too).</summary>
    public Rejection Block(DateTimeOffset now, TimeSpan retryAfter, string code, string message)
    {
        lock (_gate)
        {
            var ra = Ceil(retryAfter);
            _blockedSince = now;
            _blockedUntil = now + ra;
            return new Rejection(code, message, ra, false);
        }
    }

    public void Exit(DateTimeOffset start, DateTimeOffset end)
    {
        lock (_gate)
        {
            _inFlight--;
            _executions.Enqueue((end, end - start));
        }
    }

    /// <summary>Whole seconds, at least one: Retry-After is an integer.</summary>
    private static TimeSpan Ceil(TimeSpan t) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(t.TotalSeconds)));
}
