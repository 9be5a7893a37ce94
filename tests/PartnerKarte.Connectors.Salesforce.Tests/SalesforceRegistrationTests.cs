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
        connector.Capabilities.MaxBatchSize.Should().Be(10_000, "twice the bulk threshold");
        provider.GetRequiredService<IOptions<SalesforceOptions>>().Value.Fields.AccountFields.Should().NotContain("PK_ContractAlert__c");
        (await connector.CheckHealthAsync()).IsHealthy.Should().BeTrue();
    }

    [Fact]
    public async Task AddPartnerKarte_AddSalesforce_runs_the_sync_against_the_org_with_the_sqlite_state()
    {
        await using var org = await SalesforceTestOrg.StartAsync();
        org.SeedContacts(5);
        var dir = Directory.CreateTempSubdirectory("pk-sf-di-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerKarte:Connector"] = "salesforce",
            ["PartnerKarte:Salesforce:LoginUrl"] = org.Emulator.BaseUrl.ToString(),
            ["PartnerKarte:Salesforce:ClientId"] = org.Emulator.ClientId,
            ["PartnerKarte:Salesforce:ClientSecret"] = org.Emulator.ClientSecret,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPartnerKarte(configuration.GetSection("PartnerKarte"))
            .AddSalesforce(configuration.GetSection("PartnerKarte:Salesforce"))
            .AddSqliteStore(o => o.Path = Path.Combine(dir, "state.db"));
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            provider.GetRequiredService<KarteConnector>().Should().BeOfType<SalesforceConnector>();

            var report = await provider.GetRequiredService<EnrichmentSync>().RunAsync(new SyncRunOptions { AsOf = new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero) });

            report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
            report.Written.Should().Be(6);
            org.Org.Records("Contact").Should().OnlyContain(c => c["PK_TrustRank__c"] != null);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Invalid_options_fail_at_startup_naming_each_option()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerKarte:Salesforce:LoginUrl"] = "http://login.example.com",
            ["PartnerKarte:Salesforce:QueryBatchSize"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddPartnerKarte(o => o.Connector = "salesforce").AddSalesforce(configuration.GetSection("PartnerKarte:Salesforce"))
            .AddSqliteStore(o => o.Path = Path.Combine(Path.GetTempPath(), "never-opened.db"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("LoginUrl", StringComparison.Ordinal) && f.Contains("https", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ClientId", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("QueryBatchSize", StringComparison.Ordinal));
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
        foreach (var (obj, names) in new[]
        {
            ("Contact", fields.ContactFields.Append(fields.ExternalId).Append(fields.KarteData)), ("Account", fields.AccountFields.Append(fields.ExternalId).Append(fields.KarteData)),
            ("Opportunity", [fields.ExternalId, fields.KarteData]), ("Activity", [fields.ExternalId, fields.KarteData]), ("OpportunityContactRole", [fields.ExternalId]),
        })
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
