using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>A set of karte records of all kinds, as read from or written to a connector.</summary>
/// <remarks>Employment episodes travel inside <see cref="PartnerRep.Employment"/>; custom items inside each record.</remarks>
public sealed record KarteRecordBatch
{
    /// <summary>Partner companies.</summary>
    public IReadOnlyList<PartnerCompany> Companies { get; init; } = [];

    /// <summary>Partner reps, with their employment episodes.</summary>
    public IReadOnlyList<PartnerRep> Reps { get; init; } = [];

    /// <summary>Proposals.</summary>
    public IReadOnlyList<Proposal> Proposals { get; init; } = [];

    /// <summary>Interactions.</summary>
    public IReadOnlyList<Interaction> Interactions { get; init; } = [];

    /// <summary>The number of records in the batch.</summary>
    public int Count => Companies.Count + Reps.Count + Proposals.Count + Interactions.Count;

    /// <summary>An empty batch.</summary>
    public static KarteRecordBatch Empty { get; } = new();
}
