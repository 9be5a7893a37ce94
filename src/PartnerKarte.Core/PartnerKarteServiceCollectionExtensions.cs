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
    /// returns a builder to add connectors: <c>services.AddPartnerKarte(o => o.Connector = "sqlite").AddSqliteStore(o => o.Path = "partnerkarte.db")</c>.
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

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerKarteOptions>, PartnerKarteOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TrustScorer(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Scoring));
        services.TryAddSingleton(sp => new PartnerKpiCalculator(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Kpis));
        services.TryAddSingleton<IEnrichmentCalculator>(sp => new KarteEnrichmentCalculator(
            sp.GetRequiredService<TrustScorer>(),
            sp.GetRequiredService<PartnerKpiCalculator>(),
            sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Sync.KpiPeriodDays));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<KarteConnector>(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Connector.Trim().ToLowerInvariant()));
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
