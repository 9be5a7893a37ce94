using System.CommandLine;
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
internal sealed class SalesforceConnectorModule : IConnectorModule
{
    public const string Section = "Salesforce";

    private static readonly Option<string?> InstanceUrlOption = new("--instance-url") { Description = "Salesforce: the org's instance URL, with --access-token (config Salesforce:InstanceUrl)." };
    private static readonly Option<string?> AccessTokenOption = new("--access-token") { Description = "Salesforce: a ready access token, with --instance-url (config Salesforce:AccessToken)." };
    private static readonly Option<string?> LoginUrlOption = new("--login-url") { Description = "Salesforce: the My Domain login URL for client credentials (config Salesforce:LoginUrl)." };
    private static readonly Option<string?> ClientIdOption = new("--client-id") { Description = "Salesforce: the connected app's consumer key (config Salesforce:ClientId)." };
    private static readonly Option<string?> ClientSecretOption = new("--client-secret") { Description = "Salesforce: the connected app's consumer secret (config Salesforce:ClientSecret)." };

    /// <summary>Option name → flag, to name the flag in messages.</summary>
    private static readonly (string Option, string Flag)[] Flags =
    [
        (nameof(SalesforceConnectorOptions.InstanceUrl), "--instance-url"),
        (nameof(SalesforceConnectorOptions.AccessToken), "--access-token"),
        (nameof(SalesforceConnectorOptions.LoginUrl), "--login-url"),
        (nameof(SalesforceConnectorOptions.ClientId), "--client-id"),
        (nameof(SalesforceConnectorOptions.ClientSecret), "--client-secret"),
    ];

    public void Register(ConnectorRegistry registry) =>
        registry.Register("salesforce", "Salesforce (REST + Bulk API 2.0)", Create);

    /// <summary>Adds the Salesforce flags to a command that takes <c>--connector</c>.</summary>
    public static void AddOptions(Command command)
    {
        command.Options.Add(InstanceUrlOption);
        command.Options.Add(AccessTokenOption);
        command.Options.Add(LoginUrlOption);
        command.Options.Add(ClientIdOption);
        command.Options.Add(ClientSecretOption);
    }

    /// <summary>The flags given, as configuration keys that override appsettings and environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Take(Option<string?> option, string key)
        {
            if (parse.GetResult(option) is not null)
            {
                overrides[Section + ":" + key] = parse.GetValue(option) ?? string.Empty;
            }
        }

        Take(InstanceUrlOption, nameof(SalesforceConnectorOptions.InstanceUrl));
        Take(AccessTokenOption, nameof(SalesforceConnectorOptions.AccessToken));
        Take(LoginUrlOption, nameof(SalesforceConnectorOptions.LoginUrl));
        Take(ClientIdOption, nameof(SalesforceConnectorOptions.ClientId));
        Take(ClientSecretOption, nameof(SalesforceConnectorOptions.ClientSecret));
        return overrides;
    }

    private static SalesforceConnector Create(ConnectorContext context)
    {
        var options = new SalesforceConnectorOptions();
        var section = context.Configuration.Root.GetSection(Section);
        var flags = context.Overrides.Where(o => o.Key.StartsWith(Section + ":", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(o => o.Key[(Section.Length + 1)..], o => o.Value, StringComparer.OrdinalIgnoreCase);
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
                case nameof(SalesforceConnectorOptions.InstanceUrl):
                    options.InstanceUrl = Url(flag, value);
                    break;
                case nameof(SalesforceConnectorOptions.LoginUrl):
                    options.LoginUrl = Url(flag, value);
                    break;
                case nameof(SalesforceConnectorOptions.AccessToken):
                    options.AccessToken = value;
                    break;
                case nameof(SalesforceConnectorOptions.ClientId):
                    options.ClientId = value;
                    break;
                default:
                    options.ClientSecret = value;
                    break;
            }
        }

        // A flag picks the flow: a token given on the command line wins over configured credentials and vice versa.
        if (flags.ContainsKey(nameof(SalesforceConnectorOptions.AccessToken)) || flags.ContainsKey(nameof(SalesforceConnectorOptions.InstanceUrl)))
        {
            options.AuthFlow = SalesforceAuthFlow.AccessToken;
        }
        else if (flags.Keys.Any(k => k is nameof(SalesforceConnectorOptions.LoginUrl) or nameof(SalesforceConnectorOptions.ClientId) or nameof(SalesforceConnectorOptions.ClientSecret)))
        {
            options.AuthFlow = SalesforceAuthFlow.ClientCredentials;
            options.AccessToken = null;
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            // Name the flag next to each option; never echo a token or secret (Validate does not either).
            var named = problems.Select(p => Flags.FirstOrDefault(f => p.StartsWith(f.Option + ":", StringComparison.Ordinal)) is { Flag: { } flag } match
                ? $"{match.Option} ({flag} or {Section}:{match.Option}){p[match.Option.Length..]}"
                : p);
            throw CliException.BadInput(
                "The salesforce connector is not available until it is configured: " + string.Join(" ", named)
                + $" Give --instance-url with --access-token, or --login-url with --client-id and --client-secret; or set them under \"{Section}\" in appsettings.json or as environment variables ({CliConfiguration.EnvironmentName(Section + ":LoginUrl")}, …).");
        }

        return new SalesforceConnector(new HttpClient(), options);
    }

    private static Uri Url(string flag, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw CliException.BadInput($"{flag}: '{value}' is not an absolute https URL such as https://example.my.salesforce.com.");
}
