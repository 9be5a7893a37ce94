using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// The Dataverse connector's resilience pipeline, the one definition of a transient Dataverse failure. The named
/// HttpClient that <c>AddDataverse</c> registers runs it as a resilience handler (<see cref="PipelineName"/>), followed by
/// the service-protection gate; a connector constructed directly runs the same handlers around its HttpClient.
/// </summary>
public static partial class DataverseResilience
{
    /// <summary>The name of the resilience handler on the connector's HttpClient.</summary>
    public const string PipelineName = "partnerkarte-dataverse";

    /// <summary>How many 429 answers in a row one request waits out before it fails.</summary>
    public const int MaxThrottledAttempts = 100;

    /// <summary>
    /// Adds the Dataverse retry. A 429 (a service-protection limit: requests, execution time or concurrent requests) is
    /// retried up to <see cref="MaxThrottledAttempts"/> times, each after exactly the Retry-After the service sends; 502, 503,
    /// 504, timeouts and network errors up to <see cref="DataverseOptions.MaxRetries"/> times, honouring Retry-After when
    /// present, else backing off exponentially with jitter from <see cref="DataverseOptions.ServiceUnavailableBaseDelay"/>;
    /// connection refused and DNS failures only <see cref="DataverseOptions.UnreachableRetries"/> times. Each attempt is
    /// bounded by <see cref="DataverseOptions.RequestTimeout"/>.
    /// </summary>
    /// <param name="builder">The pipeline builder (its <see cref="ResiliencePipelineBuilderBase.TimeProvider"/> drives the waits).</param>
    /// <param name="options">The connector options.</param>
    /// <param name="logger">Logs each retry (status and error type only).</param>
    /// <param name="randomizer">The source of jitter, a value in [0, 1); the shared random source when omitted.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddDataverseRetry(
        this ResiliencePipelineBuilder<HttpResponseMessage> builder,
        DataverseOptions options,
        ILogger? logger = null,
        Func<double>? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var time = builder.TimeProvider ?? TimeProvider.System;
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.ServiceUnavailableBaseDelay,
            MaxDelay = TimeSpan.FromMinutes(5),
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, options)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
            OnRetry = args =>
            {
                var r = args.Outcome.Result;
                Log.Retrying(logger, (int?)r?.StatusCode ?? 0, args.Outcome.Exception switch
                {
                    null => "-",
                    TimeoutRejectedException => nameof(TimeoutException), // an attempt that ran out of time, whichever timeout fired
                    var e => e.GetType().Name,
                }, args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1);
                DataverseCall.Of(args.Context.GetRequestMessage())?.Usage.CountRetry(r?.StatusCode == HttpStatusCode.TooManyRequests ? args.RetryDelay : TimeSpan.Zero);
                return default;
            },
        };
        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }

        builder.AddRetry(retry);
        if (options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.RequestTimeout);
        }

        return builder;
    }

    /// <summary>Whether an outcome is transient: the one definition the pipeline uses.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attempt, DataverseOptions options)
    {
        if (outcome.Exception is HttpRequestException e && DataverseWebApi.IsUnreachable(e))
        {
            // Connection refused or no DNS answer: a wrong URL or a network problem that backing off for minutes won't fix.
            return attempt < options.UnreachableRetries;
        }

        if (outcome.Exception is HttpRequestException or TimeoutException or TimeoutRejectedException)
        {
            return attempt < options.MaxRetries;
        }

        return outcome.Result?.StatusCode switch
        {
            // Service protection: -2147015902 (requests), -2147015903 (execution time), -2147015898 (concurrent requests).
            HttpStatusCode.TooManyRequests => attempt < MaxThrottledAttempts,
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => attempt < options.MaxRetries,
            _ => false,
        };
    }

    /// <summary>The wait a Retry-After header asks for (seconds, fractional seconds or an HTTP date).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - (response!.Headers.Date ?? time.GetUtcNow());
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        if (response is not null && response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Dataverse answered {Status} ({Error}); retrying in {DelayMs} ms (attempt {Attempt})")]
        public static partial void Retrying(ILogger logger, int status, string error, double delayMs, int attempt);
    }
}
