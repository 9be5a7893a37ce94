using System.ComponentModel.DataAnnotations;

namespace PartnerKarte.Sync;

/// <summary>Options of the enrichment sync (configuration section <c>PartnerKarte:Sync</c>).</summary>
public sealed class EnrichmentSyncOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Sync";

    /// <summary>
    /// Follow-up into the CRM (off by default): for each rep whose follow-up priority the run writes as high or urgent,
    /// one open task for our owner with the reason (keyed by <see cref="FollowUpTask.Key"/>, so nights update it instead of
    /// adding another); when a later run writes a lower priority, the task is closed. Needs a connector that writes them
    /// (Salesforce, Dataverse).
    /// </summary>
    public bool FollowUpTasks { get; set; }

    /// <summary>The most concurrent write calls; the connector's <see cref="ConnectorCapabilities.MaxParallelism"/> caps it. Default 4.</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = 4;

    /// <summary>Records per write call; 0 uses the connector's <see cref="ConnectorCapabilities.MaxBatchSize"/>, a larger value is capped by it. Default 0.</summary>
    [Range(0, 100_000)]
    public int BatchSize { get; set; }

    /// <summary>The KPI period written back: the trailing number of days up to the as-of day. Default 365.</summary>
    [Range(1, 3660)]
    public int KpiPeriodDays { get; set; } = 365;

    /// <summary>Companies per karte read (each with all its reps and interactions). Default 50.</summary>
    [Range(1, 10_000)]
    public int CompaniesPerRead { get; set; } = 50;

    /// <summary>The most failures listed in one <see cref="SyncReport"/> (all go to the ledger). Default 1000.</summary>
    [Range(0, 1_000_000)]
    public int MaxReportedFailures { get; set; } = 1000;

    /// <summary>
    /// A pause before every write call, to spread a run's writes and spare the target's API limits (a CRM shared
    /// with daytime users). Default zero: no pause.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WritePause { get; set; }

    /// <summary>
    /// Runs a full refresh (see <see cref="SyncRunOptions.FullRefresh"/>) when the last one finished longer ago than this,
    /// for example 7 days, so local state drifting from the CRM (a change the CRM did not report) is corrected on a cadence.
    /// Default <see langword="null"/>: only on request or when there is no local state.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? FullRefreshEvery { get; set; }

    /// <summary>
    /// How long the run lease lasts without renewal; a run renews it as it goes, so this only bounds how long a run that
    /// died blocks the next one. Default 30 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The retention period (保存期間) in months: each run first drops the statements, concerns and personality data (DiSC,
    /// MBTI, note) of reps with no interaction in this many months, in a connector that holds its own karte (the SQLite store),
    /// and reports it in <see cref="SyncReport.Retention"/>. Default <see langword="null"/>: off, nothing is dropped.
    /// </summary>
    [Range(1, 1200)]
    public int? RetentionMonths { get; set; }

    /// <summary>Throws when an option is invalid; the message names each bad option by its configuration key (under <see cref="SectionName"/>).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public void Validate() => Validation.OptionsRules.ThrowIfInvalid(this, SectionName);
}
