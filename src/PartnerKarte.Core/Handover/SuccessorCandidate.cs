using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>A possible successor rep at the partner, with the reasons (same department, overlapping expertise, existing trust).</summary>
/// <param name="RepId">The candidate.</param>
/// <param name="Score">The fit in 0..1.</param>
/// <param name="Reasons">The reasons, largest contribution first.</param>
public sealed record SuccessorCandidate(RepId RepId, double Score, IReadOnlyList<FitReason> Reasons);
