namespace PartnerKarte.Karte;

/// <summary>Terms and contract status with a partner (取引条件・契約状況).</summary>
public sealed record PartnerContract
{
    /// <summary>Kind of partnership.</summary>
    public ContractType Type { get; init; }

    /// <summary>Start date (契約開始日).</summary>
    public DateOnly Start { get; init; }

    /// <summary>Term in months (契約期間).</summary>
    public int? TermMonths { get; init; }

    /// <summary>End date, when fixed; otherwise derived from <see cref="Start"/> and <see cref="TermMonths"/>.</summary>
    public DateOnly? End { get; init; }

    /// <summary>Whether the contract renews automatically (自動更新).</summary>
    public bool AutoRenew { get; init; }

    /// <summary>Commission rate in percent, 0–100 (手数料率).</summary>
    public decimal? CommissionRatePercent { get; init; }

    /// <summary>When the commission rate is due for review, if agreed.</summary>
    public DateOnly? CommissionReviewDate { get; init; }

    /// <summary>Sales conditions (販売条件), free text.</summary>
    public string? SalesConditions { get; init; }

    /// <summary>The effective end date: <see cref="End"/>, or start plus term.</summary>
    public DateOnly? EffectiveEnd => End ?? (TermMonths is int m ? Start.AddMonths(m).AddDays(-1) : null);
}
