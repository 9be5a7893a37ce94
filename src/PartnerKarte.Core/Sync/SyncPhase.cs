namespace PartnerKarte.Sync;

/// <summary>The phases of a sync run, in order.</summary>
public enum SyncPhase
{
    /// <summary>Reading the change feed since the saved watermark.</summary>
    ReadingChanges = 0,

    /// <summary>Reading the affected kartes, computing scores and KPIs, diffing and writing.</summary>
    Enriching = 1,

    /// <summary>The run is finished.</summary>
    Completed = 2,
}
