using Microsoft.Extensions.DependencyInjection;
using PartnerKarte.Console.Cli;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Connectors;

/// <summary>
/// The connectors the console offers, composed through the library's registration: <c>AddPartnerKarte(o =&gt; o.Connector = name)</c>
/// with each connector added to its builder under its name, and the selected one resolved as the library's
/// <see cref="KarteConnector"/>. Each module builds its connector's options from the <c>PartnerKarte:&lt;Connector&gt;</c>
/// section and the command-line flags (which win).
/// </summary>
internal sealed class ConnectorRegistry
{
    private static readonly ConnectorRegistration[] Known =
    [
        new("sqlite", "embedded SQLite store (default)"),
        new("dataverse", "Dynamics 365 / Dataverse (Web API)"),
        new("postgres", "PostgreSQL store (several app instances and sync workers)"),
        new("salesforce", "Salesforce (REST + Bulk API 2.0)"),
    ];

    public IReadOnlyCollection<string> Names { get; } = Known.Select(c => c.Name).ToList();

    public IEnumerable<ConnectorRegistration> All => Known.OrderBy(c => c.Name, StringComparer.Ordinal);

    public static ConnectorRegistry CreateDefault() => new();

    public ConnectorRegistration Get(string name) =>
        Known.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw CliException.BadInput($"Unknown connector '{name}'. Known connectors: {string.Join(", ", All.Select(c => c.Name))}.");

    /// <summary>Creates the named connector through <c>AddPartnerKarte</c>; an unknown one is bad input (exit 2).</summary>
    public KarteConnector Create(string name, ConnectorContext context)
    {
        var selected = Get(name);
        var services = new ServiceCollection();
        services.AddPartnerKarte(o => o.Connector = selected.Name)
            .AddConnector("sqlite", _ => SqliteConnectorModule.Open(context, create: false))
            .AddConnector("dataverse", _ => DataverseConnectorModule.Create(context))
            .AddConnector("postgres", _ => PostgreSqlConnectorModule.Create(context))
            .AddConnector("salesforce", _ => SalesforceConnectorModule.Create(context));

        // Not disposed with a provider: the commands own and dispose the connector they open.
        var provider = services.BuildServiceProvider();
        return provider.GetRequiredKeyedService<KarteConnector>(selected.Name);
    }
}
