namespace PartnerKarte.Sync;

/// <summary>How a sync run ended (maps to the console exit code: 0 succeeded, 1 partial failures).</summary>
public enum SyncOutcome
{
    /// <summary>Every record needing a write was written.</summary>
    Succeeded = 0,

    /// <summary>The run finished but some records failed; they are in the failure ledger.</summary>
    PartiallyFailed = 1,

    /// <summary>The run stopped early (error or cancellation) after its last checkpoint; a rerun resumes.</summary>
    Aborted = 2,
}
