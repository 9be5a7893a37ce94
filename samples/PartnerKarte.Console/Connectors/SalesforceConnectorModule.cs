using Microsoft.Extensions.Configuration;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>
/// <c>--connector salesforce</c>: options from the <c>Salesforce</c> configuration section (appsettings.json, or
/// environment variables such as <c>PARTNERKARTE_Salesforce__LoginUrl</c>, <c>PARTNERKARTE_Salesforce__ClientId</c>,
/// <c>PARTNERKARTE_Salesforce__ClientSecret</c>, or <c>PARTNERKARTE_Salesforce__InstanceUrl</c> with
/// <c>PARTNERKARTE_Salesforce__AccessToken</c>), overridden by the flags <c>--instance-url</c> with <c>--access-token</c>,
/// or <c>--login-url</c> with <c>--client-id</c> / <c>--client-secret</c>.
/// </summary>
internal sealed class SalesforceConnectorModule
{
    public const string Section = "PartnerKarte:Salesforce";

    /// <summary>Option name → flag, to name the flag in messages.</summary>
    private static readonly (string Option, string Flag)[] Flags =
    [
        (nameof(SalesforceOptions.InstanceUrl), "--instance-url"),
        (nameof(SalesforceOptions.AccessToken), "--access-token"),
        (nameof(SalesforceOptions.LoginUrl), "--login-url"),
        (nameof(SalesforceOptions.ClientId), "--client-id"),
        (nameof(SalesforceOptions.ClientSecret), "--client-secret"),
    ];


    public static SalesforceConnector Create(ConnectorContext context)
    {
        var options = new SalesforceOptions();
        var section = context.Configuration.Root.GetSection(Section);
        var f = context.Flags;
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Flag(string option, string? value)
        {
            if (value is not null)
            {
                flags[option] = value;
            }
        }

        Flag(nameof(SalesforceOptions.InstanceUrl), f.InstanceUrl ?? f.Url);
        Flag(nameof(SalesforceOptions.AccessToken), f.AccessToken);
        Flag(nameof(SalesforceOptions.LoginUrl), f.LoginUrl);
        Flag(nameof(SalesforceOptions.ClientId), f.ClientId);
        Flag(nameof(SalesforceOptions.ClientSecret), f.ClientSecret);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw CliException.BadInput($"The salesforce connector is misconfigured under \"{Section}\": {e.Message}", e);
        }

        foreach (var (option, flag) in Flags.Where(f => flags.ContainsKey(f.Option)))
        {
            var value = flags[option];
            if (string.IsNullOrWhiteSpace(value))
            {
                throw CliException.BadInput($"{flag}: a value is required.");
            }

            switch (option)
            {
                case nameof(SalesforceOptions.InstanceUrl):
                    options.InstanceUrl = Url(flag, value);
                    break;
                case nameof(SalesforceOptions.LoginUrl):
                    options.LoginUrl = Url(flag, value);
                    break;
                case nameof(SalesforceOptions.AccessToken):
                    options.AccessToken = value;
                    break;
                case nameof(SalesforceOptions.ClientId):
                    options.ClientId = value;
                    break;
                default:
                    options.ClientSecret = value;
                    break;
            }
        }

        // A flag picks the flow: a token given on the command line wins over configured credentials and vice versa.
        if (flags.ContainsKey(nameof(SalesforceOptions.AccessToken)) || flags.ContainsKey(nameof(SalesforceOptions.InstanceUrl)))
        {
            options.AuthFlow = SalesforceAuthFlow.AccessToken;
        }
        else if (flags.Keys.Any(k => k is nameof(SalesforceOptions.LoginUrl) or nameof(SalesforceOptions.ClientId) or nameof(SalesforceOptions.ClientSecret)))
        {
            options.AuthFlow = SalesforceAuthFlow.ClientCredentials;
            options.AccessToken = null;
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            // Name the flag next to each option; never echo a token or secret (Validate does not either).
            var named = problems.Select(p => p.StartsWith(SalesforceOptions.SectionName + ":", StringComparison.Ordinal) ? p[(SalesforceOptions.SectionName.Length + 1)..] : p)
                .Select(p => Flags.FirstOrDefault(f => p.StartsWith(f.Option + ":", StringComparison.Ordinal)) is { Flag: { } flag } match
                    ? $"{match.Option} ({flag} or {Section}:{match.Option}){p[match.Option.Length..]}"
                    : $"{Section}:{p}");
            throw CliException.BadInput(
                "The salesforce connector is not available until it is configured: " + string.Join(" ", named)
                + $" Give --instance-url with --access-token, or --login-url with --client-id and --client-secret; or set them under \"{Section}\" in appsettings.json or as environment variables ({CliConfiguration.EnvironmentName(Section + ":LoginUrl")}, …).");
        }

        return new SalesforceConnector(new HttpClient(), options);
    }

    /// <summary>
    /// Authenticates and checks the field mapping before a sync, so configuration, authentication and mapping problems
    /// exit 2 (as in doctor). Costs no extra request: the sync's first step is this same check, done once per connector.
    /// </summary>
    public static async Task CheckBeforeSyncAsync(SalesforceConnector connector, CancellationToken cancellationToken)
    {
        try
        {
            await connector.ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceMappingException e)
        {
            throw CliException.BadInput(e.Message, e);
        }
        catch (CrmRequestException e) when (e is not SalesforceLimitExceededException
            && (e.Resource.EndsWith("/oauth2/token", StringComparison.Ordinal) || e.StatusCode == 401 || e.ErrorCode is "API_DISABLED_FOR_ORG" or "INSUFFICIENT_ACCESS"))
        {
            throw CliException.BadInput(e.Message + " Check the Salesforce credentials (partnerkarte doctor --connector salesforce).", e);
        }
    }

    private static Uri Url(string flag, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw CliException.BadInput($"{flag}: '{value}' is not an absolute https URL such as https://example.my.salesforce.com.");
}
