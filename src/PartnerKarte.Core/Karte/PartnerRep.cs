namespace PartnerKarte.Karte;

/// <summary>The rep-level karte of a partner sales rep (パートナー担当者カルテ).</summary>
public sealed record PartnerRep
{
    /// <summary>The rep's id.</summary>
    public required RepId Id { get; init; }

    /// <summary>The company the rep currently belongs to.</summary>
    public required CompanyId CompanyId { get; init; }

    /// <summary>Name with kana reading.</summary>
    public required PersonName Name { get; init; }

    /// <summary>Current title (役職).</summary>
    public string? Title { get; init; }

    /// <summary>Current department (部署).</summary>
    public string? Department { get; init; }

    /// <summary>Email address.</summary>
    public string? Email { get; init; }

    /// <summary>Phone number as entered.</summary>
    public string? Phone { get; init; }

    /// <summary>Products and industries the rep is good at (得意領域).</summary>
    public IReadOnlyList<string> ExpertiseTags { get; init; } = [];

    /// <summary>Themes the rep cares about (関心分野).</summary>
    public IReadOnlyList<string> InterestTags { get; init; } = [];

    /// <summary>Personality profile (DiSC / MBTI).</summary>
    public Personality Personality { get; init; } = Personality.None;

    /// <summary>Whether the rep can be worked with.</summary>
    public RepStatus Status { get; init; } = RepStatus.Active;

    /// <summary>Employment history; the current episode has no end date.</summary>
    public IReadOnlyList<EmploymentEpisode> Employment { get; init; } = [];

    /// <summary>The member of our team who owns the relationship.</summary>
    public UserId? OwnerId { get; init; }

    /// <summary>The rep asked not to be contacted or introduced (never routed through in referrals).</summary>
    public bool OptedOut { get; init; }

    /// <summary>Each team's own hearing items, by template key.</summary>
    public IReadOnlyDictionary<string, KarteValue> CustomItems { get; init; } = new Dictionary<string, KarteValue>();

    /// <summary>When the record last changed, as reported by its store.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>The current employment episode, if any.</summary>
    public EmploymentEpisode? CurrentEpisode => Employment.LastOrDefault(e => e.IsCurrent);
}
