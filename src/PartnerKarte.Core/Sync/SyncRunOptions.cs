namespace PartnerKarte.Sync;

/// <summary>Per-run choices of <see cref="EnrichmentSync.RunAsync"/>.</summary>
public sealed record SyncRunOptions
{
    /// <summary>Compute and diff but write nothing (no connector write, no state change); the report lists the changes.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Ignore the saved watermark and local state, read every karte from the connector, rebuild the local state (the karte
    /// mirror) from it and recompute everything; unchanged values are still not written. Recovers a lost or damaged state store.
    /// Every run, full or not, evaluates every rep and company as of its instant.
    /// </summary>
    public bool FullRefresh { get; init; }

    /// <summary>The instant scores and KPIs describe; default the run's start from the <see cref="TimeProvider"/>. Fix it to make reruns reproducible.</summary>
    public DateTimeOffset? AsOf { get; init; }
}
