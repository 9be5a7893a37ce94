namespace PartnerKarte.Karte;

/// <summary>
/// A set of kartes held in memory: the input of the calculators (scoring, KPIs, handover, targeting)
/// and the unit the sample data generator and the stores exchange.
/// </summary>
public sealed record KarteDataSet
{
    /// <summary>Partner companies.</summary>
    public IReadOnlyList<PartnerCompany> Companies { get; init; } = [];

    /// <summary>Partner reps.</summary>
    public IReadOnlyList<PartnerRep> Reps { get; init; } = [];

    /// <summary>Proposals.</summary>
    public IReadOnlyList<Proposal> Proposals { get; init; } = [];

    /// <summary>Interactions.</summary>
    public IReadOnlyList<Interaction> Interactions { get; init; } = [];

    /// <summary>Members of our own team.</summary>
    public IReadOnlyList<TeamMember> TeamMembers { get; init; } = [];

    /// <summary>Tasks for our team (e.g. created by a handover).</summary>
    public IReadOnlyList<KarteTask> Tasks { get; init; } = [];

    /// <summary>An empty set.</summary>
    public static KarteDataSet Empty { get; } = new();
}
