namespace PartnerKarte.Sync;

/// <summary>An entry of the failure ledger: a record that could not be written (or did not validate), retried next run.</summary>
public sealed record SyncFailure
{
    /// <summary>The target.</summary>
    public required EnrichmentKey Key { get; init; }

    /// <summary>A machine-readable code (<c>VALIDATION</c> for records that failed validation, otherwise the connector's code).</summary>
    public required string ErrorCode { get; init; }

    /// <summary>The reason, naming the field when validation failed; no personal data.</summary>
    public required string Reason { get; init; }

    /// <summary>Whether a retry may succeed without a data change.</summary>
    public bool IsTransient { get; init; }

    /// <summary>How many runs failed on this record in a row.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>When it first failed.</summary>
    public required DateTimeOffset FirstFailedAt { get; init; }

    /// <summary>When it last failed.</summary>
    public required DateTimeOffset LastFailedAt { get; init; }
}
