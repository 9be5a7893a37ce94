using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Hosting.Tests;

public sealed class ConnectorSelectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<PartnerKarteBuilder> add)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddPartnerKarte(configuration.GetSection("PartnerKarte"))
            .AddSqliteStore(o => o.Path = Path.Combine(Path.GetTempPath(), "pk-never-opened.db"));
        add(builder);
        return services.BuildServiceProvider();
    }

    private static void AddAll(PartnerKarteBuilder b, IConfiguration? c = null)
    {
        var configuration = c ?? new ConfigurationBuilder().Build();
        b.AddSalesforce(configuration.GetSection("PartnerKarte:Salesforce")).AddDataverse(configuration.GetSection("PartnerKarte:Dataverse"));
    }

    [Fact]
    public void Adding_a_CRM_connector_selects_it()
    {
        using var provider = Build([], b => b.AddSalesforce(o =>
        {
            o.LoginUrl = new Uri("https://login.salesforce.com");
            o.ClientId = "id";
            o.ClientSecret = "secret";
        }));

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Connector.Should().Be("salesforce");
        provider.GetRequiredService<KarteConnector>().Should().BeOfType<SalesforceConnector>();
    }

    [Fact]
    public void With_only_the_store_the_store_is_selected()
    {
        using var provider = Build([], _ => { });

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Connector.Should().Be("sqlite");
    }

    [Fact]
    public void All_three_registered_with_one_selected_starts_and_validates_only_the_selected_one()
    {
        // Salesforce has no options at all: invalid, but not selected.
        using var provider = Build(
            new()
            {
                ["PartnerKarte:Connector"] = "Dataverse",
            },
            b => b.AddSalesforce(o => { }).AddDataverse(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["EnvironmentUrl"] = "https://contoso.crm7.dynamics.com",
                ["ClientId"] = "00000000-0000-0000-0000-000000000001",
                ["ClientSecret"] = "secret",
                ["TenantId"] = "00000000-0000-0000-0000-000000000002",
            }).Build()));

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().NotThrow();
        provider.GetRequiredService<KarteConnector>().Should().BeOfType<DataverseConnector>();
    }

    [Fact]
    public void The_selected_connectors_invalid_options_stop_the_start_naming_the_key()
    {
        using var provider = Build(new() { ["PartnerKarte:Connector"] = "salesforce" }, b => AddAll(b));

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("ClientId", StringComparison.Ordinal))
            .And.NotContain(f => f.Contains("Dataverse", StringComparison.Ordinal), "only the selected connector is validated");
    }

    [Fact]
    public void Two_CRM_connectors_and_no_choice_stop_the_start_naming_PartnerKarte_Connector()
    {
        using var provider = Build([], b => AddAll(b));

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle(f => f.Contains("PartnerKarte:Connector", StringComparison.Ordinal) && f.Contains("salesforce, dataverse", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connector_named_but_not_added_stops_the_start()
    {
        using var provider = Build(new() { ["PartnerKarte:Connector"] = "dataverse" }, _ => { });

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("PartnerKarte:Connector is 'dataverse'", StringComparison.Ordinal) && f.Contains("sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sections_inside_PartnerKarte_are_options_of_their_own()
    {
        using var provider = Build(
            new() { ["PartnerKarte:Scoring:MinimumInteractions"] = "5", ["PartnerKarte:Sync:MaxParallelism"] = "3" },
            _ => { });

        provider.GetRequiredService<IOptions<EnrichmentSyncOptions>>().Value.MaxParallelism.Should().Be(3);
        provider.GetRequiredService<IOptions<TrustScoringOptions>>().Value.MinimumInteractions.Should().Be(5);
    }
}
