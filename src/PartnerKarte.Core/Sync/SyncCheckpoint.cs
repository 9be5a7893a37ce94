namespace PartnerKarte.Sync;

/// <summary>What one committed write batch changed in the sync state, stored in one transaction.</summary>
public sealed record SyncCheckpoint
{
    /// <summary>Records the connector accepted: their hashes replace the last-written hashes and their ledger entries are cleared.</summary>
    public IReadOnlyList<WrittenEnrichment> Written { get; init; } = [];

    /// <summary>Records that failed: added to the ledger, or their attempt count raised.</summary>
    public IReadOnlyList<SyncFailure> Failures { get; init; } = [];

    /// <summary>Ledger entries to clear without a write (the record no longer needs one, for example it was deleted or its values went back to what was last written).</summary>
    public IReadOnlyList<EnrichmentKey> Resolved { get; init; } = [];
}
