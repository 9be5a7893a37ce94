using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Registers the Salesforce connector.</summary>
public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SalesforceConnector"/> (also as <see cref="KarteConnector"/>) with options bound from
    /// <paramref name="configuration"/> (e.g. the <c>PartnerKarte:Salesforce</c> section) and validated at startup.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <param name="configure">Further changes to the options (certificates, overrides in code).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSalesforceConnector(this IServiceCollection services, IConfiguration configuration, Action<SalesforceConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<SalesforceConnectorOptions>().Bind(configuration);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.Validate(o => o.Validate().Count == 0, "Invalid PartnerKarte:Salesforce options (see SalesforceConnectorOptions.Validate)").ValidateOnStart();
        services.AddHttpClient(nameof(SalesforceConnector));
        services.AddSingleton(sp => new SalesforceConnector(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SalesforceConnector)),
            sp.GetRequiredService<IOptions<SalesforceConnectorOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<SalesforceConnector>>()));
        services.AddSingleton<KarteConnector>(sp => sp.GetRequiredService<SalesforceConnector>());
        return services;
    }
}
