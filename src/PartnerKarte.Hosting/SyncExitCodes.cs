using Microsoft.Extensions.Options;
using PartnerKarte.Sync;

namespace PartnerKarte.Hosting;

/// <summary>
/// The process exit codes of a sync run, the same as the <c>partnerkarte</c> console's, so a scheduler (cron, a systemd
/// timer, a Kubernetes CronJob) can tell what happened and whether to rerun.
/// </summary>
public static class SyncExitCodes
{
    /// <summary>0: every record that needed a write was written.</summary>
    public const int Succeeded = 0;

    /// <summary>1: the run finished but some records failed; they are in the failure ledger and retried by the next run.</summary>
    public const int PartiallyFailed = 1;

    /// <summary>2: bad configuration (a missing or invalid option, an ambiguous connector, a CRM mapping problem): fix it, then rerun.</summary>
    public const int ConfigurationProblem = 2;

    /// <summary>
    /// 3: the environment failed: the CRM is unreachable or refused the run, the state store cannot be opened or written.
    /// What was committed stays committed; rerun once it is fixed.
    /// </summary>
    public const int EnvironmentProblem = 3;

    /// <summary>4: another sync holds the run lease of the same state: this run did nothing; run it again later.</summary>
    public const int AlreadyRunning = 4;

    /// <summary>130: cancelled (SIGTERM, Ctrl+C): committed batches stay committed and the next run resumes after them.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code of a run that returned a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns><see cref="Succeeded"/>, <see cref="PartiallyFailed"/>, or for an aborted run <see cref="ConfigurationProblem"/> or <see cref="EnvironmentProblem"/>.</returns>
    public static int FromReport(SyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Outcome switch
        {
            SyncOutcome.Succeeded => Succeeded,
            SyncOutcome.PartiallyFailed => PartiallyFailed,
            _ => report.IsConfigurationProblem ? ConfigurationProblem : EnvironmentProblem,
        };
    }

    /// <summary>The exit code of a run that threw.</summary>
    /// <param name="exception">What the run threw.</param>
    /// <returns><see cref="AlreadyRunning"/>, <see cref="Cancelled"/>, <see cref="ConfigurationProblem"/> or <see cref="EnvironmentProblem"/>.</returns>
    public static int FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SyncAlreadyRunningException => AlreadyRunning,
            OperationCanceledException => Cancelled,
            OptionsValidationException => ConfigurationProblem,
            PartnerKarteException { IsConfigurationProblem: true } => ConfigurationProblem,
            _ => EnvironmentProblem,
        };
    }
}
