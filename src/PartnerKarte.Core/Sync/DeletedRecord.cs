namespace PartnerKarte.Sync;

/// <summary>A karte record deleted in the source since the previous watermark.</summary>
/// <param name="Kind">The kind of record.</param>
/// <param name="Id">The karte id of the record (the value of <c>CompanyId</c>, <c>RepId</c>, ...).</param>
public sealed record DeletedRecord(KarteRecordKind Kind, string Id);
