using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// Settings of the Dataverse connector: where the environment is, how to authenticate, and how hard to push it.
/// Bind from configuration (<c>PartnerKarte:Dataverse</c>) or set <see cref="ConnectionString"/>; call <see cref="Validate"/> at startup.
/// </summary>
public sealed class DataverseOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Dataverse";

    /// <summary>
    /// A connection string in the form ServiceClient users know, e.g.
    /// <c>AuthType=ClientSecret;Url=https://contoso.crm7.dynamics.com;ClientId=…;ClientSecret=…;TenantId=…</c>.
    /// Values it sets override the separate properties.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The environment URL, e.g. <c>https://contoso.crm7.dynamics.com/</c>. https is required except on loopback.</summary>
    public Uri? EnvironmentUrl { get; set; }

    /// <summary>The Entra tenant id or domain. When empty it is discovered from the environment's 401 challenge.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id registered as an application user in the environment.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (client-credentials flow).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A certificate with a private key, used instead of a secret (signed client assertion).</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Path of a PFX file to load <see cref="ClientCertificate"/> from.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>Password of <see cref="ClientCertificatePath"/>.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>
    /// An Azure.Identity credential to take tokens from (e.g. <c>ManagedIdentityCredential</c>, <c>WorkloadIdentityCredential</c>,
    /// <c>DefaultAzureCredential</c>); when set, no secret or certificate is needed. Without it a <c>ClientSecretCredential</c> or
    /// <c>ClientCertificateCredential</c> is built from <see cref="ClientId"/> and the secret or certificate.
    /// </summary>
    public Azure.Core.TokenCredential? Credential { get; set; }

    /// <summary>A ready access token (for tools that already hold one); no renewal is possible with it.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The authority host; the token endpoint is <c>{AuthorityHost}{TenantId}/oauth2/v2.0/token</c>.</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>
    /// Hosts other than Microsoft's own that <see cref="EnvironmentUrl"/> or <see cref="AuthorityHost"/> may name
    /// (e.g. <c>dataverse.example-proxy.co.jp</c> or <c>*.example-proxy.co.jp</c>). Microsoft's own are always allowed:
    /// <c>*.dynamics.com</c> (and the sovereign clouds' <c>*.dynamics.cn</c>, <c>*.microsoftdynamics.us</c>,
    /// <c>*.appsplatform.us</c>) for environments, the Microsoft Entra login hosts for the authority, and loopback.
    /// Empty by default, so a stray configuration file cannot send a secret or token to another host.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>Renew a cached token this long before it expires.</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Enrichment records per <c>$batch</c> request, 1..1000.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Upper bound on concurrent requests; the service's <c>x-ms-dop-hint</c> lowers it further.</summary>
    [Range(1, 52)]
    public int MaxParallelism { get; set; } = 4;

    /// <summary>Rows per query page (<c>Prefer: odata.maxpagesize</c>), 1..5000.</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>Read changes through Dataverse change tracking on tables that have it enabled; otherwise by <c>modifiedon</c> and id.</summary>
    public bool UseChangeTracking { get; set; } = true;

    /// <summary>Retries of one request after 429 (waiting exactly Retry-After) or 502/503/504 (backing off).</summary>
    [Range(0, 50)]
    public int MaxRetries { get; set; } = 8;

    /// <summary>First back-off delay after a 503 without Retry-After; doubles per attempt.</summary>
    public TimeSpan ServiceUnavailableBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Timeout of one HTTP request. A request that times out is retried like a 503 (up to <see cref="MaxRetries"/>); when
    /// every attempt times out the call fails with a <see cref="TimeoutException"/>.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Timeout of opening a connection (applies to the HttpClient the connector creates itself).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Retries when the environment cannot be reached at all (connection refused, unknown host), backing off from
    /// <see cref="ServiceUnavailableBaseDelay"/>. Kept small: such a failure is a wrong URL or a network problem, and with the
    /// defaults the call fails within a minute.
    /// </summary>
    [Range(0, 10)]
    public int UnreachableRetries { get; set; } = 2;

    /// <summary>Table and column names; defaults to the pk_ columns of the PartnerKarte solution.</summary>
    public DataverseMapping Mapping { get; set; } = new();

    /// <summary>Applies <see cref="ConnectionString"/> and loads the certificate file, then checks every setting.</summary>
    /// <exception cref="DataverseConfigurationException">A setting is missing or invalid; the message names it.</exception>
    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            DataverseConnectionString.Apply(ConnectionString, this);
        }

        // The attributes on the properties (source-generated), then the rules across them below; messages without the section
        // prefix here, DataverseOptionsValidator adds it.
        var problems = DataverseOptionsAnnotations.Keyed.Validate(null, this).Failures?
            .Select(f => f.StartsWith(SectionName + ":", StringComparison.Ordinal) ? f[(SectionName.Length + 1)..] : f).ToList() ?? [];
        if (EnvironmentUrl is null)
        {
            problems.Add($"{nameof(EnvironmentUrl)} is required (e.g. https://contoso.crm7.dynamics.com/).");
        }
        else if (!EnvironmentUrl.IsAbsoluteUri || (EnvironmentUrl.Scheme != Uri.UriSchemeHttps && !EnvironmentUrl.IsLoopback))
        {
            problems.Add($"{nameof(EnvironmentUrl)} must be an absolute https URL (http is allowed only on loopback).");
        }

        if (AuthorityHost.Scheme != Uri.UriSchemeHttps && !AuthorityHost.IsLoopback)
        {
            problems.Add($"{nameof(AuthorityHost)} must be https (http is allowed only on loopback).");
        }

        if (EnvironmentUrl is { IsAbsoluteUri: true } env && !IsAllowed(env, EnvironmentDomains))
        {
            problems.Add($"{nameof(EnvironmentUrl)}: the host '{env.IdnHost}' is not a Dataverse domain (*.dynamics.com); to send tokens there, add it to {nameof(AllowedHosts)}.");
        }

        if (AuthorityHost.IsAbsoluteUri && !IsAllowed(AuthorityHost, AuthorityHosts))
        {
            problems.Add($"{nameof(AuthorityHost)}: the host '{AuthorityHost.IdnHost}' is not a Microsoft Entra login host (login.microsoftonline.com); to send credentials there, add it to {nameof(AllowedHosts)}.");
        }

        if (ClientCertificate is null && !string.IsNullOrWhiteSpace(ClientCertificatePath))
        {
            try
            {
                ClientCertificate = X509CertificateLoader.LoadPkcs12FromFile(ClientCertificatePath, ClientCertificatePassword);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                problems.Add($"{nameof(ClientCertificatePath)} could not be loaded as a PFX file: {e.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(AccessToken) && Credential is null)
        {
            if (string.IsNullOrWhiteSpace(ClientId))
            {
                problems.Add($"{nameof(ClientId)} is required unless {nameof(AccessToken)} or {nameof(Credential)} is given.");
            }

            if (string.IsNullOrWhiteSpace(ClientSecret) && ClientCertificate is null)
            {
                problems.Add($"{nameof(ClientSecret)} or {nameof(ClientCertificate)} ({nameof(ClientCertificatePath)}) is required unless {nameof(AccessToken)} or {nameof(Credential)} is given.");
            }

            if (ClientCertificate is { HasPrivateKey: false })
            {
                problems.Add($"{nameof(ClientCertificate)} has no private key.");
            }
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{nameof(RequestTimeout)} must be positive; it is {RequestTimeout}.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(ConnectTimeout)} must be positive; it is {ConnectTimeout}.");
        }

        if (TokenRenewalMargin < TimeSpan.Zero)
        {
            problems.Add($"{nameof(TokenRenewalMargin)} must not be negative.");
        }

        problems.AddRange(Mapping.Validate());
        if (problems.Count > 0)
        {
            throw new DataverseConfigurationException(problems);
        }
    }

    private static readonly string[] EnvironmentDomains = ["*.dynamics.com", "*.dynamics.cn", "*.microsoftdynamics.us", "*.appsplatform.us"];

    private static readonly string[] AuthorityHosts = ["login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn"];

    private bool IsAllowed(Uri url, IEnumerable<string> microsoft)
    {
        if (url.IsLoopback)
        {
            return true;
        }

        var host = url.IdnHost.ToLowerInvariant();
        return microsoft.Concat(AllowedHosts.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim().ToLowerInvariant()))
            .Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.Ordinal) || host == pattern[2..]
                : host == pattern);
    }
}
