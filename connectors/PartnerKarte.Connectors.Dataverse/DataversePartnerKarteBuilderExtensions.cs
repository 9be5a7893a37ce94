using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Dataverse;

namespace PartnerKarte;

/// <summary>Adds the Dynamics 365 / Dataverse connector to PartnerKarte.</summary>
public static class DataversePartnerKarteBuilderExtensions
{
    /// <summary>
    /// Registers the <c>dataverse</c> connector: <c>services.AddPartnerKarte().AddDataverse(config.GetSection("PartnerKarte:Dataverse"))</c>.
    /// The options (including a <see cref="DataverseOptions.ConnectionString"/>) are bound from <paramref name="section"/> and validated
    /// at startup: a missing URL, credential or bad mapping stops the host with a message naming the option.
    /// </summary>
    /// <param name="builder">The builder from <c>AddPartnerKarte</c>.</param>
    /// <param name="section">The configuration section with <see cref="DataverseOptions"/> keys.</param>
    /// <param name="configure">Further changes to the options after binding.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddDataverse(this PartnerKarteBuilder builder, IConfiguration section, Action<DataverseOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var options = builder.Services.AddOptions<DataverseOptions>().Bind(section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return Register(builder);
    }

    /// <summary>Like <see cref="AddDataverse(PartnerKarteBuilder, IConfiguration, Action{DataverseOptions})"/>, with the options set in code.</summary>
    /// <param name="builder">The builder from <c>AddPartnerKarte</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddDataverse(this PartnerKarteBuilder builder, Action<DataverseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<DataverseOptions>().Configure(configure);
        return Register(builder);
    }

    private static PartnerKarteBuilder Register(PartnerKarteBuilder builder)
    {
        AddCore(builder.Services);
        builder.AddConnector<DataverseConnector, DataverseOptions>("dataverse", Create); // registers the singleton; options validated at startup when selected
        return builder;
    }

    /// <summary>Options validation and the named HttpClient (shared with <c>AddDataverseConnector</c>).</summary>
    internal static void AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataverseOptions>, DataverseOptionsValidator>());
        services.AddHttpClient(DataverseServiceCollectionExtensions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<DataverseOptions>>().Value.RequestTimeout);
        services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>Creates the connector from the validated options and the named HttpClient.</summary>
    internal static DataverseConnector Create(IServiceProvider sp) => new(
        sp.GetRequiredService<IOptions<DataverseOptions>>().Value,
        sp.GetRequiredService<IHttpClientFactory>().CreateClient(DataverseServiceCollectionExtensions.HttpClientName),
        sp.GetRequiredService<TimeProvider>(),
        sp.GetService<ILogger<DataverseConnector>>());
}
