using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>
/// A Salesforce org emulator on 127.0.0.1: OAuth, REST (query, sObjects, collections, composite), Bulk API 2.0,
/// limits and API-usage counting, with per-test fault injection. Start with <see cref="StartAsync"/>.
/// </summary>
public sealed class SalesforceEmulator : IAsyncDisposable
{
    /// <summary>The API version the emulator advertises as current.</summary>
    public const string CurrentApiVersion = "62.0";

    // Salesforce sends UTF-8 text as is (日本語 stays readable on the wire).
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly WebApplication _app;
    private readonly SalesforceApi _api;
    private readonly ConcurrentDictionary<string, TokenState> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SalesforceRequestLogEntry> _log = new();
    private readonly Random _random;
    private readonly TimeProvider _time;
    private int _inFlight;

    private sealed class TokenState
    {
        public int Calls;
    }

    private SalesforceEmulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        Org = new SalesforceOrg(time);
        _random = new Random(Faults.Seed);
        _api = new SalesforceApi(Org, Faults, NextRandom);
    }

    /// <summary>The base URL (login URL and instance URL at once), e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The in-memory org.</summary>
    public SalesforceOrg Org { get; }

    /// <summary>Fault injection settings; change them at any time.</summary>
    public SalesforceFaults Faults { get; } = new();

    /// <summary>The connected app's consumer key.</summary>
    public string ClientId { get; init; } = "3MVG9PartnerKarteEmulatorClientId";

    /// <summary>The connected app's consumer secret.</summary>
    public string ClientSecret { get; init; } = "emulator-client-secret-0123456789";

    /// <summary>The integration user's username (password and JWT flows).</summary>
    public string Username { get; init; } = "integration@partnerkarte.example";

    /// <summary>The integration user's password plus security token (password flow).</summary>
    public string Password { get; init; } = "emulator-password-token";

    /// <summary>The certificate whose public key verifies JWT bearer assertions.</summary>
    public X509Certificate2? JwtCertificate { get; set; }

    /// <summary>API calls counted toward the daily usage (what <c>Sforce-Limit-Info</c> reports).</summary>
    public int ApiCallCount
    {
        get
        {
            lock (Org.Sync)
            {
                return _api.ApiUsed;
            }
        }
    }

    /// <summary>Every request answered, in order.</summary>
    public IReadOnlyList<SalesforceRequestLogEntry> RequestLog => _log.ToArray();

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    /// <param name="port">The port, 0 for a free one.</param>
    /// <param name="time">The clock for record timestamps (system clock when omitted).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<SalesforceEmulator> StartAsync(int port = 0, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(System.Net.IPAddress.Loopback, port);
            o.Limits.MaxRequestBodySize = 200 * 1024 * 1024;
        });
        var app = builder.Build();
        var emulator = new SalesforceEmulator(app, time ?? TimeProvider.System);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return emulator;
    }

    /// <summary>Issues a valid access token without an OAuth round trip (the "given access token" mode).</summary>
    /// <returns>The token.</returns>
    public string IssueAccessToken()
    {
        var token = Org.OrganizationId[..15] + "!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)).Replace('+', '.').Replace('/', '_');
        _tokens[token] = new TokenState();
        return token;
    }

    /// <summary>Issues a refresh token accepted by the refresh_token grant.</summary>
    /// <returns>The token.</returns>
    public string IssueRefreshToken()
    {
        var token = "5Aep" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _refreshTokens[token] = true;
        return token;
    }

    /// <summary>Invalidates every access token (the next call gets 401 INVALID_SESSION_ID).</summary>
    public void ExpireSessions() => _tokens.Clear();

    /// <summary>Counts logged requests of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public int CountCalls(SalesforceApiCallKind kind) => _log.Count(e => e.Kind == kind);

    /// <summary>Sets the org's API usage in the 24-hour window (as if other integrations had made the calls).</summary>
    /// <param name="used">Calls used; may exceed <see cref="SalesforceFaults.DailyApiLimit"/>.</param>
    public void SetApiUsage(int used)
    {
        lock (Org.Sync)
        {
            _api.ApiUsed = used;
        }
    }

    /// <summary>Clears the request log and the API usage counter (between phases of a test).</summary>
    public void ResetCounters()
    {
        _log.Clear();
        lock (Org.Sync)
        {
            _api.ApiUsed = 0;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private double NextRandom()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var path = request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        EmulatorResponse response;
        var counted = false;
        if (segments.Count >= 2 && segments[0] == "services" && segments[1] == "oauth2")
        {
            response = segments.Count == 3 && segments[2] == "token" && request.Method == "POST" ? Token(request, body)
                : segments.Count == 3 && segments[2] == "revoke" ? Revoke(body)
                : EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
            response.Kind = SalesforceApiCallKind.Auth;
        }
        else if (segments.Count == 2 && segments[0] == "services" && segments[1] == "data")
        {
            response = Versions();
            response.Kind = SalesforceApiCallKind.Metadata;
        }
        else if (segments.Count == 3 && segments[0] == "id")
        {
            response = Identity(request, segments[1], segments[2]);
            response.Kind = SalesforceApiCallKind.Metadata;
        }
        else if (segments.Count >= 3 && segments[0] == "services" && segments[1] == "data" && segments[2].StartsWith('v')
            && double.TryParse(segments[2].AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            var emulatorRequest = new EmulatorRequest(request.Method, segments.Skip(3).ToList(), query, body, h => request.Headers[h].FirstOrDefault());
            (response, counted) = await ApiAsync(request, emulatorRequest, segments[2][1..], context.RequestAborted).ConfigureAwait(false);
            if (!counted && response.Kind == SalesforceApiCallKind.Other)
            {
                response.Kind = SalesforceApi.KindOf(emulatorRequest);
            }
        }
        else
        {
            response = EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        _log.Enqueue(new SalesforceRequestLogEntry(request.Method, path + request.QueryString, response.Status, response.Kind, counted) { RecordTypes = RecordTypes(path, body), Records = (response.Json as JsonObject)?["records"] is JsonArray served ? served.Count : 0 });
        if (Faults.ObjectErrorBodies && response.Status >= 400 && response.Json is JsonArray { Count: 1 } errors && errors[0] is JsonObject single && single["errorCode"] is not null)
        {
            var unwrapped = new EmulatorResponse { Status = response.Status, Json = single.DeepClone(), ContentType = response.ContentType, Kind = response.Kind };
            foreach (var (name, value) in response.Headers)
            {
                unwrapped.Headers[name] = value;
            }

            response = unwrapped;
        }

        await WriteAsync(context, response).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> RecordTypes(string path, string body)
    {
        if (!path.Contains("/composite/sobjects", StringComparison.Ordinal) || body.Length == 0 || body[0] != '{')
        {
            return [];
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?["records"] is System.Text.Json.Nodes.JsonArray records
                ? records.Select(r => r?["attributes"]?["type"]?.ToString()).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private async Task<(EmulatorResponse Response, bool Counted)> ApiAsync(HttpRequest http, EmulatorRequest request, string version, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            if (Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Faults.Latency, cancellationToken).ConfigureAwait(false);
            }

            if (Faults.MaxConcurrentRequests is { } max && inFlight > max)
            {
                return (WithUsage(EmulatorResponse.Error(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.")), false);
            }

            var auth = http.Headers.Authorization.FirstOrDefault();
            if (auth is null || !auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return (EmulatorResponse.Error(401, "INVALID_AUTH_HEADER", "INVALID_HEADER_TYPE"), false);
            }

            var token = auth["Bearer ".Length..].Trim();
            if (!_tokens.TryGetValue(token, out var state))
            {
                return (EmulatorResponse.Error(401, "INVALID_SESSION_ID", "Session expired or invalid"), false);
            }

            lock (Org.Sync)
            {
                if (Faults.SessionExpiresAfterCalls is { } expiry && state.Calls >= expiry)
                {
                    _tokens.TryRemove(token, out _);
                    return (EmulatorResponse.Error(401, "INVALID_SESSION_ID", "Session expired or invalid"), false);
                }

                if (_api.ApiUsed >= Faults.DailyApiLimit + Faults.DailyApiOverage || _api.ApiUsed >= Faults.ExhaustDailyLimitAfterCalls)
                {
                    return (WithUsage(EmulatorResponse.Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), false);
                }

                if (Faults.ServerUnavailableRate > 0 && NextRandom() < Faults.ServerUnavailableRate)
                {
                    var unavailable = WithUsage(EmulatorResponse.Error(503, "SERVER_UNAVAILABLE", "Server Unavailable"));
                    if (Faults.RetryAfterSeconds is { } seconds)
                    {
                        unavailable.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
                    }

                    return (unavailable, false);
                }

                if (Faults.LockRowRate > 0 && request.Segments.Count >= 3 && request.Segments[0] == "sobjects"
                    && request.Method is "POST" or "PATCH" or "DELETE" && NextRandom() < Faults.LockRowRate)
                {
                    return (WithUsage(EmulatorResponse.Error(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records")), false);
                }

                _api.ApiUsed++;
                state.Calls++;
                return (WithUsage(_api.Dispatch(request, version)), true);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private EmulatorResponse WithUsage(EmulatorResponse response)
    {
        response.Headers["Sforce-Limit-Info"] = string.Create(CultureInfo.InvariantCulture, $"api-usage={_api.ApiUsed}/{Faults.DailyApiLimit}");
        return response;
    }

    private static async Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Status == 204)
        {
            return;
        }

        string? text = response.Json is not null ? response.Json.ToJsonString(WireJson) : response.Text;
        if (text is null && response.Status is 201 or 200 && response.ContentType.StartsWith("application/json", StringComparison.Ordinal) && response.Json is null)
        {
            if (response.Status == 201)
            {
                return; // bulk upload: 201 with an empty body
            }

            text = "null";
        }

        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(text ?? string.Empty, context.RequestAborted).ConfigureAwait(false);
    }

    private static EmulatorResponse Versions()
    {
        var list = new JsonArray();
        foreach (var (label, version) in new[] { ("Winter '24", "59.0"), ("Spring '24", "60.0"), ("Summer '24", "61.0"), ("Winter '25", "62.0") })
        {
            list.Add(new JsonObject { ["label"] = label, ["url"] = $"/services/data/v{version}", ["version"] = version });
        }

        return EmulatorResponse.Ok(list);
    }

    private EmulatorResponse Identity(HttpRequest request, string orgId, string userId)
    {
        var auth = request.Headers.Authorization.FirstOrDefault();
        var token = auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..] : request.Query["oauth_token"].FirstOrDefault();
        if (token is null || !_tokens.ContainsKey(token))
        {
            return EmulatorResponse.Error(403, "Bad_OAuth_Token", "Bad_OAuth_Token");
        }

        return EmulatorResponse.Ok(new JsonObject
        {
            ["id"] = new Uri(BaseUrl, $"/id/{orgId}/{userId}").ToString(),
            ["user_id"] = userId,
            ["organization_id"] = orgId,
            ["username"] = Username,
            ["display_name"] = "Integration User",
            ["active"] = true,
        });
    }

    private static EmulatorResponse OAuthError(int status, string error, string description) =>
        new() { Status = status, Json = new JsonObject { ["error"] = error, ["error_description"] = description } };

    private EmulatorResponse Revoke(string body)
    {
        var form = ParseForm(body);
        if (form.TryGetValue("token", out var token))
        {
            _tokens.TryRemove(token, out _);
            _refreshTokens.TryRemove(token, out _);
        }

        return new EmulatorResponse { Status = 200, Text = string.Empty };
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            form[Uri.UnescapeDataString(kv[0].Replace('+', ' '))] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : string.Empty;
        }

        return form;
    }

    private EmulatorResponse Token(HttpRequest request, string body)
    {
        var form = ParseForm(body);
        var basic = request.Headers.Authorization.FirstOrDefault();
        if (basic is not null && basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..].Trim())).Split(':', 2);
            form.TryAdd("client_id", Uri.UnescapeDataString(decoded[0]));
            form.TryAdd("client_secret", decoded.Length > 1 ? Uri.UnescapeDataString(decoded[1]) : string.Empty);
        }

        var grant = form.GetValueOrDefault("grant_type");
        bool ClientOk() => form.GetValueOrDefault("client_id") == ClientId && form.GetValueOrDefault("client_secret") == ClientSecret;
        switch (grant)
        {
            case "client_credentials":
                if (form.GetValueOrDefault("client_id") != ClientId)
                {
                    return OAuthError(400, "invalid_client_id", "client identifier invalid");
                }

                return ClientOk() ? Issue(refresh: false) : OAuthError(400, "invalid_client", "invalid client credentials");
            case "password":
                if (!ClientOk())
                {
                    return OAuthError(400, "invalid_client", "invalid client credentials");
                }

                return form.GetValueOrDefault("username") == Username && form.GetValueOrDefault("password") == Password
                    ? Issue(refresh: false)
                    : OAuthError(400, "invalid_grant", "authentication failure");
            case "refresh_token":
                if (form.GetValueOrDefault("client_id") != ClientId)
                {
                    return OAuthError(400, "invalid_client_id", "client identifier invalid");
                }

                return form.TryGetValue("refresh_token", out var refresh) && _refreshTokens.ContainsKey(refresh)
                    ? Issue(refresh: false)
                    : OAuthError(400, "invalid_grant", "expired access/refresh token");
            case "urn:ietf:params:oauth:grant-type:jwt-bearer":
                var problem = CheckAssertion(form.GetValueOrDefault("assertion"));
                return problem is null ? Issue(refresh: false) : OAuthError(400, "invalid_grant", problem);
            default:
                return OAuthError(400, "unsupported_grant_type", "grant type not supported");
        }
    }

    private string? CheckAssertion(string? assertion)
    {
        var parts = assertion?.Split('.');
        if (parts is not { Length: 3 })
        {
            return "invalid assertion";
        }

        try
        {
            var header = JsonNode.Parse(Base64Url(parts[0]));
            if (header?["alg"]?.GetValue<string>() != "RS256")
            {
                return "invalid assertion";
            }

            if (JwtCertificate?.GetRSAPublicKey() is not { } rsa
                || !rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "invalid assertion";
            }

            var claims = JsonNode.Parse(Base64Url(parts[1]))!;
            if (claims["iss"]?.GetValue<string>() != ClientId)
            {
                return "invalid client identifier";
            }

            if (claims["sub"]?.GetValue<string>() != Username)
            {
                return "user hasn't approved this consumer";
            }

            var aud = claims["aud"]?.GetValue<string>()?.TrimEnd('/');
            if (aud != BaseUrl.ToString().TrimEnd('/') && aud is not ("https://login.salesforce.com" or "https://test.salesforce.com"))
            {
                return "audience is invalid";
            }

            var exp = claims["exp"]?.GetValue<long>() ?? 0;
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            return exp < now ? "expired authorization code" : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or CryptographicException)
        {
            return "invalid assertion";
        }
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    private EmulatorResponse Issue(bool refresh)
    {
        var token = IssueAccessToken();
        var issuedAt = _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var instance = BaseUrl.ToString().TrimEnd('/');
        var json = new JsonObject
        {
            ["access_token"] = token,
            ["instance_url"] = instance,
            ["id"] = $"{instance}/id/{Org.OrganizationId}/{Org.UserId}",
            ["token_type"] = "Bearer",
            ["issued_at"] = issuedAt,
            ["signature"] = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientSecret), Encoding.UTF8.GetBytes(instance + issuedAt))),
            ["scope"] = "api",
        };
        if (refresh)
        {
            json["refresh_token"] = IssueRefreshToken();
        }

        return EmulatorResponse.Ok(json);
    }
}
