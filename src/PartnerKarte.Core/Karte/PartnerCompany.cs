namespace PartnerKarte.Karte;

/// <summary>The company-level karte of a partner (パートナー企業カルテ).</summary>
public sealed record PartnerCompany
{
    /// <summary>The company's id.</summary>
    public required CompanyId Id { get; init; }

    /// <summary>Registered name, as written (e.g. 株式会社サンプル商事).</summary>
    public required string Name { get; init; }

    /// <summary>Reading of the name in katakana (会社名カナ).</summary>
    public string? NameKana { get; init; }

    /// <summary>The 13-digit corporate number (法人番号), when known.</summary>
    public string? CorporateNumber { get; init; }

    /// <summary>Basic profile (基本情報).</summary>
    public CompanyProfile Profile { get; init; } = new();

    /// <summary>Business policy (事業方針).</summary>
    public string? BusinessPolicy { get; init; }

    /// <summary>Strengths (強み).</summary>
    public string? Strengths { get; init; }

    /// <summary>Challenges and weaknesses (課題).</summary>
    public string? Challenges { get; init; }

    /// <summary>Current focus themes, used by targeting and strategy-change detection (注力領域).</summary>
    public IReadOnlyList<string> FocusTags { get; init; } = [];

    /// <summary>The contract, when one is in place.</summary>
    public PartnerContract? Contract { get; init; }

    /// <summary>Our partner manager who owns this partner.</summary>
    public UserId? OwnerId { get; init; }

    /// <summary>Each team's own hearing items, by template key.</summary>
    public IReadOnlyDictionary<string, KarteValue> CustomItems { get; init; } = new Dictionary<string, KarteValue>();

    /// <summary>When the record last changed, as reported by its store.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }
}
