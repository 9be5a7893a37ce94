using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerKarte.Sync;

namespace PartnerKarte.Hosting;

/// <summary>
/// Checks the selected connector (<see cref="KarteConnector.CheckHealthAsync"/>: reachable, signed in, mapping in place)
/// within a timeout. Connection refused and DNS failures are not retried, so they are reported at once.
/// </summary>
internal sealed class ConnectorHealthCheck(IServiceProvider services, TimeSpan timeout, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        KarteConnector connector;
        try
        {
            connector = services.GetRequiredService<KarteConnector>();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy("The selected connector cannot be created: " + ex.Message, ex);
        }

        return await WithinAsync(
            $"connector '{connector.Name}'",
            timeout,
            time,
            async ct =>
            {
                var health = await connector.CheckHealthAsync(ct).ConfigureAwait(false);
                return health.IsHealthy
                    ? HealthCheckResult.Healthy($"Connector '{connector.Name}' is reachable and its mapping is in place.")
                    : HealthCheckResult.Unhealthy($"Connector '{connector.Name}': " + string.Join(" ", health.Problems));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="check"/>, reporting unhealthy when it throws or takes longer than <paramref name="timeout"/>.</summary>
    internal static async Task<HealthCheckResult> WithinAsync(string what, TimeSpan timeout, TimeProvider time, Func<CancellationToken, Task<HealthCheckResult>> check, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            // WaitAsync bounds the check even when it does not honour its token.
            return await check(cts.Token).WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {what} did not answer within {timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy($"The {what} failed: {ex.Message}", ex);
        }
    }
}
