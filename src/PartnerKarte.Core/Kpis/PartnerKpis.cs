using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>
/// Outcome metrics of one partner over a period (成果指標). Deals are proposals created in the period; won and
/// lost are proposals closed in the period (by <see cref="Proposal.ClosedOn"/>, or the creation day when a
/// closed proposal has no close date); open are proposals open at the end of the period.
/// </summary>
public sealed record PartnerKpis
{
    /// <summary>The partner company.</summary>
    public required CompanyId CompanyId { get; init; }

    /// <summary>The period.</summary>
    public required KpiPeriod Period { get; init; }

    /// <summary>Proposals created in the period (商談数).</summary>
    public int Deals { get; init; }

    /// <summary>Proposals won in the period (受注件数).</summary>
    public int Won { get; init; }

    /// <summary>Proposals lost in the period (失注件数).</summary>
    public int Lost { get; init; }

    /// <summary>Proposals open at the end of the period.</summary>
    public int Open { get; init; }

    /// <summary>Amount of the proposals won in the period, in yen (売上額).</summary>
    public decimal Revenue { get; init; }

    /// <summary>
    /// Gross profit of the proposals won in the period, in yen (粗利額); 0 when nothing was won, and
    /// <see langword="null"/> (unknown) when a won proposal carries no gross profit, since the total cannot be known then.
    /// </summary>
    public decimal? GrossProfit { get; init; }

    /// <summary>Amount of the proposals open at the end of the period, in yen.</summary>
    public decimal OpenPipelineAmount { get; init; }

    /// <summary>Won / (won + lost) in 0..1 (受注率), or <see langword="null"/> when nothing closed in the period.</summary>
    public double? WinRate { get; init; }

    /// <summary>Revenue / won, or <see langword="null"/> when nothing was won.</summary>
    public decimal? AverageDealSize { get; init; }

    /// <summary>Mean days from creation to close of the proposals won in the period, or <see langword="null"/> when nothing was won.</summary>
    public double? AverageCycleDays { get; init; }

    /// <summary>Loss reasons of the proposals lost in the period, most frequent first.</summary>
    public IReadOnlyList<LossReasonCount> LossReasons { get; init; } = [];
}
