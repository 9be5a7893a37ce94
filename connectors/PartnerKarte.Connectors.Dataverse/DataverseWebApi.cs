using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>One page of a query: rows, and the delta link on the last page of a change-tracking read.</summary>
internal sealed record QueryPage(IReadOnlyList<JsonObject> Rows, string? DeltaLink);

/// <summary>
/// The Web API over HttpClient: bearer token (renewed once on 401), a Polly v8 retry that waits exactly
/// Retry-After on 429 and backs off on 502/503/504, a shared gate so no request leaves before a Retry-After
/// has passed, <c>x-ms-dop-hint</c> tracking, paging by <c>@odata.nextLink</c>, and <c>$batch</c>.
/// Logs carry method, entity set and status only — never tokens, query values or bodies.
/// </summary>
internal sealed partial class DataverseWebApi
{
    private readonly HttpClient _http;
    private readonly DataverseOptions _options;
    private readonly DataverseTokenProvider _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly PartnerKarte.Sync.ConnectorUsage _usage;
    private readonly object _gateLock = new();
    private DateTimeOffset _gateOpensAt = DateTimeOffset.MinValue;
    private int _dopHint;

    public DataverseWebApi(HttpClient http, DataverseOptions options, DataverseTokenProvider tokens, TimeProvider time, ILogger logger, PartnerKarte.Sync.ConnectorUsage usage)
    {
        _usage = usage;
        _http = http;
        _options = options;
        _tokens = tokens;
        _time = time;
        _logger = logger;
        ApiRoot = new Uri(options.EnvironmentUrl!, "api/data/v9.2/");
        _dopHint = options.MaxParallelism;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.Outcome.Result, args.AttemptNumber)),
                OnRetry = args =>
                {
                    Log.Retrying(_logger, (int?)args.Outcome.Result?.StatusCode ?? 0, args.Outcome.Exception?.GetType().Name ?? "-", args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1);
                    _usage.CountRetry(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? args.RetryDelay : TimeSpan.Zero);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The Web API root, <c>{environment}/api/data/v9.2/</c>.</summary>
    public Uri ApiRoot { get; }

    /// <summary>The latest <c>x-ms-dop-hint</c>, capped by <see cref="DataverseOptions.MaxParallelism"/>.</summary>
    public int DegreeOfParallelism => Math.Max(1, Math.Min(_options.MaxParallelism, Volatile.Read(ref _dopHint)));

    /// <summary>Number of HTTP requests sent to the Web API (excluding token requests).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    private int _requestCount;

    /// <summary>429: up to 100 times, each after its Retry-After; 502/503/504 and network errors: up to MaxRetries.</summary>
    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attempt)
    {
        if (outcome.Exception is HttpRequestException e && IsUnreachable(e))
        {
            // Connection refused or no DNS answer: a wrong URL or a network problem that backing off for minutes won't fix.
            return attempt < _options.UnreachableRetries;
        }

        if (outcome.Exception is HttpRequestException or TimeoutException)
        {
            return attempt < _options.MaxRetries;
        }

        return outcome.Result?.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => attempt < 100,
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => attempt < _options.MaxRetries,
            _ => false,
        };
    }

    private TimeSpan RetryDelay(HttpResponseMessage? response, int attempt)
    {
        var retryAfter = RetryAfter(response);
        if (response?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Exactly what the service asked for; without the header, Microsoft's guidance: back off exponentially.
            return retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt + 1));
        }

        return retryAfter ?? TimeSpan.FromTicks(_options.ServiceUnavailableBaseDelay.Ticks * (1L << Math.Min(attempt, 10)));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (response is not null && response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    /// <summary>Waits until no Retry-After is pending, so parallel callers never send into a throttle window.</summary>
    private async Task WaitForGateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gateLock)
            {
                wait = _gateOpensAt - _time.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            _usage.CountThrottlingWait(wait);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Observe(HttpResponseMessage response, DateTimeOffset receivedAt)
    {
        if (response.Headers.TryGetValues("x-ms-dop-hint", out var dop) && int.TryParse(dop.FirstOrDefault(), out var hint) && hint > 0)
        {
            Volatile.Write(ref _dopHint, hint);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter(response) is { } ra)
        {
            lock (_gateLock)
            {
                var opensAt = receivedAt + ra;
                if (opensAt > _gateOpensAt)
                {
                    _gateOpensAt = opensAt;
                }
            }
        }
    }

    /// <summary>Whether a request failed before reaching the service: connection refused, host unknown or unreachable.</summary>
    internal static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
        || e.InnerException is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                or System.Net.Sockets.SocketError.NoData or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable,
        };

    /// <summary>Sends a request built fresh for every attempt; retries per policy; renews the token once on 401.</summary>
    /// <exception cref="TimeoutException">No answer within the request timeout, on every attempt.</exception>
    /// <exception cref="HttpRequestException">The environment (or the authority) could not be reached.</exception>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    await WaitForGateAsync(token).ConfigureAwait(false);
                    var bearer = await _tokens.GetTokenAsync(token).ConfigureAwait(false);
                    var r = await SendOnceAsync(create, bearer, what, token).ConfigureAwait(false);
                    if (r.StatusCode == HttpStatusCode.Unauthorized && _tokens.CanRenew)
                    {
                        // The token expired or was revoked early: renew once, then give up.
                        r.Dispose();
                        _tokens.Invalidate(bearer);
                        Log.TokenRenewed(_logger);
                        bearer = await _tokens.GetTokenAsync(token).ConfigureAwait(false);
                        r = await SendOnceAsync(create, bearer, what, token).ConfigureAwait(false);
                    }

                    return r;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new HttpRequestException(
                e.HttpRequestError,
                $"The Dataverse environment {ApiRoot.Host} (or its sign-in authority) is unreachable: {e.Message} Check the environment URL, DNS and the network.",
                e);
        }

        Log.Request(_logger, what, (int)response.StatusCode);
        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, string bearer, string what, CancellationToken cancellationToken)
    {
        using var request = create();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        Interlocked.Increment(ref _requestCount);
        var kind = KindOf(request);
        _usage.CountRequest(kind);
        HttpResponseMessage response;
        using var activity = PartnerKarteTelemetry.StartCrmCall("dataverse", kind);
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation nobody asked for: a slow answer, retried like a 503.
            throw new TimeoutException($"Dataverse did not answer '{what}' within the request timeout ({_http.Timeout.TotalSeconds:0.###} s).", e);
        }

        Observe(response, _time.GetUtcNow());
        return response;
    }

    /// <summary>The kind a request counts as: metadata, a query's first or further page, or a write (single or <c>$batch</c>).</summary>
    internal static string KindOf(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (path.Contains("/EntityDefinitions", StringComparison.Ordinal) || path.EndsWith("/$metadata", StringComparison.Ordinal))
        {
            return PartnerKarte.Sync.ConnectorRequestKinds.Describe;
        }

        if (request.Method != HttpMethod.Get)
        {
            return PartnerKarte.Sync.ConnectorRequestKinds.Write;
        }

        return request.RequestUri?.Query.Contains("$skiptoken=", StringComparison.Ordinal) == true
            ? PartnerKarte.Sync.ConnectorRequestKinds.QueryMore
            : PartnerKarte.Sync.ConnectorRequestKinds.Query;
    }

    /// <summary>Reads Dataverse's error (code and message) and throws it.</summary>
    public static async Task<DataverseRequestFailedException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = ParseError(text);
        return new DataverseRequestFailedException((int)response.StatusCode, code, message ?? response.ReasonPhrase ?? "request failed");
    }

    internal static (string Code, string? Message) ParseError(string text)
    {
        try
        {
            if (JsonNode.Parse(text)?["error"] is JsonObject e)
            {
                return (e["code"]?.ToString() ?? string.Empty, e["message"]?.ToString());
            }
        }
        catch (JsonException)
        {
            // Not JSON (a gateway page): keep the status only.
        }

        return (string.Empty, null);
    }

    /// <summary>GET returning JSON.</summary>
    public async Task<JsonObject> GetJsonAsync(string relativeUrl, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(ApiRoot, relativeUrl)), what, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
    }

    /// <summary>
    /// Streams the pages of a query, following <c>@odata.nextLink</c> verbatim (only to the same environment). The rows
    /// are counted as read under <paramref name="countAs"/>, else under the entity set's name.
    /// </summary>
    public async IAsyncEnumerable<QueryPage> QueryAsync(string url, string what, bool trackChanges, [EnumeratorCancellation] CancellationToken cancellationToken = default, string? countAs = null)
    {
        var next = new Uri(ApiRoot, url);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = next;
            using var response = await SendAsync(
                () =>
                {
                    var m = new HttpRequestMessage(HttpMethod.Get, current);
                    // Lookup annotations tell which table a polymorphic lookup (parentcustomerid, regardingobjectid) points at.
                    var prefer = $"odata.maxpagesize={_options.PageSize},odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"";
                    m.Headers.TryAddWithoutValidation("Prefer", trackChanges ? prefer + ",odata.track-changes" : prefer);
                    return m;
                },
                what,
                cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
            var rows = (body["value"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            _usage.CountRecordsRead(countAs ?? current.AbsolutePath[(current.AbsolutePath.LastIndexOf('/') + 1)..], rows.Count);
            var nextLink = body["@odata.nextLink"]?.GetValue<string>();
            yield return new QueryPage(rows, body["@odata.deltaLink"]?.GetValue<string>());
            if (nextLink is null)
            {
                yield break;
            }

            next = new Uri(nextLink);
            if (next.GetLeftPart(UriPartial.Authority) != ApiRoot.GetLeftPart(UriPartial.Authority))
            {
                throw new DataverseRequestFailedException(0, string.Empty, "The service returned a next link to another host; refusing to send the token there.");
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Dataverse {What}: {Status}")]
        public static partial void Request(ILogger logger, string what, int status);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Dataverse answered {Status} ({Error}); retrying in {DelayMs} ms (attempt {Attempt})")]
        public static partial void Retrying(ILogger logger, int status, string error, double delayMs, int attempt);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Dataverse rejected the access token; renewing it once")]
        public static partial void TokenRenewed(ILogger logger);
    }
}
