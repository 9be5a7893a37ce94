namespace PartnerKarte.Targeting;

/// <summary>One hop of an introduction path, with the evidence for the relationship.</summary>
/// <param name="From">Who introduces.</param>
/// <param name="To">Who is introduced.</param>
/// <param name="Strength">The edge strength in (0, 1].</param>
/// <param name="Evidence">Why the two are connected.</param>
public sealed record ReferralHop(PersonRef From, PersonRef To, double Strength, IReadOnlyList<RelationshipEvidence> Evidence);
