using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>Options of the Salesforce connector (configuration section <c>PartnerKarte:Salesforce</c>).</summary>
public sealed class SalesforceOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Salesforce";

    /// <summary>The OAuth login host: the org's My Domain URL (required for client credentials), or the login/test host.</summary>
    public Uri? LoginUrl { get; set; }

    /// <summary>The org's instance URL; required with <see cref="AccessToken"/>, otherwise taken from the token response.</summary>
    public Uri? InstanceUrl { get; set; }

    /// <summary>The authentication flow (Auto picks one from the options given).</summary>
    public SalesforceAuthFlow AuthFlow { get; set; }

    /// <summary>The connected app's consumer key.</summary>
    public string? ClientId { get; set; }

    /// <summary>The connected app's consumer secret (client credentials and password flows).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The integration user's username (password and JWT flows).</summary>
    public string? Username { get; set; }

    /// <summary>Password plus security token (password flow).</summary>
    public string? Password { get; set; }

    /// <summary>A ready access token (with <see cref="InstanceUrl"/>).</summary>
    public string? AccessToken { get; set; }

    /// <summary>The certificate with private key for the JWT bearer flow.</summary>
    public X509Certificate2? JwtCertificate { get; set; }

    /// <summary>Path of a PKCS#12 file with the JWT certificate and key (alternative to <see cref="JwtCertificate"/>).</summary>
    public string? JwtCertificatePath { get; set; }

    /// <summary>Password of <see cref="JwtCertificatePath"/>.</summary>
    public string? JwtCertificatePassword { get; set; }

    /// <summary>The JWT audience; defaults to the login URL.</summary>
    public string? JwtAudience { get; set; }

    /// <summary>REST API version, without the "v" (default 62.0, Winter '25).</summary>
    [Required]
    [RegularExpression(@"^\d{2,3}\.0$", ErrorMessage = "{0} must look like 62.0 (no 'v').")]
    public string ApiVersion { get; set; } = "62.0";

    /// <summary>Enrichment writes of at least this many records go through Bulk API 2.0, smaller ones through sObject Collections.</summary>
    [Range(1, int.MaxValue)]
    public int BulkThreshold { get; set; } = 10_000;

    /// <summary>Query page size requested with <c>Sforce-Query-Options</c> (200..2000).</summary>
    [Range(200, 2000)]
    public int QueryBatchSize { get; set; } = 2000;

    /// <summary>Share (0..1] of the daily API calls remaining at the start of a run that one run may use; the run stops cleanly beyond it.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double ApiBudgetShare { get; set; } = 0.5;

    /// <summary>Retries of a transient failure (503, 502, 504, 500 UNKNOWN_EXCEPTION, 429, concurrent-request limit, lock errors).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>Base delay of the jittered exponential backoff.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one HTTP attempt; an attempt that times out is retried like a 503 (infinite: no timeout).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Interval between Bulk API 2.0 job status polls.</summary>
    public TimeSpan BulkPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Give up waiting for a Bulk API 2.0 job after this long.</summary>
    public TimeSpan BulkTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Enrichment target fields.</summary>
    public SalesforceEnrichmentFields Fields { get; set; } = new();

    /// <summary>
    /// Hosts other than Salesforce's own (<c>*.salesforce.com</c>, <c>*.force.com</c>) and loopback that the login and
    /// instance URLs may name, e.g. <c>login.example-proxy.co.jp</c> or <c>*.example-proxy.co.jp</c>. Empty by default:
    /// credentials are never sent to a host that a stray configuration file names unless it is allowed here explicitly.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>Whether credentials may be sent to <paramref name="url"/>: Salesforce's own domains, loopback, or <see cref="AllowedHosts"/>.</summary>
    /// <param name="url">The login or instance URL.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool IsAllowedHost(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsLoopback)
        {
            return true;
        }

        var host = url.IdnHost.ToLowerInvariant();
        return Matches(host, "*.salesforce.com") || Matches(host, "*.force.com")
            || AllowedHosts.Any(a => !string.IsNullOrWhiteSpace(a) && Matches(host, a.Trim().ToLowerInvariant()));

        static bool Matches(string host, string pattern) => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.Ordinal) || host == pattern[2..]
            : host == pattern;
    }

    /// <summary>
    /// Checks the options with the rules a host validates at startup (the attributes on the properties and the rules across
    /// them); returns one message per problem, each naming the configuration key (<c>PartnerKarte:Salesforce:QueryBatchSize …</c>).
    /// </summary>
    /// <returns>The problems (empty when valid).</returns>
    public IReadOnlyList<string> Validate() => SalesforceOptionsAnnotations.Keyed.Validate(null, this).Failures?.ToList() ?? [];

    /// <summary>The rules across fields (authentication flow, hosts, https); each message starts with the option's name.</summary>
    internal IReadOnlyList<string> CrossFieldProblems()
    {
        var problems = new List<string>();
        var flow = EffectiveFlow;
        void Https(Uri? url, string name)
        {
            if (url is not null && url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            {
                problems.Add($"{name}: '{url}' must use https (plain http is allowed only for loopback emulators).");
            }
        }

        void Allowed(Uri? url, string name)
        {
            if (url is not null && url.IsAbsoluteUri && !IsAllowedHost(url))
            {
                problems.Add($"{name}: the host '{url.IdnHost}' is not a Salesforce domain (*.salesforce.com, *.force.com); to send credentials there, add it to {nameof(AllowedHosts)}.");
            }
        }

        Https(LoginUrl, nameof(LoginUrl));
        Https(InstanceUrl, nameof(InstanceUrl));
        if (flow != SalesforceAuthFlow.AccessToken)
        {
            Allowed(LoginUrl, nameof(LoginUrl)); // with a ready access token nothing is sent to the login host
        }

        Allowed(InstanceUrl, nameof(InstanceUrl));
        if (flow == SalesforceAuthFlow.AccessToken)
        {
            if (InstanceUrl is null)
            {
                problems.Add($"{nameof(InstanceUrl)}: required with {nameof(AccessToken)}.");
            }

            if (string.IsNullOrWhiteSpace(AccessToken))
            {
                problems.Add($"{nameof(AccessToken)}: required for the AccessToken flow.");
            }
        }
        else
        {
            if (LoginUrl is null)
            {
                problems.Add($"{nameof(LoginUrl)}: required (the My Domain URL) unless {nameof(InstanceUrl)} and {nameof(AccessToken)} are given.");
            }

            if (string.IsNullOrWhiteSpace(ClientId))
            {
                problems.Add($"{nameof(ClientId)}: required for the {flow} flow.");
            }

            if (flow is SalesforceAuthFlow.ClientCredentials or SalesforceAuthFlow.Password && string.IsNullOrWhiteSpace(ClientSecret))
            {
                problems.Add($"{nameof(ClientSecret)}: required for the {flow} flow.");
            }

            if (flow is SalesforceAuthFlow.Password or SalesforceAuthFlow.JwtBearer && string.IsNullOrWhiteSpace(Username))
            {
                problems.Add($"{nameof(Username)}: required for the {flow} flow.");
            }

            if (flow == SalesforceAuthFlow.Password && string.IsNullOrEmpty(Password))
            {
                problems.Add($"{nameof(Password)}: required for the Password flow.");
            }

            if (flow == SalesforceAuthFlow.JwtBearer && JwtCertificate is null && string.IsNullOrWhiteSpace(JwtCertificatePath))
            {
                problems.Add($"{nameof(JwtCertificate)}/{nameof(JwtCertificatePath)}: required for the JwtBearer flow.");
            }
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{nameof(RequestTimeout)}: must be positive (or infinite).");
        }

        if (string.IsNullOrWhiteSpace(Fields.ExternalId))
        {
            problems.Add("Fields:ExternalId: required.");
        }

        return problems;
    }

    /// <summary>The flow in effect after resolving <see cref="SalesforceAuthFlow.Auto"/>.</summary>
    internal SalesforceAuthFlow EffectiveFlow => AuthFlow != SalesforceAuthFlow.Auto ? AuthFlow
        : !string.IsNullOrEmpty(AccessToken) ? SalesforceAuthFlow.AccessToken
        : JwtCertificate is not null || !string.IsNullOrEmpty(JwtCertificatePath) ? SalesforceAuthFlow.JwtBearer
        : !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password) ? SalesforceAuthFlow.Password
        : SalesforceAuthFlow.ClientCredentials;
}
