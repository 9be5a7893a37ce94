namespace PartnerKarte.Migration;

/// <summary>A pair of indexed records the <see cref="KarteMatcher"/> believes may be duplicates.</summary>
/// <typeparam name="TId">The id type (<see cref="Karte.CompanyId"/> or <see cref="Karte.RepId"/>).</typeparam>
/// <param name="First">The record indexed first.</param>
/// <param name="Second">The record indexed later.</param>
/// <param name="Score">How likely the two are the same, 0..1.</param>
/// <param name="Reasons">The evidence, for and against.</param>
public sealed record DuplicateCandidate<TId>(TId First, TId Second, double Score, IReadOnlyList<MatchReason> Reasons)
    where TId : struct;
