namespace PartnerKarte.Hosting;

/// <summary>Options of the hosted sync job (configuration section <c>PartnerKarte:SyncJob</c>).</summary>
public sealed class SyncJobOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:SyncJob";

    /// <summary>
    /// Run a full refresh this time (<c>PartnerKarte:SyncJob:FullRefresh</c>). Default <see langword="false"/>: incremental, with
    /// a full refresh on the cadence of <c>PartnerKarte:Sync:FullRefreshEvery</c> or when there is no local state.
    /// </summary>
    public bool FullRefresh { get; set; }

    /// <summary>Stop the host when the run has ended (<c>PartnerKarte:SyncJob:StopHostWhenDone</c>). Default <see langword="true"/>: the process runs one sync and exits.</summary>
    public bool StopHostWhenDone { get; set; } = true;

    /// <summary>
    /// Set <see cref="Environment.ExitCode"/> to the run's <see cref="SyncExitCodes">exit code</see>
    /// (<c>PartnerKarte:SyncJob:SetProcessExitCode</c>). Default <see langword="true"/>, so <c>host.Run()</c> exits with it.
    /// </summary>
    public bool SetProcessExitCode { get; set; } = true;
}
