using System.Net;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// The service-protection gate: once Dataverse answers 429 with a Retry-After, no request of this client leaves before
/// that time has passed, so parallel callers never send into a throttle window (each such request would count against
/// the limits again). Sits inside the retry, so every attempt passes the gate.
/// </summary>
internal sealed class DataverseServiceProtectionHandler : DelegatingHandler
{
    private readonly TimeProvider _time;
    private readonly object _gateLock = new();
    private DateTimeOffset _opensAt = DateTimeOffset.MinValue;

    public DataverseServiceProtectionHandler(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    public DataverseServiceProtectionHandler(HttpMessageHandler inner, TimeProvider? timeProvider = null)
        : base(inner)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>When the gate opens again (<see cref="DateTimeOffset.MinValue"/> when it is open).</summary>
    public DateTimeOffset OpensAt
    {
        get
        {
            lock (_gateLock)
            {
                return _opensAt;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = OpensAt - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            DataverseCall.Of(request)?.Usage.CountThrottlingWait(wait);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && DataverseResilience.RetryAfter(response, _time) is { } retryAfter)
        {
            var opensAt = _time.GetUtcNow() + retryAfter;
            lock (_gateLock)
            {
                if (opensAt > _opensAt)
                {
                    _opensAt = opensAt;
                }
            }
        }

        return response;
    }
}
