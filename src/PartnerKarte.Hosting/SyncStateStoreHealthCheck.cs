using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerKarte.Sync;

namespace PartnerKarte.Hosting;

/// <summary>Checks that the sync state store opens and answers a read, within a timeout.</summary>
internal sealed class SyncStateStoreHealthCheck(IServiceProvider services, TimeSpan timeout, TimeProvider time) : IHealthCheck
{
    /// <summary>The state key read by the check; no sync uses it.</summary>
    internal const string ProbeKey = "partnerkarte.health";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        ConnectorHealthCheck.WithinAsync(
            "sync state store",
            timeout,
            time,
            async ct =>
            {
                var store = services.GetRequiredService<ISyncStateStore>();
                _ = await store.GetWatermarkAsync(ProbeKey, ct).ConfigureAwait(false);
                return HealthCheckResult.Healthy("The sync state store answers.");
            },
            cancellationToken);
}
