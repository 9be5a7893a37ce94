namespace PartnerKarte.Sync;

/// <summary>A karte record deleted in the source since the previous watermark.</summary>
/// <param name="Kind">The kind of record.</param>
/// <param name="Id">The karte id of the record (the value of <c>CompanyId</c>, <c>RepId</c>, ...).</param>
public sealed record DeletedRecord(KarteRecordKind Kind, string Id)
{
    /// <summary>
    /// The rep the record belonged to (an interaction's or proposal's rep), when the connector knows it. The sync
    /// recomputes that rep; without it, a deleted interaction or proposal makes the sync recompute every karte.
    /// </summary>
    public string? RepId { get; init; }

    /// <summary>The company the record belonged to (a rep's or proposal's company), when the connector knows it; the sync recomputes it.</summary>
    public string? CompanyId { get; init; }
}
