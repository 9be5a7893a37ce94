namespace PartnerKarte.Sync;

/// <summary>The outcome of upserting one karte record by its external id (the karte id).</summary>
/// <param name="Kind">The kind of record.</param>
/// <param name="Id">The karte id, used as the external id.</param>
/// <param name="Outcome">Created, updated or failed.</param>
/// <param name="ErrorCode">A machine-readable code on failure.</param>
/// <param name="Message">A message on failure, without personal data.</param>
public sealed record KarteUpsertResult(KarteRecordKind Kind, string Id, UpsertOutcome Outcome, string? ErrorCode = null, string? Message = null)
{
    /// <summary>Whether the record now exists in the target with the given values.</summary>
    public bool Succeeded => Outcome != UpsertOutcome.Failed;
}
