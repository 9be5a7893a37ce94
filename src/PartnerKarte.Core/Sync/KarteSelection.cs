using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// Which karte records <see cref="KarteConnector.ReadKarteAsync"/> returns: the listed companies with all
/// their proposals, and the listed reps with all their interactions and the proposals they are on.
/// </summary>
public sealed record KarteSelection
{
    /// <summary>Companies to read, with their proposals.</summary>
    public IReadOnlyList<CompanyId> CompanyIds { get; init; } = [];

    /// <summary>Reps to read, with their interactions and proposals.</summary>
    public IReadOnlyList<RepId> RepIds { get; init; } = [];
}
