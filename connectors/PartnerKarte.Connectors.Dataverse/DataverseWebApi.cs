using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>One page of a query: rows, and the delta link on the last page of a change-tracking read.</summary>
internal sealed record QueryPage(IReadOnlyList<JsonObject> Rows, string? DeltaLink);

/// <summary>
/// The Web API over HttpClient: bearer token (renewed once on 401), the retry and service-protection gate of
/// <see cref="DataverseResilience"/> as HTTP handlers, <c>x-ms-dop-hint</c> tracking, paging by <c>@odata.nextLink</c>, and <c>$batch</c>.
/// Logs carry method, entity set and status only — never tokens, query values or bodies.
/// </summary>
internal sealed partial class DataverseWebApi
{
    private readonly HttpMessageInvoker _http;
    private readonly DataverseOptions _options;
    private readonly DataverseTokenProvider _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PartnerKarte.Sync.ConnectorUsage _usage;
    private int _dopHint;

    // http sends the requests: an HttpClient that already runs the Dataverse pipeline (from IHttpClientFactory), or the
    // pipeline built around a given client by WithPipeline.
    public DataverseWebApi(HttpMessageInvoker http, DataverseOptions options, DataverseTokenProvider tokens, TimeProvider time, ILogger logger, PartnerKarte.Sync.ConnectorUsage usage)
    {
        _usage = usage;
        _http = http;
        _options = options;
        _tokens = tokens;
        _time = time;
        _logger = logger;
        ApiRoot = new Uri(options.EnvironmentUrl!, "api/data/v9.2/");
        _dopHint = options.MaxParallelism;
    }

    /// <summary>The default pipeline (<see cref="DataverseResilience"/> and the service-protection gate) around an HttpClient given without it.</summary>
    internal static HttpMessageInvoker WithPipeline(HttpClient client, DataverseOptions options, TimeProvider time, ILogger logger)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddDataverseRetry(options, logger).Build();
        var handler = new Microsoft.Extensions.Http.Resilience.ResilienceHandler(pipeline)
        {
            InnerHandler = new DataverseServiceProtectionHandler(new DataverseAttemptHandler(new HttpClientForwarder(client)), time),
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The Web API root, <c>{environment}/api/data/v9.2/</c>.</summary>
    public Uri ApiRoot { get; }

    /// <summary>The latest <c>x-ms-dop-hint</c>, capped by <see cref="DataverseOptions.MaxParallelism"/>.</summary>
    public int DegreeOfParallelism => Math.Max(1, Math.Min(_options.MaxParallelism, Volatile.Read(ref _dopHint)));

    /// <summary>Number of HTTP requests sent to the Web API (excluding token requests).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    private int _requestCount;

    private void Observe(HttpResponseMessage response)
    {
        Interlocked.Increment(ref _requestCount);
        if (response.Headers.TryGetValues("x-ms-dop-hint", out var dop) && int.TryParse(dop.FirstOrDefault(), out var hint) && hint > 0)
        {
            Volatile.Write(ref _dopHint, hint);
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
            var bearer = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            response = await SendOnceAsync(create, bearer, what, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && _tokens.CanRenew)
            {
                // The token expired or was revoked early: renew once, then give up.
                response.Dispose();
                _tokens.Invalidate(bearer);
                Log.TokenRenewed(_logger);
                bearer = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                response = await SendOnceAsync(create, bearer, what, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new HttpRequestException(
                e.HttpRequestError,
                $"The Dataverse environment {ApiRoot.Host} (or its sign-in authority) is unreachable: {e.Message} Check the environment URL, DNS and the network.",
                e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new TimeoutException($"Dataverse did not answer '{what}' within the request timeout ({_options.RequestTimeout.TotalSeconds:0.###} s).", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Dataverse did not answer '{what}' within the request timeout ({_options.RequestTimeout.TotalSeconds:0.###} s).", e);
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
        var call = new DataverseCall(_usage, KindOf(request), what, Observe);
        call.AttachTo(request);
        var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (call.Attempts == 0)
        {
            // A host's pipeline without the attempt handler: count the call once here.
            _usage.CountRequest(call.Kind);
            Observe(response);
        }

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
    public static async Task<CrmRequestException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = ParseError(text);
        return DataverseFailure.Create((int)response.StatusCode, code, message ?? response.ReasonPhrase ?? "request failed");
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
                throw DataverseFailure.Create(0, string.Empty, "The service returned a next link to another host; refusing to send the token there.");
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Dataverse {What}: {Status}")]
        public static partial void Request(ILogger logger, string what, int status);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Dataverse rejected the access token; renewing it once")]
        public static partial void TokenRenewed(ILogger logger);
    }
}
