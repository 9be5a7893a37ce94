namespace PartnerKarte.Migration;

/// <summary>A record the <see cref="KarteMatcher"/> believes may be the same as the one searched for.</summary>
/// <typeparam name="TId">The id type (<see cref="Karte.CompanyId"/> or <see cref="Karte.RepId"/>).</typeparam>
/// <param name="Id">The candidate's id.</param>
/// <param name="Score">How likely the two are the same, 0..1.</param>
/// <param name="Reasons">The evidence, for and against, in the order it was weighed.</param>
public sealed record MatchCandidate<TId>(TId Id, double Score, IReadOnlyList<MatchReason> Reasons)
    where TId : struct;
