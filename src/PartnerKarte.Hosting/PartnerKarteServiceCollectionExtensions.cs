using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerKarte.Handover;
using PartnerKarte.Hosting;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using PartnerKarte.Targeting;

namespace PartnerKarte;

/// <summary>Registers PartnerKarte in a service collection.</summary>
public static class PartnerKarteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the scoring and KPI calculators, the enrichment sync and the options of every section (each available as
    /// <c>IOptions&lt;T&gt;</c> and validated at startup, messages naming the configuration key), and
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
        services.TryAddSingleton<PartnerKarteOptionsRoot>();
        services.TryAddSingleton<IOptionsFactory<PartnerKarteOptions>>(sp => new SectionOptionsFactory<PartnerKarteOptions>(
            sp.GetRequiredService<PartnerKarteOptionsRoot>(), o => o, [], [], sp.GetServices<IValidateOptions<PartnerKarteOptions>>()));

        // Every sub-section is options of its own (IOptions<TrustScoringOptions> is PartnerKarte:Scoring), validated at startup.
        AddSection(services, o => o.Sync, EnrichmentSyncOptions.SectionName, (s, o) => KeyedMessages.Validate(new EnrichmentSyncOptionsAnnotations(), s, o));
        AddSection(services, o => o.Scoring, TrustScoringOptions.SectionName, (s, o) => KeyedMessages.Validate(new TrustScoringOptionsAnnotations(), s, o)
            .Concat(o.Weights is null ? [] : KeyedMessages.Validate(new TrustWeightsAnnotations(), s + ":Weights", o.Weights))
            .Concat(o.HalfLives is null ? [] : KeyedMessages.Validate(new TrustHalfLivesAnnotations(), s + ":HalfLives", o.HalfLives)));
        AddSection(services, o => o.Kpis, PartnerKpiOptions.SectionName, (s, o) => KeyedMessages.Validate(new PartnerKpiOptionsAnnotations(), s, o));
        AddSection(services, o => o.Targeting, TargetingOptions.SectionName, (s, o) => KeyedMessages.Validate(new TargetingOptionsAnnotations(), s, o));
        AddSection(services, o => o.RelationshipGraph, RelationshipGraphOptions.SectionName, (s, o) => KeyedMessages.Validate(new RelationshipGraphOptionsAnnotations(), s, o));
        AddSection(services, o => o.Handover, HandoverOptions.SectionName, (s, o) => KeyedMessages.Validate(new HandoverOptionsAnnotations(), s, o));
        AddSection(services, o => o.Continuity, ContinuityOptions.SectionName, (s, o) => KeyedMessages.Validate(new ContinuityOptionsAnnotations(), s, o));

        services.TryAddSingleton(sp => new TrustScorer(sp.GetRequiredService<IOptions<TrustScoringOptions>>().Value));
        services.TryAddSingleton(sp => new PartnerKpiCalculator(sp.GetRequiredService<IOptions<PartnerKpiOptions>>().Value));
        services.TryAddSingleton<IEnrichmentCalculator>(sp => new KarteEnrichmentCalculator(
            sp.GetRequiredService<TrustScorer>(),
            sp.GetRequiredService<PartnerKpiCalculator>(),
            sp.GetRequiredService<IOptions<EnrichmentSyncOptions>>().Value.KpiPeriodDays));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<KarteConnector>(sp.GetRequiredService<IOptions<PartnerKarteOptions>>().Value.Connector
            ?? throw new InvalidOperationException("PartnerKarte:Connector is not set and the choice of connector is ambiguous; set it to the connector the sync runs against.")));
        services.TryAddTransient(sp => new EnrichmentSync(
            sp.GetRequiredService<KarteConnector>(),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetRequiredService<IEnrichmentCalculator>(),
            sp.GetRequiredService<IOptions<EnrichmentSyncOptions>>().Value,
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

    private static void AddSection<TOptions>(IServiceCollection services, Func<PartnerKarteOptions, TOptions> select, string section, Func<string, TOptions, IEnumerable<string>> annotations)
        where TOptions : class
    {
        services.TryAddSingleton<IOptionsFactory<TOptions>>(sp => new SectionOptionsFactory<TOptions>(
            sp.GetRequiredService<PartnerKarteOptionsRoot>(),
            select,
            sp.GetServices<IConfigureOptions<TOptions>>(),
            sp.GetServices<IPostConfigureOptions<TOptions>>(),
            sp.GetServices<IValidateOptions<TOptions>>()));
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<TOptions>) && d.ImplementationInstance is KeyedOptionsValidator<TOptions>))
        {
            services.AddSingleton<IValidateOptions<TOptions>>(new KeyedOptionsValidator<TOptions>(section, annotations));
        }

        services.AddOptions<TOptions>().ValidateOnStart();
    }
}
