using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// Which karte records <see cref="KarteConnector.ReadKarteAsync"/> returns:
/// <list type="bullet">
/// <item><description>each listed company with its whole karte: the company, all its proposals, all reps whose
/// <see cref="PartnerRep.CompanyId"/> is the company, and all interactions of those reps and the proposals they are on
/// (a transferred rep's proposals at a former company count for the rep's trust score);</description></item>
/// <item><description>each listed rep with all its interactions and the proposals it is on (<see cref="Proposal.RepId"/>).</description></item>
/// </list>
/// </summary>
/// <remarks>
/// Connectors split large selections into several batches, but a batch that carries a listed company carries
/// all of that company's records listed above (the sync engine computes a company's KPIs and completeness and
/// its reps' trust scores from one batch). A record may appear in more than one batch.
/// </remarks>
public sealed record KarteSelection
{
    /// <summary>Companies to read, each with its whole karte.</summary>
    public IReadOnlyList<CompanyId> CompanyIds { get; init; } = [];

    /// <summary>Reps to read, with their interactions and proposals.</summary>
    public IReadOnlyList<RepId> RepIds { get; init; } = [];
}
