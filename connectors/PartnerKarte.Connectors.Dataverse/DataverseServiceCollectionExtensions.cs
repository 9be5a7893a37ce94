using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Registers the Dataverse connector with dependency injection.</summary>
public static class DataverseServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the connector uses (configure it with <c>AddHttpClient</c> to add handlers).</summary>
    public const string HttpClientName = "PartnerKarte.Dataverse";

    /// <summary>
    /// Registers <see cref="DataverseConnector"/> on its own (also as <see cref="KarteConnector"/>), for apps that do not use
    /// <c>AddPartnerKarte</c>; with it, use <c>AddPartnerKarte(...).AddDataverse(...)</c> instead. Options are bound from
    /// <paramref name="configuration"/> (e.g. <c>PartnerKarte:Dataverse</c>) and validated at startup.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section with <see cref="DataverseOptions"/> keys.</param>
    /// <param name="configure">Further changes to the options after binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDataverseConnector(this IServiceCollection services, IConfiguration configuration, Action<DataverseOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<DataverseOptions>().Bind(configuration);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        DataversePartnerKarteBuilderExtensions.AddCore(services);
        services.AddOptions<DataverseOptions>().ValidateOnStart();
        services.TryAddSingleton(DataversePartnerKarteBuilderExtensions.Create);
        services.AddSingleton<KarteConnector>(sp => sp.GetRequiredService<DataverseConnector>());
        return services;
    }
}
