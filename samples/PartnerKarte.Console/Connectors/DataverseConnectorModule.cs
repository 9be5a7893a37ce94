using System.Text.RegularExpressions;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>
/// Registers <c>--connector dataverse</c>. Settings, later ones winning: <c>Dataverse:*</c> keys in appsettings.json, environment
/// variables such as <c>PARTNERKARTE_Dataverse__ConnectionString</c> (or user secrets), then the flags <c>--connection-string</c>,
/// <c>--url</c>, <c>--tenant-id</c>, <c>--client-id</c>, <c>--client-secret</c>, <c>--access-token</c>. Keys: <c>ConnectionString</c>
/// (<c>AuthType=ClientSecret;Url=…;ClientId=…;ClientSecret=…</c>), or <c>Url</c>, <c>TenantId</c>, <c>ClientId</c>,
/// <c>ClientSecret</c> / <c>CertificatePath</c>, or <c>AccessToken</c>; plus <c>AuthorityHost</c>, <c>BatchSize</c>,
/// <c>MaxParallelism</c>, <c>PageSize</c>, <c>RequestTimeoutSeconds</c> (flag <c>--request-timeout</c>), <c>MaxRetries</c>.
/// </summary>
internal sealed partial class DataverseConnectorModule
{
    public const string Section = "PartnerKarte:Dataverse";

    // Option names in the connector's messages, and the key and flag that set each in the console.
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["EnvironmentUrl"] = "PartnerKarte:Dataverse:Url (--url)",
        ["ClientId"] = "PartnerKarte:Dataverse:ClientId (--client-id)",
        ["ClientSecret"] = "PartnerKarte:Dataverse:ClientSecret (--client-secret)",
        ["AccessToken"] = "PartnerKarte:Dataverse:AccessToken (--access-token)",
        ["ClientCertificatePath"] = "PartnerKarte:Dataverse:CertificatePath",
        ["ConnectionString"] = "PartnerKarte:Dataverse:ConnectionString (--connection-string)",
        ["AuthorityHost"] = "PartnerKarte:Dataverse:AuthorityHost",
    };


    public static DataverseConnector Create(ConnectorContext context)
    {
        var c = context.Configuration;
        var f = context.Flags;
        var options = new DataverseOptions
        {
            ConnectionString = f.ConnectionString ?? c.GetString("PartnerKarte:Dataverse:ConnectionString"),
            TenantId = c.GetString("PartnerKarte:Dataverse:TenantId"),
            ClientId = c.GetString("PartnerKarte:Dataverse:ClientId"),
            ClientSecret = c.GetString("PartnerKarte:Dataverse:ClientSecret"),
            AccessToken = c.GetString("PartnerKarte:Dataverse:AccessToken"),
            ClientCertificatePath = c.GetString("PartnerKarte:Dataverse:CertificatePath"),
            ClientCertificatePassword = c.GetString("PartnerKarte:Dataverse:CertificatePassword"),
        };
        options.EnvironmentUrl = ParseUrl(c.GetString("PartnerKarte:Dataverse:Url"), "Configuration value 'Dataverse:Url'");
        if (c.GetString("PartnerKarte:Dataverse:AuthorityHost") is { } authority)
        {
            options.AuthorityHost = ParseUrl(authority, "Configuration value 'Dataverse:AuthorityHost'")!;
        }

        options.BatchSize = c.GetInt("PartnerKarte:Dataverse:BatchSize", 1, 1000) ?? options.BatchSize;
        options.MaxParallelism = c.GetInt("PartnerKarte:Dataverse:MaxParallelism", 1, 52) ?? options.MaxParallelism;
        options.PageSize = c.GetInt("PartnerKarte:Dataverse:PageSize", 1, 5000) ?? options.PageSize;
        options.MaxRetries = c.GetInt("PartnerKarte:Dataverse:MaxRetries", 0, 50) ?? options.MaxRetries;
        if ((f.RequestTimeoutSeconds ?? c.GetInt("PartnerKarte:Dataverse:RequestTimeoutSeconds", 1, 3600)) is { } timeout)
        {
            options.RequestTimeout = TimeSpan.FromSeconds(timeout);
        }
        try
        {
            // The connection string applies first; separate flags then win over it, as they are the most specific input.
            if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                DataverseConnectionString.Apply(options.ConnectionString, options);
                options.ConnectionString = null;
            }

            options.EnvironmentUrl = ParseUrl(f.Url, "--url") ?? options.EnvironmentUrl;
            options.TenantId = f.TenantId ?? options.TenantId;
            options.ClientId = f.ClientId ?? options.ClientId;
            options.ClientSecret = f.ClientSecret ?? options.ClientSecret;
            options.AccessToken = f.AccessToken ?? options.AccessToken;
            return new DataverseConnector(options);
        }
        catch (DataverseConfigurationException e)
        {
            throw CliException.BadInput(
                "The dataverse connector is not configured: " + string.Join(" ", e.Problems.Select(Rename))
                + $" Set them with flags, under \"{Section}\" in appsettings.json, or as environment variables ({CliConfiguration.EnvironmentName(Section + ":ConnectionString")}, …).");
        }
    }

    private static Uri? ParseUrl(string? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var u)
            ? u
            : throw CliException.BadInput($"{what}: '{value}' is not an absolute URL such as https://contoso.crm7.dynamics.com.");
    }

    private static string Rename(string problem) => OptionName().Replace(problem, m => Names[m.Value]);

    [GeneratedRegex(@"\b(EnvironmentUrl|ClientId|ClientSecret|AccessToken|ClientCertificatePath|ConnectionString|AuthorityHost)\b")]
    private static partial Regex OptionName();
}
