using PartnerKarte.Console.Cli;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Connectors;

/// <summary>Connectors by name. <c>salesforce</c> and <c>dataverse</c> are known but unavailable until their modules register.</summary>
internal sealed class ConnectorRegistry
{
    private readonly Dictionary<string, ConnectorRegistration> _connectors = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _connectors.Keys;

    public IEnumerable<ConnectorRegistration> All => _connectors.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    public void Register(string name, string description, Func<ConnectorContext, KarteConnector> factory) =>
        _connectors[name] = new ConnectorRegistration(name.ToLowerInvariant(), description, factory);

    private void Placeholder(string name, string description) =>
        _connectors.TryAdd(name, new ConnectorRegistration(name, description, null));

    /// <summary>The built-in SQLite connector, then every <see cref="IConnectorModule"/> in this assembly.</summary>
    public static ConnectorRegistry CreateDefault()
    {
        var registry = new ConnectorRegistry();
        new SqliteConnectorModule().Register(registry);
        foreach (var type in typeof(ConnectorRegistry).Assembly.GetTypes()
                     .Where(t => typeof(IConnectorModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t != typeof(SqliteConnectorModule))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            ((IConnectorModule)Activator.CreateInstance(type)!).Register(registry);
        }

        registry.Placeholder("salesforce", "Salesforce (REST + Bulk API 2.0)");
        registry.Placeholder("dataverse", "Dynamics 365 / Dataverse (Web API)");
        return registry;
    }

    public ConnectorRegistration Get(string name)
    {
        if (!_connectors.TryGetValue(name, out var registration))
        {
            throw CliException.BadInput($"Unknown connector '{name}'. Known connectors: {string.Join(", ", All.Select(c => c.Name))}.");
        }

        return registration;
    }

    /// <summary>Creates a connector; an unknown or not-yet-available one is bad input (exit 2).</summary>
    public KarteConnector Create(string name, ConnectorContext context)
    {
        var registration = Get(name);
        if (registration.Factory is null)
        {
            throw CliException.BadInput($"The {registration.Name} connector is not available in this build yet ({registration.Description}). Use --connector sqlite.");
        }

        return registration.Factory(context);
    }
}
