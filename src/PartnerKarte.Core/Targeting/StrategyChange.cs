using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>A change of a partner company's policy or focus, and what to do about it (戦略変更時の提案最適化).</summary>
public sealed record StrategyChange
{
    /// <summary>The company.</summary>
    public required CompanyId CompanyId { get; init; }

    /// <summary>Focus tags that appeared.</summary>
    public IReadOnlyList<string> AddedFocus { get; init; } = [];

    /// <summary>Focus tags that disappeared.</summary>
    public IReadOnlyList<string> RemovedFocus { get; init; } = [];

    /// <summary>Whether the business policy text changed (after NFKC folding and trimming).</summary>
    public bool PolicyChanged { get; init; }

    /// <summary>Active, reachable reps at the company whose expertise or interests match the new direction, best match first.</summary>
    public IReadOnlyList<RepMatch> MatchingReps { get; init; } = [];

    /// <summary>Offers that fit the new direction, best match first.</summary>
    public IReadOnlyList<OfferMatch> OffersToRetarget { get; init; } = [];

    /// <summary>Open proposals at the company whose themes matched only the removed focus.</summary>
    public IReadOnlyList<ProposalId> ProposalsAtRisk { get; init; } = [];

    /// <summary>Whether anything changed.</summary>
    public bool HasChanged => PolicyChanged || AddedFocus.Count > 0 || RemovedFocus.Count > 0;
}
