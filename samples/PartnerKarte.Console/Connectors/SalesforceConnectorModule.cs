using Microsoft.Extensions.Configuration;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>
/// <c>--connector salesforce</c>: options from the <c>Salesforce</c> configuration section (appsettings.json, or
/// environment variables such as <c>PARTNERKARTE_Salesforce__LoginUrl</c>, <c>PARTNERKARTE_Salesforce__ClientId</c>,
/// <c>PARTNERKARTE_Salesforce__ClientSecret</c>, or <c>PARTNERKARTE_Salesforce__InstanceUrl</c> with
/// <c>PARTNERKARTE_Salesforce__AccessToken</c>).
/// </summary>
internal sealed class SalesforceConnectorModule : IConnectorModule
{
    public const string Section = "Salesforce";

    public void Register(ConnectorRegistry registry) =>
        registry.Register("salesforce", "Salesforce (REST + Bulk API 2.0)", Create);

    private static SalesforceConnector Create(ConnectorContext context)
    {
        var options = new SalesforceConnectorOptions();
        context.Configuration.Root.GetSection(Section).Bind(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw CliException.BadInput(
                "The salesforce connector is not available until it is configured: " + string.Join(" ", problems)
                + $" Set them under \"{Section}\" in appsettings.json or as environment variables ({CliConfiguration.EnvironmentName(Section + ":LoginUrl")}, …).");
        }

        return new SalesforceConnector(new HttpClient(), options);
    }
}
