using System.CommandLine;

namespace PartnerKarte.Console.Cli;

/// <summary>
/// Connection flags every command accepts for a CRM connector; they override configuration (appsettings.json, environment
/// variables). Each connector module maps them onto its own settings, e.g. for <c>dataverse</c>: <c>--url</c> = <c>Dataverse:Url</c>;
/// for <c>salesforce</c>: <c>--instance-url</c> = <c>Salesforce:InstanceUrl</c>, <c>--login-url</c> = <c>Salesforce:LoginUrl</c>.
/// Values are never echoed in output.
/// </summary>
internal sealed record ConnectorFlags
{
    public static readonly Option<string?> ConnectionStringOption = new("--connection-string") { Description = "Connection string, e.g. \"AuthType=ClientSecret;Url=https://contoso.crm7.dynamics.com;ClientId=…;ClientSecret=…\" (dataverse) or \"Host=…;Database=…;Username=…;Password=…\" (postgres).", Recursive = true };
    public static readonly Option<string?> UrlOption = new("--url") { Description = "Environment or instance URL of the CRM.", Recursive = true };
    public static readonly Option<string?> TenantIdOption = new("--tenant-id") { Description = "Entra tenant id or domain (dataverse).", Recursive = true };
    public static readonly Option<string?> ClientIdOption = new("--client-id") { Description = "Application (client) id.", Recursive = true };
    public static readonly Option<string?> ClientSecretOption = new("--client-secret") { Description = "Client secret (prefer an environment variable: the command line is visible to other users).", Recursive = true };
    public static readonly Option<string?> AccessTokenOption = new("--access-token") { Description = "A ready access token instead of client credentials.", Recursive = true };
    public static readonly Option<string?> InstanceUrlOption = new("--instance-url") { Description = "The org's instance URL, with --access-token (salesforce).", Recursive = true };
    public static readonly Option<string?> LoginUrlOption = new("--login-url") { Description = "The My Domain login URL, with --client-id and --client-secret (salesforce).", Recursive = true };

    public static readonly Option<int?> RequestTimeoutOption = new("--request-timeout") { Description = "Seconds to wait for one CRM request before retrying it (dataverse; default 120).", Recursive = true };

    public static IEnumerable<Option> All => [ConnectionStringOption, UrlOption, TenantIdOption, ClientIdOption, ClientSecretOption, AccessTokenOption, InstanceUrlOption, LoginUrlOption, RequestTimeoutOption];

    public string? ConnectionString { get; init; }

    public string? Url { get; init; }

    public string? TenantId { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? AccessToken { get; init; }

    public string? InstanceUrl { get; init; }

    public string? LoginUrl { get; init; }

    public int? RequestTimeoutSeconds { get; init; }

    public static ConnectorFlags None { get; } = new();

    public static ConnectorFlags From(ParseResult parse) => new()
    {
        ConnectionString = Value(parse, ConnectionStringOption),
        Url = Value(parse, UrlOption),
        TenantId = Value(parse, TenantIdOption),
        ClientId = Value(parse, ClientIdOption),
        ClientSecret = Value(parse, ClientSecretOption),
        AccessToken = Value(parse, AccessTokenOption),
        InstanceUrl = Value(parse, InstanceUrlOption),
        LoginUrl = Value(parse, LoginUrlOption),
        RequestTimeoutSeconds = parse.GetValue(RequestTimeoutOption) is { } seconds
            ? seconds is >= 1 and <= 3600 ? seconds : throw CliException.BadInput($"--request-timeout must be between 1 and 3600 seconds (was {seconds}).")
            : null,
    };

    private static string? Value(ParseResult parse, Option<string?> option)
    {
        var value = parse.GetValue(option);
        if (value is null)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? throw CliException.BadInput($"{option.Name} is empty.") : value.Trim();
    }
}
