using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

public sealed class DataverseServiceCollectionTests
{
    [Fact]
    public void The_connector_resolves_from_configuration_with_a_connection_string()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerKarte:Dataverse:ConnectionString"] = "AuthType=ClientSecret;Url=https://contoso.crm7.dynamics.com;ClientId=app;ClientSecret=s;TenantId=t",
            ["PartnerKarte:Dataverse:BatchSize"] = "500",
            ["PartnerKarte:Dataverse:Mapping:Rep:TrustScore"] = "new_trustscore",
        }).Build();
        using var provider = new ServiceCollection().AddDataverseConnector(config.GetSection("PartnerKarte:Dataverse")).BuildServiceProvider();

        var connector = provider.GetRequiredService<KarteConnector>();

        connector.Should().BeOfType<DataverseConnector>();
        connector.Capabilities.MaxBatchSize.Should().Be(500);
        connector.StateKey.Should().Be("dataverse:contoso.crm7.dynamics.com");
        provider.GetRequiredService<IOptions<DataverseOptions>>().Value.Mapping.Rep.TrustScore.Should().Be("new_trustscore");
    }

    [Fact]
    public void Invalid_settings_fail_with_the_option_named()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EnvironmentUrl"] = "https://contoso.crm7.dynamics.com/",
            ["ClientId"] = "app",
            ["ClientSecret"] = "s",
            ["BatchSize"] = "5000",
        }).Build();
        using var provider = new ServiceCollection().AddDataverseConnector(config).BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<DataverseOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*BatchSize must be between 1 and 1000*");
    }
}

public sealed class DataversePartnerKarteBuilderTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void AddPartnerKarte_AddDataverse_makes_the_dataverse_connector_the_sync_connector()
    {
        var config = Config(new()
        {
            ["PartnerKarte:Connector"] = "dataverse",
            ["PartnerKarte:Dataverse:ConnectionString"] = "AuthType=ClientSecret;Url=https://contoso.crm7.dynamics.com;ClientId=app;ClientSecret=s;TenantId=t",
            ["PartnerKarte:Dataverse:PageSize"] = "200",
        });
        var services = new ServiceCollection();
        services.AddPartnerKarte(config.GetSection("PartnerKarte"))
            .AddSqliteStore(o => o.Path = Path.Combine(Path.GetTempPath(), "pk-never-opened.db"))
            .AddDataverse(config.GetSection("PartnerKarte:Dataverse"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var connector = provider.GetRequiredService<KarteConnector>();

        connector.Should().BeOfType<DataverseConnector>().And.BeSameAs(provider.GetRequiredKeyedService<KarteConnector>("dataverse"));
        connector.StateKey.Should().Be("dataverse:contoso.crm7.dynamics.com");
        provider.GetRequiredService<IOptions<DataverseOptions>>().Value.PageSize.Should().Be(200);
    }

    [Fact]
    public void Bad_options_stop_the_host_at_startup_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddPartnerKarte(o => o.Connector = "dataverse").AddSqliteStore(o => o.Path = "pk-never-opened.db").AddDataverse(o =>
        {
            o.EnvironmentUrl = new Uri("http://contoso.crm7.dynamics.com/");
            o.ClientId = "app";
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("*EnvironmentUrl must be an absolute https URL*").And.Message.Should().Contain("ClientSecret");
    }
}
