using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using PartnerKarte.Connectors.Salesforce;

namespace PartnerKarte;

/// <summary>Adds the Salesforce connector to PartnerKarte: <c>services.AddPartnerKarte().AddSalesforce(config.GetSection("PartnerKarte:Salesforce"))</c>.</summary>
public static class SalesforcePartnerKarteBuilderExtensions
{
    /// <summary>
    /// Registers the <c>salesforce</c> connector with options bound from <paramref name="section"/> (normally
    /// <c>PartnerKarte:Salesforce</c>), validated at startup with one message per problem naming the option.
    /// The sync state lives in an <see cref="Sync.ISyncStateStore"/> registered separately (for example <c>AddSqliteStore</c>).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <param name="configure">Further changes to the options after binding (certificates, overrides in code).</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddSalesforce(this PartnerKarteBuilder builder, IConfiguration section, Action<SalesforceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var options = builder.Services.AddOptions<SalesforceOptions>().Bind(section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return Register(builder);
    }

    /// <summary>Like <see cref="AddSalesforce(PartnerKarteBuilder, IConfiguration, Action{SalesforceOptions})"/>, with the options set in code.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddSalesforce(this PartnerKarteBuilder builder, Action<SalesforceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SalesforceOptions>().Configure(configure);
        return Register(builder);
    }

    private static PartnerKarteBuilder Register(PartnerKarteBuilder builder)
    {
        AddServices(builder.Services);
        builder.AddConnector<SalesforceConnector, SalesforceOptions>("salesforce", Create); // options validated at startup when selected
        return builder;
    }

    /// <summary>Options validation, the named HttpClient and the clock; shared with <c>AddSalesforceConnector</c>.</summary>
    internal static void AddServices(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SalesforceOptions>>(SalesforceOptionsAnnotations.Keyed));
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(d => d.ServiceType == typeof(SalesforceHttpClientMarker)))
        {
            return;
        }

        services.AddSingleton<SalesforceHttpClientMarker>();
        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan) // each attempt is bounded by the pipeline's timeout
            .AddResilienceHandler(SalesforceResilience.PipelineName, (pipeline, context) =>
            {
                var sp = context.ServiceProvider;
                pipeline.TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                if (sp.GetService<SalesforceResiliencePipeline>() is { } own)
                {
                    own.Configure(pipeline, context);
                    return;
                }

                pipeline.AddSalesforceRetry(
                    sp.GetRequiredService<IOptions<SalesforceOptions>>().Value,
                    sp.GetService<ILoggerFactory>()?.CreateLogger<SalesforceConnector>());
            })
            .Services.AddTransient<SalesforceAttemptHandler>();
        services.AddHttpClient(HttpClientName).AddHttpMessageHandler<SalesforceAttemptHandler>();
    }

    /// <summary>
    /// Tunes or replaces the HTTP pipeline of the Salesforce connector: <paramref name="configure"/> receives the named
    /// client's <see cref="IHttpClientBuilder"/> (see <see cref="HttpClientName"/>), whose resilience handler is named
    /// <see cref="SalesforceResilience.PipelineName"/>. For example <c>http.ConfigurePrimaryHttpMessageHandler(...)</c> sets a proxy;
    /// <see cref="ConfigureSalesforceResilience"/> replaces the retry.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the client's builder.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder ConfigureSalesforceHttpClient(this PartnerKarteBuilder builder, Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddServices(builder.Services);
        configure(builder.Services.AddHttpClient(HttpClientName));
        return builder;
    }

    /// <summary>
    /// Replaces the Salesforce connector's retry with a pipeline of your own, without removing handlers: <paramref name="configure"/>
    /// builds the connector's resilience handler (<see cref="SalesforceResilience.PipelineName"/>) instead of the connector's retry.
    /// <c>pipeline.AddSalesforceRetry(options)</c> adds the connector's own definition of a transient failure to it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Builds the pipeline; the context's <c>ServiceProvider</c> resolves the options.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder ConfigureSalesforceResilience(this PartnerKarteBuilder builder, Action<ResiliencePipelineBuilder<HttpResponseMessage>, ResilienceHandlerContext> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddServices(builder.Services);
        builder.Services.RemoveAll<SalesforceResiliencePipeline>();
        builder.Services.AddSingleton(new SalesforceResiliencePipeline(configure));
        return builder;
    }

    /// <summary>A host's own pipeline in place of the connector's retry.</summary>
    private sealed record SalesforceResiliencePipeline(Action<ResiliencePipelineBuilder<HttpResponseMessage>, ResilienceHandlerContext> Configure);

    /// <summary>The name of the Salesforce connector's HttpClient in <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = nameof(SalesforceConnector);

    private sealed class SalesforceHttpClientMarker;

    internal static SalesforceConnector Create(IServiceProvider sp) => new(
        sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SalesforceConnector)),
        sp.GetRequiredService<IOptions<SalesforceOptions>>().Value,
        sp.GetService<TimeProvider>(),
        sp.GetService<ILogger<SalesforceConnector>>(),
        pipelineIncluded: true);
}
