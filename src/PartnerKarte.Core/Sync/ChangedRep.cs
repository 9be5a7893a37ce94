using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>A rep created or modified since a watermark, with the company it belongs to now.</summary>
/// <param name="Id">The rep.</param>
/// <param name="CompanyId">The rep's current company (<see cref="PartnerRep.CompanyId"/>).</param>
public readonly record struct ChangedRep(RepId Id, CompanyId CompanyId);
