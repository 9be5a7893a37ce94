using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Registers PartnerKarte in a service collection.</summary>
public static class PartnerKarteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the scoring and KPI calculators, the enrichment sync and its options (validated at startup), and
    /// returns a builder to add connectors: <c>services.AddPartnerKarte().AddSqliteStore(o => o.Path = "partnerkarte.db")</c>.
    /// Adding a CRM connector selects it (<c>.AddSalesforce(...)</c>); with several, <c>PartnerKarte:Connector</c> names the one to use.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options in code; applied after configuration binding.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddPartnerKarte(this IServiceCollection services, Action<PartnerKarteOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PartnerKarteOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<IEnumerable<ConnectorRegistration>>((o, registrations) => o.Connector = PartnerKarteOptionsValidator.Select(o.Connector, registrations));
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerKarteOptions>, PartnerKarteOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The sections inside PartnerKarte are options of their own too: IOptions<TrustScoringOptions> is PartnerKarte:Scoring.
        services.TryAddSingleton<IOptions<EnrichmentSyncOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Sync));
        services.TryAddSingleton<IOptions<TrustScoringOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Scoring));
        services.TryAddSingleton<IOptions<PartnerKpiOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Kpis));
        services.TryAddSingleton(sp => new TrustScorer(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Scoring));
        services.TryAddSingleton(sp => new PartnerKpiCalculator(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Kpis));
        services.TryAddSingleton<IEnrichmentCalculator>(sp => new KarteEnrichmentCalculator(
            sp.GetRequiredService<TrustScorer>(),
            sp.GetRequiredService<PartnerKpiCalculator>(),
            sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Sync.KpiPeriodDays));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<KarteConnector>(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Connector
            ?? throw new InvalidOperationException("PartnerKarte:Connector is not set and the choice of connector is ambiguous; set it to the connector the sync runs against.")));
        services.TryAddTransient(sp => new EnrichmentSync(
            sp.GetRequiredService<KarteConnector>(),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetRequiredService<IEnrichmentCalculator>(),
            sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Sync,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<EnrichmentSync>>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        return new PartnerKarteBuilder(services);
    }

    /// <summary>Like <see cref="AddPartnerKarte(IServiceCollection, Action{PartnerKarteOptions})"/>, binding options from a configuration section (normally <c>PartnerKarte</c>: appsettings.json, environment variables <c>PartnerKarte__Sync__MaxParallelism</c>, user secrets).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>PartnerKarte</c> section.</param>
    /// <param name="configure">Sets options in code after binding.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddPartnerKarte(this IServiceCollection services, IConfiguration section, Action<PartnerKarteOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<PartnerKarteOptions>().Bind(section);
        return services.AddPartnerKarte(configure);
    }
}
