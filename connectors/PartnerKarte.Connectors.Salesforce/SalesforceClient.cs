using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Polly;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// REST and Bulk API 2.0 transport: authentication (refresh once on 401), a Polly retry pipeline for transient
/// failures honouring Retry-After, daily-limit detection and an API budget guard fed by Sforce-Limit-Info.
/// </summary>
internal sealed partial class SalesforceClient
{
    private readonly HttpMessageInvoker _http;
    private readonly SalesforceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private string? _accessToken;
    private Uri? _instanceUrl;
    private int? _startUsed;
    private int? _lastUsed;
    private int? _limit;
    private SalesforceLimitExceededException? _refused;

    private readonly PartnerKarte.Sync.ConnectorUsage _usage;

    // http sends the requests: an HttpClient that already runs the Salesforce pipeline (from IHttpClientFactory), or the
    // pipeline built around a given client by WithPipeline.
    public SalesforceClient(HttpMessageInvoker http, SalesforceOptions options, TimeProvider time, ILogger logger, PartnerKarte.Sync.ConnectorUsage usage)
    {
        _usage = usage;
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _accessToken = options.AccessToken;
        _instanceUrl = options.InstanceUrl;
    }

    public Uri? InstanceUrl => _instanceUrl;

    /// <summary>The default pipeline (<see cref="SalesforceResilience"/>) around an HttpClient given without it.</summary>
    internal static HttpMessageInvoker WithPipeline(HttpClient client, SalesforceOptions options, TimeProvider time, ILogger logger)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddSalesforceRetry(options, logger).Build();
        var handler = new Microsoft.Extensions.Http.Resilience.ResilienceHandler(pipeline)
        {
            InnerHandler = new SalesforceAttemptHandler(new HttpClientForwarder(client)),
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>Connection refused, no DNS answer, host or network unreachable: not transient, so not retried.</summary>
    internal static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.NameResolutionError
        || e.InnerException is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                or System.Net.Sockets.SocketError.NoData or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable,
        };

    public int? ApiUsed => _lastUsed;

    /// <summary>The server's clock (the Date header) at the last response, to start watermarks from the org's time.</summary>
    public DateTimeOffset? LastServerDate { get; private set; }

    public int? ApiLimit => _limit;

    public string DataPath => $"/services/data/v{_options.ApiVersion}/";

    public static bool IsTransient(SalesforceResponse response) => SalesforceResilience.IsTransient(response);

    /// <summary>Sends a request to a path under the instance (a data-relative path like <c>query</c> or an absolute <c>/services/...</c>).</summary>
    public async Task<SalesforceResponse> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        if (_refused is { } refused)
        {
            // The org refused a call for its daily limit: every further call would be refused too.
            throw new SalesforceLimitExceededException(refused.Message, refused.IsBudgetGuard, refused.ApiUsed, refused.ApiLimit);
        }

        if (_accessToken is null || _instanceUrl is null)
        {
            await AuthenticateAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var response = await SendWithRetryAsync(method, path, body, contentType, headers, cancellationToken).ConfigureAwait(false);
        if (response.Status == 401 && _options.EffectiveFlow != SalesforceAuthFlow.AccessToken)
        {
            // The session expired (no expires_in in Salesforce tokens): re-authenticate once and repeat the call once.
            _logger.LogInformation("Salesforce session expired or invalid; re-authenticating.");
            await AuthenticateAsync(_accessTokenUsed, cancellationToken).ConfigureAwait(false);
            response = await SendWithRetryAsync(method, path, body, contentType, headers, cancellationToken).ConfigureAwait(false);
        }

        if (response.Status == 403 && response.Error() is { Code: "REQUEST_LIMIT_EXCEEDED" } limit && limit.Message?.Contains("Concurrent", StringComparison.OrdinalIgnoreCase) != true)
        {
            _refused = new SalesforceLimitExceededException(
                $"Salesforce refused the call: the org's daily API request limit is used up ({_lastUsed?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{_limit?.ToString(CultureInfo.InvariantCulture) ?? "?"}; REQUEST_LIMIT_EXCEEDED: {limit.Message}). The run stopped at its last checkpoint; run it again when the 24-hour window allows.",
                isBudgetGuard: false,
                _lastUsed,
                _limit);
            throw _refused;
        }

        return response;
    }

