namespace PartnerKarte.Sync;

/// <summary>Per-run choices of <see cref="EnrichmentSync.RunAsync"/>.</summary>
public sealed record SyncRunOptions
{
    /// <summary>Compute and diff but write nothing (no connector write, no state change); the report lists the changes.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Ignore the saved watermark and recompute every karte. Scores decay with time, so a periodic full refresh
    /// (for example weekly) keeps the scores of reps without new activity current; unchanged values are still not written.
    /// </summary>
    public bool FullRefresh { get; init; }

    /// <summary>The instant scores and KPIs describe; default the run's start from the <see cref="TimeProvider"/>. Fix it to make reruns reproducible.</summary>
    public DateTimeOffset? AsOf { get; init; }
}
