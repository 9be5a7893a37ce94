using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerKarte.Testing.Conformance;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class DependencyInjectionTests(PostgreSqlTestServer server)
{
    [Fact]
    public async Task AddPostgreSqlStore_with_the_data_source_from_DI_resolves_a_working_sync()
    {
        var schema = server.NewSchema();
        var services = new ServiceCollection();
        services.AddSingleton(server.DataSource);
        services.AddPartnerKarte(o => o.Connector = "postgres").AddPostgreSqlStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Schema"] = schema }).Build());
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate();
        var connector = (PostgreSqlKarteConnector)provider.GetRequiredService<KarteConnector>();
        await connector.UpsertKarteAsync(ConformanceData.Batch);

        var report = await provider.GetRequiredService<EnrichmentSync>().RunAsync(new SyncRunOptions { AsOf = ConformanceData.BaseTime });

        report.Written.Should().Be(5);
        connector.Location.Should().EndWith("schema " + schema);
        provider.GetRequiredService<ISyncStateStore>().Should().BeOfType<PostgreSqlSyncStateStore>();
    }

    [Fact]
    public void An_invalid_schema_name_fails_at_startup_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddSingleton(server.DataSource);
        services.AddPartnerKarte(o => o.Connector = "postgres").AddPostgreSqlStore(o => o.Schema = "Robert'); DROP TABLE x;--");
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains("PartnerKarte:PostgreSql:Schema"));
    }
}
