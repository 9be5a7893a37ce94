using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// Access tokens for the environment, cached and renewed before expiry; one request at a time; never logged. They come from
/// an Azure.Identity <see cref="TokenCredential"/>: the caller's (<see cref="DataverseOptions.Credential"/>: managed identity,
/// workload identity, …), else a <see cref="ClientSecretCredential"/> or <see cref="ClientCertificateCredential"/> built from the
/// options once the tenant is known. MSAL accepts only https authorities, so for an http authority on loopback (a local
/// emulator) the same client-credentials request is sent directly.
/// </summary>
internal sealed class DataverseTokenProvider(HttpClient http, DataverseOptions options, TimeProvider time, PartnerKarte.Sync.ConnectorUsage? usage = null)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;
    private string? _tenant = options.TenantId;
    private TokenCredential? _credential;

    /// <summary>Whether a rejected token can be replaced (not with a given <see cref="DataverseOptions.AccessToken"/>).</summary>
    public bool CanRenew => string.IsNullOrWhiteSpace(options.AccessToken) || options.Credential is not null;

    /// <summary>Number of token requests made (for diagnostics and tests).</summary>
    public int RequestCount { get; private set; }

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (options.Credential is null && !string.IsNullOrWhiteSpace(options.AccessToken))
        {
            return options.AccessToken;
        }

        var token = _token;
        if (token is not null && time.GetUtcNow() < _expiresAt - options.TokenRenewalMargin)
        {
            return token;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && time.GetUtcNow() < _expiresAt - options.TokenRenewalMargin)
            {
                return _token;
            }

            return await RequestAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Drops a token the service rejected, so the next call fetches a new one.</summary>
    public void Invalidate(string rejected)
    {
        if (_token == rejected)
        {
            _token = null;
        }
    }

    private async Task<string> RequestAsync(CancellationToken cancellationToken)
    {
        if (options.Credential is null)
        {
            _tenant ??= await DiscoverTenantAsync(cancellationToken).ConfigureAwait(false);
        }

        var credential = options.Credential ?? (options.AuthorityHost.Scheme == Uri.UriSchemeHttps ? _credential ??= CreateCredential(_tenant!) : null);
        if (credential is not null)
        {
            var scope = options.EnvironmentUrl!.GetLeftPart(UriPartial.Authority) + "/.default";
            RequestCount++;
            usage?.CountTokenRequest();
            AccessToken access;
            try
            {
                access = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationFailedException e)
            {
                throw DataverseFailure.Create(401, "AUTHENTICATION_FAILED", "Token request failed: " + e.Message);
            }

            _token = access.Token;
            _expiresAt = access.ExpiresOn;
            return _token;
        }

        return await RequestDirectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Azure.Identity credential for the configured secret or certificate, sending through the connector's HttpClient.</summary>
    internal TokenCredential CreateCredential(string tenant)
    {
        var transport = new HttpClientTransport(http);
        if (options.ClientCertificate is { } certificate)
        {
            return new ClientCertificateCredential(tenant, options.ClientId, certificate, new ClientCertificateCredentialOptions { AuthorityHost = options.AuthorityHost, Transport = transport });
        }

        return new ClientSecretCredential(tenant, options.ClientId, options.ClientSecret, new ClientSecretCredentialOptions { AuthorityHost = options.AuthorityHost, Transport = transport });
    }

    private async Task<string> RequestDirectAsync(CancellationToken cancellationToken)
    {
        // Loopback only (Validate refuses a non-https authority elsewhere): a local emulator's token endpoint.
        var endpoint = new Uri(options.AuthorityHost, Uri.EscapeDataString(_tenant!) + "/oauth2/v2.0/token");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId!,
            ["scope"] = options.EnvironmentUrl!.GetLeftPart(UriPartial.Authority) + "/.default",
        };
        if (options.ClientCertificate is { } certificate)
        {
            form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            form["client_assertion"] = ClientAssertion(certificate.GetCertHash(), certificate.GetRSAPrivateKey()!, endpoint);
        }
        else
        {
            form["client_secret"] = options.ClientSecret!;
        }

        var started = time.GetUtcNow();
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
        RequestCount++;
        usage?.CountTokenRequest();
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON: reported below by status.
        }

        if (response.StatusCode != HttpStatusCode.OK || json?["access_token"] is null)
        {
            throw DataverseFailure.Create((int)response.StatusCode, json?["error"]?.ToString() ?? string.Empty,
                "Token request failed: " + (json?["error_description"]?.ToString() ?? response.ReasonPhrase));
        }

        var lifetime = json["expires_in"] is { } e && e.GetValueKind() == JsonValueKind.Number ? e.GetValue<int>() : 3599;
        _token = json["access_token"]!.GetValue<string>();
        _expiresAt = started + TimeSpan.FromSeconds(lifetime);
        return _token;
    }

    /// <summary>Reads the tenant from the environment's 401 challenge (<c>authorization_uri=…/{tenant}/oauth2/authorize</c>).</summary>
    private async Task<string> DiscoverTenantAsync(CancellationToken cancellationToken)
    {
        usage?.CountRequest(PartnerKarte.Sync.ConnectorRequestKinds.Other);
        using var response = await http.GetAsync(new Uri(options.EnvironmentUrl!, "api/data/v9.2/"), cancellationToken).ConfigureAwait(false);

        // Read the raw header: Dataverse sends the values unquoted (authorization_uri=https://…/authorize, resource_id=…),
        // which the typed WWW-Authenticate parser does not accept.
        var raw = response.Headers.TryGetValues("WWW-Authenticate", out var values) ? values : [];
        foreach (var header in raw)
        {
            if (TenantFromChallenge(header) is { } tenant)
            {
                return tenant;
            }
        }

        throw new DataverseConfigurationException([
            $"TenantId is not set and the environment did not name it in its 401 challenge (HTTP {(int)response.StatusCode}); set TenantId."]);
    }

    /// <summary>The tenant in a <c>Bearer authorization_uri=https://login…/{tenant}/oauth2/authorize, resource_id=…</c> challenge.</summary>
    internal static string? TenantFromChallenge(string header)
    {
        var text = header.Trim();
        if (text.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..];
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length == 2 && kv[0].Equals("authorization_uri", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(kv[1].Trim('"'), UriKind.Absolute, out var uri)
                && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var tenant, ..])
            {
                return Uri.UnescapeDataString(tenant);
            }
        }

        return null;
    }

    private string ClientAssertion(byte[] thumbprint, RSA key, Uri audience)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["x5t"] = Base64Url(thumbprint) };
        var payload = new JsonObject
        {
            ["aud"] = audience.ToString(),
            ["iss"] = options.ClientId,
            ["sub"] = options.ClientId,
            ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = now,
            ["exp"] = now + 600,
        };
        var unsigned = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
