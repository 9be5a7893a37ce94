using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>
/// Registers <c>--connector dataverse</c>. Settings come from <c>Dataverse:*</c> keys (appsettings.json, environment
/// variables such as <c>PARTNERKARTE_Dataverse__ConnectionString</c>, or user secrets): <c>ConnectionString</c>, or <c>Url</c>,
/// <c>TenantId</c>, <c>ClientId</c>, <c>ClientSecret</c> / <c>CertificatePath</c>; plus <c>BatchSize</c>, <c>MaxParallelism</c>, <c>PageSize</c>.
/// </summary>
internal sealed class DataverseConnectorModule : IConnectorModule
{
    public void Register(ConnectorRegistry registry) =>
        registry.Register("dataverse", "Dynamics 365 / Dataverse (Web API)", Create);

    public static DataverseConnector Create(ConnectorContext context)
    {
        var c = context.Configuration;
        var options = new DataverseOptions
        {
            ConnectionString = c.GetString("Dataverse:ConnectionString"),
            TenantId = c.GetString("Dataverse:TenantId"),
            ClientId = c.GetString("Dataverse:ClientId"),
            ClientSecret = c.GetString("Dataverse:ClientSecret"),
            ClientCertificatePath = c.GetString("Dataverse:CertificatePath"),
            ClientCertificatePassword = c.GetString("Dataverse:CertificatePassword"),
        };
        if (c.GetString("Dataverse:Url") is { } url)
        {
            options.EnvironmentUrl = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var u)
                ? u
                : throw CliException.BadInput($"Dataverse:Url '{url}' is not an absolute URL.");
        }

        if (c.GetString("Dataverse:AuthorityHost") is { } authority && Uri.TryCreate(authority, UriKind.Absolute, out var a))
        {
            options.AuthorityHost = a;
        }

        options.BatchSize = c.GetInt("Dataverse:BatchSize", 1, 1000) ?? options.BatchSize;
        options.MaxParallelism = c.GetInt("Dataverse:MaxParallelism", 1, 52) ?? options.MaxParallelism;
        options.PageSize = c.GetInt("Dataverse:PageSize", 1, 5000) ?? options.PageSize;
        try
        {
            return new DataverseConnector(options);
        }
        catch (DataverseConfigurationException e)
        {
            throw CliException.BadInput(e.Message);
        }
    }
}
