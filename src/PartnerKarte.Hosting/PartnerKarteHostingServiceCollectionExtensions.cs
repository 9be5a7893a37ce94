using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartnerKarte.Hosting;

namespace PartnerKarte;

/// <summary>Adds the hosted sync job to a host: <c>builder.Services.AddPartnerKarte(...).AddSalesforce(...).AddSqliteStore(...); builder.Services.AddPartnerKarteSyncJob();</c>.</summary>
public static class PartnerKarteHostingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PartnerKarteSyncJob"/>: when the host starts it runs one sync, then stops the host with the run's exit code.
    /// Its options bind from <paramref name="configuration"/>'s <c>PartnerKarte:SyncJob</c> section when given.
    /// </summary>
    /// <param name="services">The services (with <c>AddPartnerKarte</c> and a connector added).</param>
    /// <param name="configuration">The host's configuration (the root, not a section); <see langword="null"/> to set the options in code only.</param>
    /// <param name="configure">Sets the options in code, after binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPartnerKarteSyncJob(this IServiceCollection services, IConfiguration? configuration = null, Action<SyncJobOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SyncJobOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(SyncJobOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<PartnerKarteSyncJob>();
        services.AddHostedService(sp => sp.GetRequiredService<PartnerKarteSyncJob>());
        return services;
    }

    /// <summary>
    /// Adds the health checks <c>partnerkarte-connector</c> (the selected connector: reachable, signed in, mapping in place) and
    /// <c>partnerkarte-state</c> (the sync state store answers), each unhealthy when it fails or takes longer than
    /// <paramref name="timeout"/>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddHealthChecks()</c>.</param>
    /// <param name="timeout">The most each check may take; default 10 seconds.</param>
    /// <param name="tags">Tags for both checks (for example <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddPartnerKarteChecks(this IHealthChecksBuilder builder, TimeSpan? timeout = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        var tagList = tags?.ToArray() ?? [];

        // The checks bound themselves (with a message saying so); the registration's timeout is the backstop.
        var backstop = limit + TimeSpan.FromSeconds(1);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Add(new HealthCheckRegistration(
            ConnectorCheckName,
            sp => new ConnectorHealthCheck(sp, limit, sp.GetRequiredService<TimeProvider>()),
            HealthStatus.Unhealthy,
            tagList,
            backstop));
        builder.Add(new HealthCheckRegistration(
            StateCheckName,
            sp => new SyncStateStoreHealthCheck(sp, limit, sp.GetRequiredService<TimeProvider>()),
            HealthStatus.Unhealthy,
            tagList,
            backstop));
        return builder;
    }

    /// <summary>The name of the connector health check.</summary>
    public const string ConnectorCheckName = "partnerkarte-connector";

    /// <summary>The name of the state store health check.</summary>
    public const string StateCheckName = "partnerkarte-state";
}
