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

    public static SalesforceOptions SalesforceOptions(SalesforceEmulator emulator) => new()
    {
        LoginUrl = emulator.BaseUrl,
        ClientId = emulator.ClientId,
        ClientSecret = emulator.ClientSecret,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        BulkPollInterval = TimeSpan.FromMilliseconds(20),
    };
}

/// <summary>Our team members as CRM users, so owners survive a round trip (a CRM keeps owners as its own user records).</summary>
public static class CrmUsers
{
    public static void Seed(SalesforceEmulator emulator, IEnumerable<Karte.UserId> users)
    {
        foreach (var user in users.Distinct())
        {
            if (!emulator.Org.Records("User").Any(u => (string?)u["FederationIdentifier"] == user.Value))
            {
                emulator.Org.Insert("User", new Dictionary<string, object?>
                {
                    ["Username"] = user.Value.ToLowerInvariant() + "@partnerkarte.example", ["LastName"] = "担当", ["FederationIdentifier"] = user.Value,
                });
            }
        }
    }

    public static void Seed(DataverseEmulator emulator, IEnumerable<Karte.UserId> users)
    {
        foreach (var user in users.Distinct())
        {
            if (!emulator.Rows("systemuser").Values.Any(r => r["domainname"]?.GetValue<string>() == user.Value))
            {
                emulator.Seed("systemuser", new System.Text.Json.Nodes.JsonObject { ["domainname"] = user.Value, ["lastname"] = "担当", ["firstname"] = user.Value });
            }
        }
    }

    public static IEnumerable<Karte.UserId> Of(Karte.KarteDataSet data) =>
        data.Companies.Select(c => c.OwnerId).Concat(data.Reps.Select(r => r.OwnerId)).Concat(data.Proposals.Select(p => p.OwnerId))
            .Concat(data.Interactions.Select(i => i.UserId)).Concat(data.Interactions.Select(i => i.NextAction?.Owner))
            .Concat(data.TeamMembers.Select(t => (Karte.UserId?)t.Id))
            .Where(u => u is not null).Select(u => u!.Value);
}
