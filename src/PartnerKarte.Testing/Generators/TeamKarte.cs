using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Testing;

/// <summary>A karte with our team and trust scores, from <see cref="KarteGenerators.TeamKarte"/>.</summary>
/// <param name="Data">The karte, with <see cref="KarteDataSet.TeamMembers"/>.</param>
/// <param name="Trust">Trust scores by rep, for the reps that have one.</param>
public sealed record TeamKarte(KarteDataSet Data, IReadOnlyDictionary<RepId, TrustScore> Trust);
