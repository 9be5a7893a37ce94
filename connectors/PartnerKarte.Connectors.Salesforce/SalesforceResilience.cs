using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// The Salesforce connector's resilience pipeline, the one definition of a transient Salesforce failure. The named
/// HttpClient that <c>AddSalesforce</c> registers runs it as a resilience handler (<see cref="PipelineName"/>); a
/// connector constructed directly runs the same pipeline around the HttpClient it is given.
/// </summary>
public static class SalesforceResilience
{
    /// <summary>The name of the resilience handler on the connector's HttpClient.</summary>
    public const string PipelineName = "partnerkarte-salesforce";

    /// <summary>The longest Retry-After the pipeline waits; a longer one is cut to this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Adds the Salesforce retry: 408, 420, 429, 500, 502, 503, 504, <c>UNABLE_TO_LOCK_ROW</c>, the concurrent-request
    /// <c>REQUEST_LIMIT_EXCEEDED</c> and network errors (except connection refused and DNS failures) are retried up to
    /// <see cref="SalesforceOptions.MaxRetries"/> times, waiting the Retry-After the org sends, else backing off
    /// exponentially with jitter from <see cref="SalesforceOptions.RetryBaseDelay"/>; each attempt is bounded by
    /// <see cref="SalesforceOptions.RequestTimeout"/>. The daily <c>REQUEST_LIMIT_EXCEEDED</c> is not retried.
    /// </summary>
    /// <param name="builder">The pipeline builder (its <see cref="ResiliencePipelineBuilderBase.TimeProvider"/> drives the waits).</param>
    /// <param name="options">The connector options.</param>
    /// <param name="logger">Logs each retry (status and error code only).</param>
    /// <param name="randomizer">The source of jitter, a value in [0, 1); the shared random source when omitted.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddSalesforceRetry(
        this ResiliencePipelineBuilder<HttpResponseMessage> builder,
        SalesforceOptions options,
        ILogger? logger = null,
        Func<double>? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var time = builder.TimeProvider ?? TimeProvider.System;
        if (options.MaxRetries > 0)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldHandle = args => args.Outcome.Exception switch
                {
                    // Connection refused or no DNS answer: a wrong URL or a network problem that backing off won't fix.
                    HttpRequestException e => ValueTask.FromResult(!SalesforceClient.IsUnreachable(e)),
                    TimeoutRejectedException => ValueTask.FromResult(true),
                    TaskCanceledException when !args.Context.CancellationToken.IsCancellationRequested => ValueTask.FromResult(true),
                    null => IsTransientAsync(args.Outcome.Result!, args.Context.CancellationToken),
                    _ => ValueTask.FromResult(false),
                },
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    var r = args.Outcome.Result;
                    var request = args.Context.GetRequestMessage();
                    var throttled = r is not null && ((int)r.StatusCode == 429 || r.Headers.RetryAfter is not null);
                    SalesforceCall.Of(request)?.Usage.CountRetry(throttled ? args.RetryDelay : TimeSpan.Zero);
                    logger.LogWarning(
                        "Salesforce call {Resource} failed transiently ({Status} {Error}); retry {Attempt} in {Delay} ms.",
                        request?.RequestUri?.AbsolutePath ?? "(no request)",
                        (int?)r?.StatusCode ?? 0,
                        args.Outcome.Exception?.GetType().Name ?? "-",
                        args.AttemptNumber + 1,
                        (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            };
            if (randomizer is not null)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
        }

        if (options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.RequestTimeout);
        }

        return builder;
    }

    /// <summary>Whether Salesforce's answer is worth repeating: the one definition the pipeline uses.</summary>
    internal static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is 408 or 420 or 429 or 500 or 502 or 503 or 504)
        {
            return true;
        }

        if (status is not (400 or 403 or 409))
        {
            return false;
        }

        // Lock and concurrency errors arrive as 400/403 with an error code in the body; buffered, so the caller can read it again.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return IsTransient(new SalesforceResponse(status, body, response.Headers, string.Empty));
    }

    /// <summary>Whether an answer's status and error code mark it transient.</summary>
    internal static bool IsTransient(SalesforceResponse response)
    {
        if (response.Status is 408 or 420 or 429 or 500 or 502 or 503 or 504)
        {
            return true;
        }

        var (code, message) = response.Error();
        return code switch
        {
            "UNABLE_TO_LOCK_ROW" => true,
            "REQUEST_LIMIT_EXCEEDED" => message?.Contains("Concurrent", StringComparison.OrdinalIgnoreCase) == true,
            _ => false,
        };
    }

    /// <summary>The wait a Retry-After header asks for (seconds or an HTTP date), capped at <see cref="MaxRetryAfter"/>.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } at } => at - time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };
        if (wait is null && response is not null && response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }

        return wait is { } w && w > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
