using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Testing.Conformance;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task AddPartnerKarte_with_the_sqlite_store_resolves_a_working_sync()
    {
        var services = new ServiceCollection();
        services.AddPartnerKarte(o => o.Sync.MaxParallelism = 2).AddSqliteStore(o => o.Path = store.Path);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate();
        var connector = (SqliteKarteConnector)provider.GetRequiredService<KarteConnector>();
        await connector.UpsertKarteAsync(ConformanceData.Batch);

        var report = await provider.GetRequiredService<EnrichmentSync>().RunAsync(new SyncRunOptions { AsOf = ConformanceData.BaseTime });

        report.Written.Should().Be(5);
        provider.GetRequiredService<ISyncStateStore>().Should().BeOfType<SqliteSyncStateStore>();
    }

    [Fact]
    public void Invalid_options_fail_at_startup_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddPartnerKarte(o =>
        {
            o.Connector = "salesforce";
            o.Sync.MaxParallelism = 0;
            o.Kpis.RenewalNoticeDays = -1;
        }).AddSqliteStore(o => o.Path = string.Empty);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var error = act.Should().Throw<AggregateException>().Which.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        error.Should().Contain(f => f.Contains("PartnerKarte:Connector") && f.Contains("salesforce"));
        error.Should().Contain(f => f.Contains("PartnerKarte:Sync:MaxParallelism"));
        error.Should().Contain(f => f.Contains("PartnerKarte:Kpis") && f.Contains("RenewalNoticeDays"));
        error.Should().Contain(f => f.Contains("PartnerKarte:Sqlite:Path"));
        File.Exists(store.Path).Should().BeFalse("nothing is opened before the options are valid");
    }

    [Fact]
    public void A_malformed_configuration_value_names_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerKarte:Sync:MaxParallelism"] = "四",
            ["PartnerKarte:Sqlite:Path"] = store.Path,
        }).Build();
        var services = new ServiceCollection();
        services.AddPartnerKarte(configuration.GetSection("PartnerKarte")).AddSqliteStore(configuration.GetSection("PartnerKarte:Sqlite"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PartnerKarteOptions>>().Value;

        act.Should().Throw<InvalidOperationException>().WithMessage("*PartnerKarte:Sync:MaxParallelism*");
    }
}
