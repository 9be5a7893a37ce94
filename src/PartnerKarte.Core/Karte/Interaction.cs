namespace PartnerKarte.Karte;

/// <summary>One contact with a partner rep (コミュニケーション履歴).</summary>
public sealed record Interaction
{
    /// <summary>The interaction's id.</summary>
    public required InteractionId Id { get; init; }

    /// <summary>The partner rep.</summary>
    public required RepId RepId { get; init; }

    /// <summary>When it took place.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>How it took place.</summary>
    public InteractionChannel Channel { get; init; }

    /// <summary>Which side started it.</summary>
    public Initiator Initiator { get; init; }

    /// <summary>What it was about.</summary>
    public InteractionPurpose Purpose { get; init; }

    /// <summary>For a reply: how long the replying side took (the rep's latency when <see cref="Initiator"/> is <see cref="Initiator.Rep"/>).</summary>
    public TimeSpan? ResponseLatency { get; init; }

    /// <summary>Our team member involved.</summary>
    public UserId? UserId { get; init; }

    /// <summary>Other partner reps who took part (shared meetings feed the relationship graph).</summary>
    public IReadOnlyList<RepId> OtherParticipants { get; init; } = [];

    /// <summary>What the rep said (発言内容).</summary>
    public string? Statements { get; init; }

    /// <summary>How the rep reacted (反応).</summary>
    public Reaction Reaction { get; init; }

    /// <summary>Concerns raised (懸念点).</summary>
    public string? Concerns { get; init; }

    /// <summary>The next action agreed, if any.</summary>
    public NextAction? NextAction { get; init; }

    /// <summary>The proposal discussed, if any.</summary>
    public ProposalId? ProposalId { get; init; }

    /// <summary>When the record last changed, as reported by its store.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}
