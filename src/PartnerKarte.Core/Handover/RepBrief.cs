using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>The part of a handover brief about one rep.</summary>
public sealed record RepBrief
{
    /// <summary>The rep's karte.</summary>
    public required PartnerRep Rep { get; init; }

    /// <summary>The rep's company name.</summary>
    public required string CompanyName { get; init; }

    /// <summary>Who takes over the relationship on our side, when known.</summary>
    public UserId? Successor { get; init; }

    /// <summary>The trust score, when one was given.</summary>
    public TrustScore? Trust { get; init; }

    /// <summary>The trust score's main factors as short sentences, largest contribution first.</summary>
    public IReadOnlyList<LocalizedText> TrustExplanation { get; init; } = [];

    /// <summary>Tendency labels (積極的, レスポンスが早い …).</summary>
    public IReadOnlyList<LocalizedText> Tendencies { get; init; } = [];

    /// <summary>Approach tips from the DiSC/MBTI profile.</summary>
    public IReadOnlyList<ApproachTip> ApproachTips { get; init; } = [];

    /// <summary>Open proposals with the rep.</summary>
    public IReadOnlyList<Proposal> OpenProposals { get; init; } = [];

    /// <summary>Interactions holding an open next action with the rep.</summary>
    public IReadOnlyList<Interaction> OpenActions { get; init; } = [];

    /// <summary>Interactions of the digest window, newest first.</summary>
    public IReadOnlyList<Interaction> RecentInteractions { get; init; } = [];

    /// <summary>Strongest ties of the rep in the relationship graph.</summary>
    public IReadOnlyList<(PersonRef Person, double Strength)> Relationships { get; init; } = [];

    /// <summary>Colleagues the rep could introduce us to.</summary>
    public IReadOnlyList<SuggestedIntroduction> SuggestedIntroductions { get; init; } = [];

    /// <summary>The best introduction path from the successor to the rep, when one exists.</summary>
    public ReferralPath? PathFromSuccessor { get; init; }

    /// <summary>Required brief items missing for this rep.</summary>
    public BriefItems Missing { get; init; }
}
