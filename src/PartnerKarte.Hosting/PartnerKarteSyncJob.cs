using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerKarte.Sync;

namespace PartnerKarte.Hosting;

/// <summary>
/// The nightly enrichment sync as a hosted job: when the host starts it runs one sync against the selected connector,
/// then stops the host and sets the process exit code (see <see cref="SyncExitCodes"/>). Schedule the process with cron,
/// a systemd timer or a Kubernetes CronJob.
/// </summary>
/// <remarks>
/// <para>The run takes the state's run lease first: a second job on the same state ends with <see cref="SyncExitCodes.AlreadyRunning"/>
/// without reading or writing anything.</para>
/// <para>Stopping the host (SIGTERM, Ctrl+C) cancels the run at the next batch boundary: committed batches stay committed,
/// the run is recorded as aborted, the exit code is <see cref="SyncExitCodes.Cancelled"/>, and the next run resumes.
/// Give the host enough <c>HostOptions.ShutdownTimeout</c> for one write batch to finish.</para>
/// </remarks>
public sealed class PartnerKarteSyncJob : BackgroundService
{
    private readonly IServiceProvider services;
    private readonly SyncJobOptions options;
    private readonly IHostApplicationLifetime? lifetime;
    private readonly ILogger logger;
    private readonly TaskCompletionSource<SyncJobResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the job.</summary>
    /// <param name="services">Resolves the <see cref="EnrichmentSync"/> when the job runs.</param>
    /// <param name="options">The job's options.</param>
    /// <param name="lifetime">Stopped when the run has ended (if <see cref="SyncJobOptions.StopHostWhenDone"/>); <see langword="null"/> outside a host.</param>
    /// <param name="logger">The logger.</param>
    public PartnerKarteSyncJob(IServiceProvider services, IOptions<SyncJobOptions> options, IHostApplicationLifetime? lifetime = null, ILogger<PartnerKarteSyncJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        this.services = services;
        this.options = options.Value;
        this.lifetime = lifetime;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Completes when the run has ended, with its exit code and report.</summary>
    public Task<SyncJobResult> Completion => completion.Task;

    /// <summary>Runs one sync.</summary>
    /// <param name="stoppingToken">Cancelled when the host stops.</param>
    /// <returns>A task that completes when the run has ended.</returns>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and its other hosted services start) before the run.
        await Task.Yield();
        SyncJobResult result;
        try
        {
            var sync = services.GetRequiredService<EnrichmentSync>();
            var report = await sync.RunAsync(new SyncRunOptions { FullRefresh = options.FullRefresh }, cancellationToken: stoppingToken).ConfigureAwait(false);
            result = new SyncJobResult(SyncExitCodes.FromReport(report), report, report.Error);
            logger.LogInformation(
                "PartnerKarte sync {RunId} ended {Outcome} (exit code {ExitCode}): read {Read}, written {Written}, skipped {Skipped}, failed {Failed}",
                report.RunId, report.Outcome, result.ExitCode, report.Read, report.Written, report.Skipped, report.Failed);
        }
        catch (Exception ex)
        {
            result = new SyncJobResult(SyncExitCodes.FromException(ex), null, ex.Message);
            if (result.ExitCode == SyncExitCodes.Cancelled)
            {
                logger.LogWarning("PartnerKarte sync cancelled; committed batches stay committed and the next run resumes (exit code {ExitCode})", result.ExitCode);
            }
            else
            {
                logger.LogError(ex, "PartnerKarte sync did not run to the end (exit code {ExitCode})", result.ExitCode);
            }
        }

        if (options.SetProcessExitCode)
        {
            Environment.ExitCode = result.ExitCode;
        }

        completion.TrySetResult(result);
        if (options.StopHostWhenDone)
        {
            lifetime?.StopApplication();
        }
    }
}
