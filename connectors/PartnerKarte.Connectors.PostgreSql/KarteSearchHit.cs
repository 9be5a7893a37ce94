using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>A company or rep whose name or kana reading matched a search (<see cref="PostgreSqlKarteConnector.SearchAsync"/>).</summary>
/// <param name="Kind"><see cref="KarteRecordKind.Company"/> or <see cref="KarteRecordKind.Rep"/>.</param>
/// <param name="Id">The karte id.</param>
/// <param name="Name">The company name, or the rep's full name.</param>
/// <param name="Kana">The kana reading, when recorded.</param>
/// <param name="CompanyId">For a rep, the company it belongs to.</param>
public sealed record KarteSearchHit(KarteRecordKind Kind, string Id, string Name, string? Kana, string? CompanyId);
