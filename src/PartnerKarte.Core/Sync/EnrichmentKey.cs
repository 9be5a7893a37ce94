namespace PartnerKarte.Sync;

/// <summary>Identifies one enrichment target record.</summary>
/// <param name="Target">Rep or company.</param>
/// <param name="Id">The karte id (<c>RepId.Value</c> or <c>CompanyId.Value</c>).</param>
public readonly record struct EnrichmentKey(EnrichmentTarget Target, string Id)
{
    /// <summary>A short form such as <c>rep:R001</c>, for ledgers and reports (ids only, no personal data).</summary>
    public override string ToString() => (Target == EnrichmentTarget.Rep ? "rep:" : "company:") + Id;
}
