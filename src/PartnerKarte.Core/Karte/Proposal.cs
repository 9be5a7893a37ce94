namespace PartnerKarte.Karte;

/// <summary>A proposal or deal brought through a partner (提案・商談).</summary>
public sealed record Proposal
{
    /// <summary>The proposal's id.</summary>
    public required ProposalId Id { get; init; }

    /// <summary>The partner company.</summary>
    public required CompanyId CompanyId { get; init; }

    /// <summary>The partner rep involved, when known.</summary>
    public RepId? RepId { get; init; }

    /// <summary>Our owner of the deal.</summary>
    public UserId? OwnerId { get; init; }

    /// <summary>What was offered (product or package).</summary>
    public required string Offer { get; init; }

    /// <summary>Themes of the proposal, matched against rep interests.</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];

    /// <summary>Amount in yen (金額).</summary>
    public decimal Amount { get; init; }

    /// <summary>Gross profit in yen (粗利), or <see langword="null"/> when not recorded.</summary>
    public decimal? GrossProfit { get; init; }

    /// <summary>Sales stage.</summary>
    public ProposalStage Stage { get; init; }

    /// <summary>Outcome.</summary>
    public ProposalOutcome Outcome { get; init; }

    /// <summary>When the proposal was created.</summary>
    public required DateOnly CreatedOn { get; init; }

    /// <summary>When it was won or lost.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>Loss reason, for lost proposals.</summary>
    public LossReason? LossReason { get; init; }

    /// <summary>When the record last changed, as reported by its store.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}
