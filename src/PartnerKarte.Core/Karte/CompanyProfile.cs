namespace PartnerKarte.Karte;

/// <summary>A partner company's basic profile (基本情報).</summary>
public sealed record CompanyProfile
{
    /// <summary>Industry (業種), e.g. SIer, 広告代理店.</summary>
    public string? Industry { get; init; }

    /// <summary>Prefecture of the head office (都道府県), e.g. 東京都.</summary>
    public string? Prefecture { get; init; }

    /// <summary>Address (所在地).</summary>
    public string? Address { get; init; }

    /// <summary>Number of employees (従業員数).</summary>
    public int? EmployeeCount { get; init; }

    /// <summary>Year founded (設立年).</summary>
    public int? YearFounded { get; init; }

    /// <summary>Annual revenue in yen (売上高).</summary>
    public decimal? Revenue { get; init; }

    /// <summary>Capital in yen (資本金).</summary>
    public decimal? Capital { get; init; }

    /// <summary>Fiscal closing month, 1–12 (決算月).</summary>
    public int? FiscalClosingMonth { get; init; }

    /// <summary>Number of existing customers (既存顧客数).</summary>
    public int? ExistingCustomerCount { get; init; }

    /// <summary>Customer segments served (顧客属性), e.g. 中小企業, 製造業.</summary>
    public IReadOnlyList<string> CustomerSegments { get; init; } = [];

    /// <summary>Web domain, used for matching (e.g. example.co.jp).</summary>
    public string? Domain { get; init; }
}
