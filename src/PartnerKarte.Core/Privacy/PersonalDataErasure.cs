namespace PartnerKarte.Privacy;

/// <summary>
/// The plan or the outcome of erasing one person's data (利用停止・消去): what the store held and removed, the sync state
/// forgotten, the CRM enrichment fields cleared, and the tombstone. Counts and flags only, no personal data.
/// </summary>
public sealed record PersonalDataErasure
{
    /// <summary>The rep's karte id, as requested.</summary>
    public required string RepId { get; init; }

    /// <summary><see langword="false"/> for a plan (nothing changed), <see langword="true"/> when the erasure was carried out.</summary>
    public required bool Applied { get; init; }

    /// <summary>When the plan was made or the erasure carried out.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Whether a tombstone for the rep existed before this call (an earlier erasure).</summary>
    public bool AlreadyErased { get; init; }

    /// <summary>What the store held (plan) or removed (applied); <see langword="null"/> when no store was given.</summary>
    public PersonalDataHoldings? Store { get; init; }

    /// <summary>Sync-state rows about the rep (written hashes, failure ledger entries, mirror entries) deleted; 0 in a plan.</summary>
    public int SyncStateRemoved { get; init; }

    /// <summary>Whether the tombstone was recorded by this call.</summary>
    public bool TombstoneRecorded { get; init; }

    /// <summary>The CRM connector whose enrichment fields are cleared, or <see langword="null"/> when none was given.</summary>
    public string? Crm { get; init; }

    /// <summary>Whether the CRM holds a contact for the rep (the contact itself is never deleted).</summary>
    public bool CrmContactFound { get; init; }

    /// <summary>Whether the CRM's PartnerKarte enrichment fields of the contact were cleared.</summary>
    public bool CrmFieldsCleared { get; init; }

    /// <summary>Why clearing the CRM fields failed (an error code and message from the CRM), or <see langword="null"/>.</summary>
    public string? CrmError { get; init; }

    /// <summary>Notes for the person handling the request, in Japanese with English beside.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether the erasure completed everywhere it was asked to (always <see langword="true"/> for a plan).</summary>
    public bool Succeeded => !Applied || CrmError is null;
}
