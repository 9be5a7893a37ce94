using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Emulators.Salesforce;

namespace PartnerKarte.Migration.Tests.Support;

/// <summary>The CRM emulators on random loopback ports, with connectors pointed at them.</summary>
public static class Crm
{
    public static async Task<(DataverseEmulator Emulator, DataverseConnector Connector)> StartDataverseAsync()
    {
        var emulator = await DataverseEmulator.StartAsync();
        var connector = new DataverseConnector(DataverseOptions(emulator));
        await connector.ProvisionAsync();
        return (emulator, connector);
    }

    public static DataverseOptions DataverseOptions(DataverseEmulator emulator) => new()
    {
        EnvironmentUrl = emulator.BaseUri,
        AuthorityHost = emulator.BaseUri,
        TenantId = emulator.Options.TenantId,
        ClientId = emulator.Options.ClientId,
        ClientSecret = emulator.Options.ClientSecret,
        ServiceUnavailableBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>The console's configuration for the emulator, as environment variables.</summary>
    public static IEnumerable<(string Name, string Value)> DataverseEnvironment(DataverseEmulator emulator) =>
    [
        ("PARTNERKARTE_Dataverse__Url", emulator.BaseUri.ToString()),
        ("PARTNERKARTE_Dataverse__AuthorityHost", emulator.BaseUri.ToString()),
        ("PARTNERKARTE_Dataverse__TenantId", emulator.Options.TenantId),
        ("PARTNERKARTE_Dataverse__ClientId", emulator.Options.ClientId),
        ("PARTNERKARTE_Dataverse__ClientSecret", emulator.Options.ClientSecret),
    ];

    public static async Task<(SalesforceEmulator Emulator, SalesforceConnector Connector)> StartSalesforceAsync()
    {
        var emulator = await SalesforceEmulator.StartAsync();
        return (emulator, new SalesforceConnector(new HttpClient(), SalesforceOptions(emulator)));
    }

    public static SalesforceConnectorOptions SalesforceOptions(SalesforceEmulator emulator) => new()
    {
        LoginUrl = emulator.BaseUrl,
        ClientId = emulator.ClientId,
        ClientSecret = emulator.ClientSecret,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        BulkPollInterval = TimeSpan.FromMilliseconds(20),
    };
}
