namespace PartnerKarte.Sync;

/// <summary>What an upsert by external id did to one record.</summary>
public enum UpsertOutcome
{
    /// <summary>The record failed; see the result's error.</summary>
    Failed = 0,

    /// <summary>A new record was created.</summary>
    Created = 1,

    /// <summary>An existing record (same external id) was updated.</summary>
    Updated = 2,
}
