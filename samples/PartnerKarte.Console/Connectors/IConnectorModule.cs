namespace PartnerKarte.Console.Connectors;

/// <summary>
/// The extension point for connectors: a class implementing this in the console assembly is found at start and
/// registers its connector by name. To add one, reference the connector project and add a module such as
/// <c>SalesforceConnectorModule</c> that calls <see cref="ConnectorRegistry.Register"/> with a factory binding
/// its configuration section (for example <c>Salesforce</c>).
/// </summary>
internal interface IConnectorModule
{
    void Register(ConnectorRegistry registry);
}
