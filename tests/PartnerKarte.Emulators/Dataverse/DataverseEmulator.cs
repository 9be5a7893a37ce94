using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>
/// An in-memory Dataverse environment on 127.0.0.1 speaking the Web API (OData v4) and an Entra-style token endpoint,
/// with a call counter, a timestamped request log and per-test fault injection.
/// </summary>
public sealed class DataverseEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DataverseApi _api;
    private readonly ServiceProtection _protection;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly List<RequestLogEntry> _log = [];
    private readonly TimeProvider _time;

    private DataverseEmulator(WebApplication app, DataverseEmulatorOptions options)
    {
        _app = app;
        Options = options;
        _time = options.TimeProvider;
        Store = new DataverseStore(DefaultSchema.Create());
        Faults = new FaultInjection(options.Seed);
        _protection = new ServiceProtection(options.ServiceProtection);
        _api = new DataverseApi(Store, _time, CallerUserId, Guid.NewGuid(), Guid.NewGuid()) { DeltaTokenLifetime = options.DeltaTokenLifetime };
        lock (Store.Gate)
        {
            _api.CreateRow(null, Store.Schema("businessunit")!, RootBusinessUnitId, new JsonObject { ["name"] = "PartnerKarte Emulator" });
            _api.CreateRow(null, Store.Schema("systemuser")!, CallerUserId, new JsonObject
            {
                ["firstname"] = "PartnerKarte",
                ["lastname"] = "Sync",
                ["domainname"] = "partnerkarte-sync@emulator.local",
                ["businessunitid@odata.bind"] = $"/businessunits({RootBusinessUnitId})",
            });
        }
    }

    /// <summary>The options the emulator runs with.</summary>
    public DataverseEmulatorOptions Options { get; }

    /// <summary>The in-memory environment.</summary>
    public DataverseStore Store { get; }

    /// <summary>Faults to inject; change per test.</summary>
    public FaultInjection Faults { get; }

    /// <summary>Service protection limits; change per test.</summary>
    public ServiceProtectionOptions Limits => Options.ServiceProtection;

    /// <summary>The application user the token maps to.</summary>
    public Guid CallerUserId { get; } = Guid.NewGuid();

    /// <summary>The root business unit (the organization's own), which the caller belongs to.</summary>
    public Guid RootBusinessUnitId { get; } = Guid.NewGuid();

    /// <summary>Environment URL, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Web API root, <c>{BaseUri}api/data/v9.2/</c>.</summary>
    public Uri ApiUri => new(BaseUri, DataverseApi.ApiPath);

    /// <summary>Token endpoint, <c>{BaseUri}{tenant}/oauth2/v2.0/token</c>.</summary>
    public Uri TokenUri => new(BaseUri, $"{Options.TenantId}/oauth2/v2.0/token");

    /// <summary>A snapshot of every request seen.</summary>
    public IReadOnlyList<RequestLogEntry> RequestLog
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>
    /// A snapshot of every row served (query pages, change-tracking pages, single retrieves; rows inside an <c>$expand</c>
    /// are not listed), each with the columns it was served with: what a client read, row by row.
    /// </summary>
    public IReadOnlyList<RowServedEntry> RowsServed
    {
        get
        {
            lock (Store.Gate)
            {
                return [.. _api.Served];
            }
        }
    }

    /// <summary>Calls to the Web API (everything except the token endpoint).</summary>
    public int ApiCallCount => RequestLog.Count(e => e.Kind != RequestKind.Token);

    /// <summary>Calls that write: POST/PATCH/DELETE and $batch.</summary>
    public int WriteCallCount => RequestLog.Count(e => e.Kind is RequestKind.Write or RequestKind.Batch);

    /// <summary>$batch calls.</summary>
    public int BatchCallCount => RequestLog.Count(e => e.Kind == RequestKind.Batch);

    /// <summary>Token requests.</summary>
    public int TokenCallCount => RequestLog.Count(e => e.Kind == RequestKind.Token);

    /// <summary>Requests that arrived while an earlier 429's Retry-After had not yet passed.</summary>
    public int RequestsBeforeRetryAfter => RequestLog.Count(e => e.BeforeRetryAfter);

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    public static async Task<DataverseEmulator> StartAsync(DataverseEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DataverseEmulatorOptions();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var emulator = new DataverseEmulator(app, options);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        emulator.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>Stops the emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Makes every change-tracking delta token issued so far expired (as after ExpireChangeTrackingInDays).</summary>
    public void ExpireDeltaTokens()
    {
        lock (Store.Gate)
        {
            _api.DeltaTokensExpiredUpTo = Store.CurrentVersion;
            Store.NextVersion(); // tokens issued from now on differ from the expired ones
        }
    }

    /// <summary>Sets the <c>EntityKeyIndexStatus</c> of every alternate key of a table (Pending, InProgress, Active, Failed).</summary>
    public void SetKeyIndexStatus(string logicalName, string status)
    {
        lock (Store.Gate)
        {
            foreach (var key in Store.Schema(logicalName)!.AlternateKeys)
            {
                key.IndexStatus = status;
            }
        }
    }

    /// <summary>Replaces a column's definition (as an admin deleting and recreating it would); existing values are kept.</summary>
    public void RedefineColumn(string logicalName, AttributeSchema column)
    {
        lock (Store.Gate)
        {
            Store.Schema(logicalName)!.Add(column);
        }
    }

    /// <summary>Makes every issued token invalid, as if it had expired.</summary>
    public void ExpireTokens() => _tokens.Clear();

    /// <summary>Clears the request log and the rows-served log (counters start from zero).</summary>
    public void ResetLog()
    {
        lock (_log)
        {
            _log.Clear();
        }

        lock (Store.Gate)
        {
            _api.Served.Clear();
        }
    }

    /// <summary>Creates a row directly (no HTTP call, not logged), validated like a POST.</summary>
    public Guid Seed(string logicalName, JsonObject values, Guid? id = null)
    {
        lock (Store.Gate)
        {
            var s = Store.Schema(logicalName) ?? throw new ArgumentException($"Unknown table '{logicalName}'.", nameof(logicalName));
            return _api.CreateRow(SeedRequest(), s, id ?? Guid.NewGuid(), values).Id;
        }
    }

    /// <summary>Updates a row directly (no HTTP call), as a PATCH would.</summary>
    public void Update(string logicalName, Guid id, JsonObject values)
    {
        var s = Store.Schema(logicalName)!;
        var request = new ApiRequest
        {
            Method = "PATCH",
            Url = new Uri(ApiUri, $"{s.EntitySetName}({id})"),
            Body = values.ToJsonString(),
        };
        request.Headers["If-Match"] = "*";
        lock (Store.Gate)
        {
            var response = _api.Execute(request);
            if (response.Status >= 400)
            {
                throw new InvalidOperationException(response.Body);
            }
        }
    }

    /// <summary>Deletes a row directly (no HTTP call), as a DELETE would: change tracking then reports it as deleted.</summary>
    public void Delete(string logicalName, Guid id)
    {
        var s = Store.Schema(logicalName)!;
        var request = new ApiRequest { Method = "DELETE", Url = new Uri(ApiUri, $"{s.EntitySetName}({id})") };
        lock (Store.Gate)
        {
            var response = _api.Execute(request);
            if (response.Status >= 400)
            {
                throw new InvalidOperationException(response.Body);
            }
        }
    }

    /// <summary>A copy of one row's values, or null.</summary>
    public JsonObject? Get(string logicalName, Guid id)
    {
        lock (Store.Gate)
        {
            return Store.Find(logicalName, id)?.Values.DeepClone() as JsonObject;
        }
    }

    /// <summary>Copies of all rows of a table, keyed by id.</summary>
    public IReadOnlyDictionary<Guid, JsonObject> Rows(string logicalName)
    {
        lock (Store.Gate)
        {
            return Store.Rows(logicalName).ToDictionary(r => r.Id, r => (JsonObject)r.Values.DeepClone());
        }
    }

    /// <summary>Adds a custom column (as an admin would through EntityDefinitions/Attributes).</summary>
    public void AddColumn(string logicalName, string columnName, string attributeType, int? maxLength = null)
    {
        lock (Store.Gate)
        {
            var s = Store.Schema(logicalName)!;
            var a = new AttributeSchema(columnName, attributeType, MaxLength: maxLength, IsCustom: true);
            s.Add(a);
            foreach (var row in Store.Rows(logicalName))
            {
                row.Values[a.PropertyName] = null;
            }
        }
    }

    /// <summary>Adds an alternate key.</summary>
    public void AddAlternateKey(string logicalName, string schemaName, params string[] columns)
    {
        lock (Store.Gate)
        {
            Store.Schema(logicalName)!.AddKey(new AlternateKeySchema(schemaName, columns));
        }
    }

    private ApiRequest SeedRequest() => new() { Method = "POST", Url = ApiUri };

    private void Log(RequestLogEntry entry)
    {
        lock (_log)
        {
            _log.Add(entry);
        }
    }

    private static RequestKind KindOf(string method, string path) =>
        path.Contains("EntityDefinitions", StringComparison.Ordinal) || path.Contains("$metadata", StringComparison.Ordinal) ? RequestKind.Metadata
        : path.EndsWith("/$batch", StringComparison.Ordinal) ? RequestKind.Batch
        : method == "GET" ? RequestKind.Read
        : RequestKind.Write;

    private async Task HandleAsync(HttpContext ctx)
    {
        var arrived = _time.GetUtcNow();
        var path = ctx.Request.Path.Value ?? "/";
        var rawTarget = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + ctx.Request.QueryString;
        var method = ctx.Request.Method.ToUpperInvariant();

        if (method == "POST" && path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            var tokenStatus = await TokenAsync(ctx, path).ConfigureAwait(false);
            Log(new RequestLogEntry(arrived, _time.GetUtcNow(), method, rawTarget, RequestKind.Token, tokenStatus, null, 0, false));
            return;
        }

        if (!path.StartsWith("/api/data/v9.", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = 404;
            return;
        }

        var kind = KindOf(method, path);
        var auth = ctx.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..].Trim() : null;
        if (token is null || !_tokens.TryGetValue(token, out var expires) || expires <= arrived)
        {
            ctx.Response.Headers.WWWAuthenticate =
                $"Bearer authorization_uri={BaseUri}{Options.TenantId}/oauth2/authorize, resource_id={BaseUri}";
            await WriteAsync(ctx, DataverseApi.Error(401, "0x80072560", "The user is not authenticated: the access token is missing, invalid or expired.")).ConfigureAwait(false);
            Log(new RequestLogEntry(arrived, _time.GetUtcNow(), method, rawTarget, kind, 401, null, 0, false));
            return;
        }

        var rejection = _protection.Enter(arrived);
        if (rejection is null)
        {
            var roll = Faults.Next();
            if (roll < Faults.TooManyRequestsRate)
            {
                _protection.Exit(arrived, arrived);
                rejection = _protection.Block(arrived, Faults.InjectedRetryAfter, "0x80072322", "Number of requests exceeded the limit (injected).");
            }
            else if (roll < Faults.TooManyRequestsRate + Faults.ServiceUnavailableRate)
            {
                _protection.Exit(arrived, arrived);
                await WriteAsync(ctx, DataverseApi.Error(503, "0x80040216", "Service Unavailable (injected).")).ConfigureAwait(false);
                Log(new RequestLogEntry(arrived, _time.GetUtcNow(), method, rawTarget, kind, 503, null, 0, false));
                return;
            }
        }

        if (rejection is not null)
        {
            ctx.Response.Headers.RetryAfter = ((int)rejection.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(ctx, DataverseApi.Error(429, rejection.Code, rejection.Message)).ConfigureAwait(false);
            Log(new RequestLogEntry(arrived, _time.GetUtcNow(), method, rawTarget, kind, 429, rejection.RetryAfter, 0, rejection.BeforeRetryAfter));
            return;
        }

        var operations = 0;
        ApiResponse response;
        try
        {
            if (Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Faults.Latency, _time, ctx.RequestAborted).ConfigureAwait(false);
            }

            string? body = null;
            if (ctx.Request.ContentLength is > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
            {
                using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
                body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
            }

            var request = new ApiRequest
            {
                Method = method,
                Url = new Uri($"{ctx.Request.Scheme}://{ctx.Request.Host}{rawTarget}"),
                Body = body,
            };
            foreach (var h in ctx.Request.Headers)
            {
                request.Headers[h.Key] = string.Join(',', h.Value.ToArray());
            }

            lock (Store.Gate)
            {
                if (kind == RequestKind.Batch && method == "POST")
                {
                    response = _api.ExecuteBatch(request);
                    operations = _api.LastBatchOperationCount;
                }
                else
                {
                    response = _api.Execute(request);
                }
            }

            ctx.Response.Headers["x-ms-dop-hint"] = Options.DegreeOfParallelismHint.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(ctx, response).ConfigureAwait(false);
        }
        finally
        {
            _protection.Exit(arrived, _time.GetUtcNow());
        }

        Log(new RequestLogEntry(arrived, _time.GetUtcNow(), method, rawTarget, kind, response.Status, null, operations, false));
    }

    private static async Task WriteAsync(HttpContext ctx, ApiResponse response)
    {
        ctx.Response.StatusCode = response.Status;
        ctx.Response.Headers["OData-Version"] = "4.0";
        foreach (var h in response.Headers)
        {
            ctx.Response.Headers.Append(h.Key, h.Value);
        }

        if (response.Body is not null)
        {
            ctx.Response.ContentType = response.ContentType ?? "application/json";
            await ctx.Response.WriteAsync(response.Body, Encoding.UTF8).ConfigureAwait(false);
        }
    }

    private async Task<int> TokenAsync(HttpContext ctx, string path)
    {
        var tenant = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted).ConfigureAwait(false) : null;
        string? Field(string name) => form?[name].ToString() is { Length: > 0 } v ? v : null;

        var clientId = Field("client_id");
        var secret = Field("client_secret");
        var basic = ctx.Request.Headers.Authorization.ToString();
        if (basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..].Trim())).Split(':', 2);
            clientId ??= Uri.UnescapeDataString(pair[0]);
            secret ??= pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null;
        }

        async Task<int> Fail(int status, string error, string description)
        {
            ctx.Response.StatusCode = status;
            await ctx.Response.WriteAsJsonAsync(new JsonObject
            {
                ["error"] = error,
                ["error_description"] = description,
                ["error_codes"] = new JsonArray(int.Parse(description[6..description.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture)),
                ["timestamp"] = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["trace_id"] = Guid.NewGuid().ToString(),
                ["correlation_id"] = Guid.NewGuid().ToString(),
            }, ctx.RequestAborted).ConfigureAwait(false);
            return status;
        }

        if (tenant != Options.TenantId)
        {
            return await Fail(400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.").ConfigureAwait(false);
        }

        if (Field("grant_type") != "client_credentials")
        {
            return await Fail(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.").ConfigureAwait(false);
        }

        if (clientId != Options.ClientId)
        {
            return await Fail(400, "unauthorized_client", "AADSTS700016: Application was not found in the directory.").ConfigureAwait(false);
        }

        var assertion = Field("client_assertion");
        var certificateAuth = Field("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            && assertion is not null && assertion.Split('.').Length == 3;
        if (!certificateAuth && secret != Options.ClientSecret)
        {
            return await Fail(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.").ConfigureAwait(false);
        }

        var scope = Field("scope") ?? string.Empty;
        if (!scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            return await Fail(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.").ConfigureAwait(false);
        }

        var token = "eyJ0eXAiOiJKV1QifQ." + Base64Url(RandomNumberGenerator.GetBytes(24)) + "." + Base64Url(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = _time.GetUtcNow() + Options.TokenLifetime;
        var seconds = (int)Options.TokenLifetime.TotalSeconds;
        ctx.Response.StatusCode = 200;
        await ctx.Response.WriteAsJsonAsync(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token,
        }, ctx.RequestAborted).ConfigureAwait(false);
        return 200;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
