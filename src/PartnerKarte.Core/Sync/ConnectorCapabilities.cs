namespace PartnerKarte.Sync;

/// <summary>What a connector can do and how hard the sync engine may push it.</summary>
public sealed record ConnectorCapabilities
{
    /// <summary>The most enrichment records per <see cref="KarteConnector.WriteEnrichmentAsync"/> call (Salesforce collections 200, Dataverse $batch up to 1000). Default 200.</summary>
    public int MaxBatchSize { get; init; } = 200;

    /// <summary>The most concurrent write calls (Dataverse: from <c>x-ms-dop-hint</c>). Default 1.</summary>
    public int MaxParallelism { get; init; } = 1;

    /// <summary>Whether <see cref="KarteConnector.ReadChangesAsync"/> honours a watermark; when <see langword="false"/> every read is a full read.</summary>
    public bool SupportsDelta { get; init; }

    /// <summary>Whether the connector switches to a bulk API for large writes by itself (Salesforce Bulk API 2.0).</summary>
    public bool SupportsBulk { get; init; }

    /// <summary>Whether the change feed reports deletions.</summary>
    public bool SupportsDeletions { get; init; }

    /// <summary>Whether <see cref="KarteConnector.UpsertKarteAsync"/> is implemented (migration target).</summary>
    public bool SupportsKarteUpsert { get; init; }

    /// <summary>Whether <see cref="KarteConnector.ApplyOperationsAsync"/> is implemented (handover).</summary>
    public bool SupportsOperations { get; init; }

    /// <summary>
    /// Whether the connector's own enrichment writes come back through its change feed (a CRM moves a record's
    /// modification stamp on every write). Such a connector hands the changed companies and reps over in full
    /// (<see cref="ChangeSummary.CompanyRecords"/>, <see cref="ChangeSummary.RepRecords"/>); the sync keeps a fingerprint of
    /// each company and rep it reads and does not read again or recompute from a fresh read the ones that come back unchanged.
    /// </summary>
    public bool ChangeFeedEchoesWrites { get; init; }
}
