using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
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
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(d => d.ServiceType == typeof(DataverseHttpClientMarker)))
        {
            return;
        }

        services.AddSingleton<DataverseHttpClientMarker>();
        services.AddTransient<DataverseAttemptHandler>();
        services.AddHttpClient(DataverseServiceCollectionExtensions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = sp.GetRequiredService<IOptions<DataverseOptions>>().Value.ConnectTimeout,
            })
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan) // each attempt is bounded by the pipeline's timeout
            .AddResilienceHandler(DataverseResilience.PipelineName, (pipeline, context) =>
            {
                var sp = context.ServiceProvider;
                pipeline.TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                if (sp.GetService<DataverseResiliencePipeline>() is { } own)
                {
                    own.Configure(pipeline, context);
                    return;
                }

                pipeline.AddDataverseRetry(
                    sp.GetRequiredService<IOptions<DataverseOptions>>().Value,
                    sp.GetService<ILoggerFactory>()?.CreateLogger<DataverseConnector>());
            });
        services.AddHttpClient(DataverseServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(sp => new DataverseServiceProtectionHandler(sp.GetService<TimeProvider>()))
            .AddHttpMessageHandler<DataverseAttemptHandler>();
    }

    /// <summary>
    /// Tunes or replaces the HTTP pipeline of the Dataverse connector: <paramref name="configure"/> receives the named
    /// client's <see cref="IHttpClientBuilder"/> (<see cref="DataverseServiceCollectionExtensions.HttpClientName"/>), whose
    /// resilience handler is named <see cref="DataverseResilience.PipelineName"/>. For example
    /// <see cref="ConfigureDataverseResilience"/> replaces the retry (the service-protection
    /// gate stays), <c>http.ConfigurePrimaryHttpMessageHandler(...)</c> sets a proxy.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the client's builder.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder ConfigureDataverseHttpClient(this PartnerKarteBuilder builder, Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services);
        configure(builder.Services.AddHttpClient(DataverseServiceCollectionExtensions.HttpClientName));
        return builder;
    }

    /// <summary>
    /// Replaces the Dataverse connector's retry with a pipeline of your own, without removing handlers: <paramref name="configure"/>
    /// builds the connector's resilience handler (<see cref="DataverseResilience.PipelineName"/>) instead of the connector's retry.
    /// <c>pipeline.AddDataverseRetry(options)</c> adds the connector's own definition of a transient failure to it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Builds the pipeline; the context's <c>ServiceProvider</c> resolves the options.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder ConfigureDataverseResilience(this PartnerKarteBuilder builder, Action<ResiliencePipelineBuilder<HttpResponseMessage>, ResilienceHandlerContext> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services);
        builder.Services.RemoveAll<DataverseResiliencePipeline>();
        builder.Services.AddSingleton(new DataverseResiliencePipeline(configure));
        return builder;
    }

    /// <summary>A host's own pipeline in place of the connector's retry.</summary>
    private sealed record DataverseResiliencePipeline(Action<ResiliencePipelineBuilder<HttpResponseMessage>, ResilienceHandlerContext> Configure);

    private sealed class DataverseHttpClientMarker;

    /// <summary>Creates the connector from the validated options and the named HttpClient.</summary>
    internal static DataverseConnector Create(IServiceProvider sp) => new(
        sp.GetRequiredService<IOptions<DataverseOptions>>().Value,
        sp.GetRequiredService<IHttpClientFactory>().CreateClient(DataverseServiceCollectionExtensions.HttpClientName),
        sp.GetRequiredService<TimeProvider>(),
        sp.GetService<ILogger<DataverseConnector>>(),
        pipelineIncluded: true);
}
