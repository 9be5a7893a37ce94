using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>A colleague a rep could introduce us to (紹介の依頼先), from the relationship graph.</summary>
/// <param name="Via">The rep who would introduce.</param>
/// <param name="To">The colleague.</param>
/// <param name="Strength">The tie strength between them, in (0, 1].</param>
/// <param name="Evidence">Why they are connected.</param>
public sealed record SuggestedIntroduction(RepId Via, RepId To, double Strength, IReadOnlyList<RelationshipEvidence> Evidence);
