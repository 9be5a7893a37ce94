namespace PartnerKarte.Targeting;

/// <summary>An introduction path from one of our users to a target rep.</summary>
/// <param name="Score">The product of the hop strengths, in (0, 1].</param>
/// <param name="People">The people on the path, our user first, the target last.</param>
/// <param name="Hops">The hops with their evidence.</param>
public sealed record ReferralPath(double Score, IReadOnlyList<PersonRef> People, IReadOnlyList<ReferralHop> Hops);
