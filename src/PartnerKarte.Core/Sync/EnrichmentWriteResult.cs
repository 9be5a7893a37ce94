namespace PartnerKarte.Sync;

/// <summary>The outcome of writing one <see cref="EnrichmentRecord"/>. Failures are values: the sync engine puts them in its failure ledger and retries them next run.</summary>
public sealed record EnrichmentWriteResult
{
    /// <summary>The record written.</summary>
    public required EnrichmentKey Key { get; init; }

    /// <summary>Whether the target now holds the values.</summary>
    public bool Succeeded { get; init; }

    /// <summary>A short machine-readable code on failure (for example <c>NOT_FOUND</c>, <c>UNABLE_TO_LOCK_ROW</c>, <c>0x80040217</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A message on failure. Must not contain field values that are personal data.</summary>
    public string? Message { get; init; }

    /// <summary>Whether retrying the same write later may succeed (throttling, locks, outages).</summary>
    public bool IsTransient { get; init; }

    /// <summary>A success result.</summary>
    /// <param name="key">The record.</param>
    /// <returns>The result.</returns>
    public static EnrichmentWriteResult Success(EnrichmentKey key) => new() { Key = key, Succeeded = true };

    /// <summary>A failure result.</summary>
    /// <param name="key">The record.</param>
    /// <param name="errorCode">Machine-readable code.</param>
    /// <param name="message">What went wrong, without personal data.</param>
    /// <param name="isTransient">Whether a retry may succeed.</param>
    /// <returns>The result.</returns>
    public static EnrichmentWriteResult Failure(EnrichmentKey key, string errorCode, string message, bool isTransient = false) =>
        new() { Key = key, Succeeded = false, ErrorCode = errorCode, Message = message, IsTransient = isTransient };
}
