using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

public sealed class SalesforceRegistrationTests
{
    [Fact]
    public async Task Configuration_binds_the_options_and_overrides_the_default_fields()
    {
        await using var org = await SalesforceTestOrg.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerKarte:Salesforce:LoginUrl"] = org.Emulator.BaseUrl.ToString(),
            ["PartnerKarte:Salesforce:ClientId"] = org.Emulator.ClientId,
            ["PartnerKarte:Salesforce:ClientSecret"] = org.Emulator.ClientSecret,
            ["PartnerKarte:Salesforce:BulkThreshold"] = "5000",
            ["PartnerKarte:Salesforce:Fields:ContractAlert"] = "",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging()
            .AddSalesforceConnector(configuration.GetSection("PartnerKarte:Salesforce")).BuildServiceProvider();

        var connector = provider.GetRequiredService<KarteConnector>();

        connector.Should().BeOfType<SalesforceConnector>();
        connector.Capabilities.MaxBatchSize.Should().Be(5000);
        provider.GetRequiredService<IOptions<SalesforceConnectorOptions>>().Value.Fields.AccountFields.Should().NotContain("PK_ContractAlert__c");
        (await connector.CheckHealthAsync()).IsHealthy.Should().BeTrue();
    }

    [Fact]
    public void The_shipped_metadata_defines_every_default_field()
    {
        var dir = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(dir, "connectors")))
        {
            dir = Path.GetDirectoryName(dir)!;
        }

        var objects = Path.Combine(dir, "connectors", "PartnerKarte.Connectors.Salesforce", "metadata", "force-app", "main", "default", "objects");
        var fields = new SalesforceEnrichmentFields();
        foreach (var (obj, names) in new[] { ("Contact", fields.ContactFields.Append(fields.ExternalId)), ("Account", fields.AccountFields.Append(fields.ExternalId)) })
        {
            foreach (var name in names)
            {
                var file = Path.Combine(objects, obj, "fields", name + ".field-meta.xml");
                File.Exists(file).Should().BeTrue("{0}.{1} must be shipped", obj, name);
                XDocument.Load(file).Root!.Elements().Single(e => e.Name.LocalName == "fullName").Value.Should().Be(name);
            }
        }
    }
}