    /// <summary>Like <see cref="SendAsync"/> but throws <see cref="CrmRequestException"/> on any non-2xx answer.</summary>
    public async Task<SalesforceResponse> SendOkAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(method, path, body, contentType, headers, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var (code, message) = response.Error();
            throw SalesforceFailure.Create(
                $"Salesforce {method} {response.Resource} failed: {response.Status} {code}: {Redact(message)}",
                response.Status,
                code,
                response.Resource);
        }

        return response;
    }

    /// <summary>Runs a SOQL query and streams its pages, following nextRecordsUrl.</summary>
    /// <param name="soql">The query.</param>
    /// <param name="includeDeleted">queryAll instead of query.</param>
    /// <param name="countAs">The name the rows are counted under in records read (the queried object when omitted).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async IAsyncEnumerable<JsonArray> QueryPagesAsync(string soql, bool includeDeleted, string? countAs = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var headers = new Dictionary<string, string> { ["Sforce-Query-Options"] = "batchSize=" + _options.QueryBatchSize.ToString(CultureInfo.InvariantCulture) };
        string? next = (includeDeleted ? "queryAll?q=" : "query?q=") + Uri.EscapeDataString(soql);
        while (next is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await SendAsync(HttpMethod.Get, next, headers: headers, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                // Name the object: the message Salesforce sends names the field and entity, not the query it came from.
                var (code, message) = response.Error();
                throw SalesforceFailure.Create(
                    $"Salesforce {(includeDeleted ? "queryAll" : "query")} on {QueriedObject(soql)} failed: {response.Status} {code}: {Redact(message)}",
                    response.Status,
                    code,
                    response.Resource);
            }

            var json = response.Json() as JsonObject ?? [];
            var records = json["records"] as JsonArray ?? [];
            _usage.CountRecordsRead(countAs ?? QueriedObject(soql), records.Count);
            yield return records;
            next = json["done"]?.GetValue<bool>() == false ? json["nextRecordsUrl"]?.GetValue<string>() : null;
        }
    }

    /// <summary>The kind a request is counted as (see <see cref="PartnerKarte.Sync.ConnectorRequestKinds"/>), from its data-relative path.</summary>
    internal static string KindOf(HttpMethod method, string path)
    {
        var resource = path.StartsWith('/') ? path : "/" + path;
        var bare = resource.Split('?')[0];
        return bare switch
        {
            _ when resource.Contains("/query?", StringComparison.Ordinal) || resource.Contains("/queryAll?", StringComparison.Ordinal)
                || resource.StartsWith("/query?", StringComparison.Ordinal) || resource.StartsWith("/queryAll?", StringComparison.Ordinal) => PartnerKarte.Sync.ConnectorRequestKinds.Query,
            _ when bare.Contains("/query/", StringComparison.Ordinal) || bare.Contains("/queryAll/", StringComparison.Ordinal) => PartnerKarte.Sync.ConnectorRequestKinds.QueryMore,
            _ when bare.EndsWith("/describe", StringComparison.Ordinal) => PartnerKarte.Sync.ConnectorRequestKinds.Describe,
            _ when bare.EndsWith("/limits", StringComparison.Ordinal) => PartnerKarte.Sync.ConnectorRequestKinds.Limits,
            _ when bare.Contains("/jobs/", StringComparison.Ordinal) => PartnerKarte.Sync.ConnectorRequestKinds.Bulk,
            _ when bare.Contains("/composite", StringComparison.Ordinal) || (bare.Contains("/sobjects/", StringComparison.Ordinal) && method != HttpMethod.Get) => PartnerKarte.Sync.ConnectorRequestKinds.Write,
            _ => PartnerKarte.Sync.ConnectorRequestKinds.Other,
        };
    }

    private static string QueriedObject(string soql) => FromClause().Match(soql) is { Success: true } m ? m.Groups[1].Value : "?";

    private string? _accessTokenUsed;

    private async Task<SalesforceResponse> SendWithRetryAsync(HttpMethod method, string path, string? body, string contentType, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        CheckBudget();
        var token = _accessToken!;
        _accessTokenUsed = token;
        var uri = new Uri(_instanceUrl!, path.StartsWith('/') ? path : DataPath + path);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        var started = _time.GetTimestamp();

        // Every attempt is counted, retries and refused calls included: the request reached the org.
        var call = new SalesforceCall(_usage, KindOf(method, path), ReadLimitInfo);
        call.AttachTo(request);
        using var response = await SendCountedAsync(request, call, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var resource = uri.AbsolutePath;
        _logger.LogDebug("Salesforce {Method} {Resource} -> {Status} in {Elapsed} ms", method, resource, (int)response.StatusCode, (int)_time.GetElapsedTime(started).TotalMilliseconds);
        LastServerDate = response.Headers.Date ?? LastServerDate;
        return new SalesforceResponse((int)response.StatusCode, text, response.Headers, resource);
    }

    /// <summary>Sends through the pipeline; counts the call here when a host's pipeline left out the attempt handler.</summary>
    private async Task<HttpResponseMessage> SendCountedAsync(HttpRequestMessage request, SalesforceCall call, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new TaskCanceledException($"Salesforce did not answer within {_options.RequestTimeout.TotalSeconds:0.###} s.", e);
        }

        if (call.Attempts == 0)
        {
            _usage.CountRequest(call.Kind);
            ReadLimitInfo(response);
        }

        return response;
    }

    private void ReadLimitInfo(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Sforce-Limit-Info", out var values))
        {
            return;
        }

        var match = ApiUsage().Match(string.Join(';', values));
        if (!match.Success)
        {
            return;
        }

        var used = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var limit = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        lock (_authLock)
        {
            _startUsed ??= used;
            _lastUsed = used;
            _limit = limit;
        }
    }

    /// <summary>Stops before the run uses more than its share of the calls that remained when it started.</summary>
    private void CheckBudget()
    {
        int? start, used, limit;
        lock (_authLock)
        {
            (start, used, limit) = (_startUsed, _lastUsed, _limit);
        }

        if (start is null || used is null || limit is null)
        {
            return;
        }

        // Salesforce lets an org run past its allocation for a while (usage 15010/15000 is legal): nothing remains then.
        var remaining = Math.Max(0, limit.Value - start.Value);
        var budget = (int)Math.Floor(remaining * _options.ApiBudgetShare);
        if (used.Value - start.Value >= budget)
        {
            var message = remaining == 0
                ? $"The run's API budget is 0 calls: the org had used {start}/{limit} of its daily API allocation when the run started (Salesforce lets usage run past the allocation), so nothing remained for this run. The run stopped at its last checkpoint; run it again when the 24-hour window allows."
                : $"The run's API budget is spent: {used.Value - start.Value} calls used of {budget} allowed ({_options.ApiBudgetShare:P0} of the {remaining} remaining of the daily allocation at the start; org usage {used}/{limit}). The run stopped at its last checkpoint; raise ApiBudgetShare or run again later.";
            throw new SalesforceLimitExceededException(message, isBudgetGuard: true, used, limit);
        }
    }

    /// <summary>Gets a new token unless another caller already replaced <paramref name="staleToken"/>.</summary>
    public async Task AuthenticateAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _authLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_accessToken is not null && _accessToken != staleToken && _instanceUrl is not null)
            {
                return;
            }

            var flow = _options.EffectiveFlow;
            if (flow == SalesforceAuthFlow.AccessToken)
            {
                throw SalesforceFailure.Create("The given access token is invalid or expired; supply a new one (AccessToken).", 401, "INVALID_SESSION_ID", "/services/oauth2/token");
            }

            var form = new Dictionary<string, string>();
            switch (flow)
            {
                case SalesforceAuthFlow.ClientCredentials:
                    form["grant_type"] = "client_credentials";
                    form["client_id"] = _options.ClientId!;
                    form["client_secret"] = _options.ClientSecret!;
                    break;
                case SalesforceAuthFlow.Password:
                    form["grant_type"] = "password";
                    form["client_id"] = _options.ClientId!;
                    form["client_secret"] = _options.ClientSecret!;
                    form["username"] = _options.Username!;
                    form["password"] = _options.Password!;
                    break;
                default:
                    form["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer";
                    form["assertion"] = CreateAssertion();
                    break;
            }

            var tokenUri = new Uri(_options.LoginUrl!, "/services/oauth2/token");
            using var content = new FormUrlEncodedContent(form);
            using var request = new HttpRequestMessage(HttpMethod.Post, tokenUri) { Content = content };
            _usage.CountTokenRequest();
            using var http = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await http.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var response = new SalesforceResponse((int)http.StatusCode, text, http.Headers, tokenUri.AbsolutePath);
            if (!response.IsSuccess)
            {
                var (code, message) = response.Error();
                throw SalesforceFailure.Create($"Salesforce authentication ({flow}) failed: {response.Status} {code}: {message}", response.Status, code, tokenUri.AbsolutePath);
            }

            var json = response.Json()!;
            _accessToken = json["access_token"]!.GetValue<string>();
            var instance = new Uri(json["instance_url"]!.GetValue<string>());
            if (!_options.IsAllowedHost(instance) || (instance.Scheme != Uri.UriSchemeHttps && !instance.IsLoopback))
            {
                // The token would be sent there with every request: only to Salesforce's own domains or an allowed host.
                throw SalesforceFailure.Create($"Salesforce authentication returned the instance URL host '{instance.IdnHost}', which is not a Salesforce domain nor in AllowedHosts; no request was sent there.", response.Status, "INSTANCE_URL_NOT_ALLOWED", tokenUri.AbsolutePath);
            }

            _instanceUrl = instance;
            _logger.LogInformation("Salesforce authenticated with the {Flow} flow.", flow);
        }
        finally
        {
            _authLock.Release();
        }
    }

    private string CreateAssertion()
    {
        using var certificate = _options.JwtCertificate is null
            ? X509CertificateLoader.LoadPkcs12FromFile(_options.JwtCertificatePath!, _options.JwtCertificatePassword)
            : null;
        var cert = _options.JwtCertificate ?? certificate!;
        using var rsa = cert.GetRSAPrivateKey() ?? throw SalesforceFailure.Create("JwtCertificate: the certificate has no RSA private key.");
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\"}"));
        var claims = new JsonObject
        {
            ["iss"] = _options.ClientId,
            ["sub"] = _options.Username,
            ["aud"] = _options.JwtAudience ?? _options.LoginUrl!.GetLeftPart(UriPartial.Authority),
            ["exp"] = _time.GetUtcNow().AddMinutes(3).ToUnixTimeSeconds(),
        };
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Error messages may echo SOQL (with data); keep only the part after the caret position line.</summary>
    private static string? Redact(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var at = message.IndexOf("ERROR at Row", StringComparison.Ordinal);
        return at >= 0 ? message[at..].Split('\n').LastOrDefault() : message;
    }

    [GeneratedRegex(@"api-usage=(\d+)/(\d+)")]
    private static partial Regex ApiUsage();

    [GeneratedRegex(@"\bFROM\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromClause();
}
