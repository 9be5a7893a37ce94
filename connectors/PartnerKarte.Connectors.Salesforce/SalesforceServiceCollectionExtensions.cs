using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Registers the Salesforce connector.</summary>
public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SalesforceConnector"/> (also as <see cref="KarteConnector"/>) on its own, without the sync engine, with
    /// options bound from <paramref name="configuration"/> (e.g. the <c>PartnerKarte:Salesforce</c> section) and validated at
    /// startup. Apps that run the sync use <c>services.AddPartnerKarte(...).AddSalesforce(...)</c> instead.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Further changes to the options (certificates, overrides in code).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSalesforceConnector(this IServiceCollection services, IConfiguration configuration, Action<SalesforceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<SalesforceOptions>().Bind(configuration);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        SalesforcePartnerKarteBuilderExtensions.AddServices(services);
        services.AddOptions<SalesforceOptions>().ValidateOnStart();
        services.TryAddSingleton(SalesforcePartnerKarteBuilderExtensions.Create);
        services.AddSingleton<KarteConnector>(sp => sp.GetRequiredService<SalesforceConnector>());
        return services;
    }
}
