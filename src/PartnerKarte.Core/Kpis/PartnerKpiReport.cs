namespace PartnerKarte.Kpis;

/// <summary>The KPI report over all partners of a data set for one period.</summary>
public sealed record PartnerKpiReport
{
    /// <summary>The period of the metrics.</summary>
    public required KpiPeriod Period { get; init; }

    /// <summary>The day alerts and completeness describe.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>One summary per company, in the data set's company order.</summary>
    public IReadOnlyList<PartnerKpiSummary> Partners { get; init; } = [];

    /// <summary>The partners' focus entries, best first.</summary>
    public IReadOnlyList<PartnerFocus> FocusRanking { get; init; } = [];

    /// <summary>All contract alerts, most urgent (earliest date) first.</summary>
    public IReadOnlyList<ContractAlert> Alerts { get; init; } = [];

    /// <summary>
    /// Proposals whose company is not in the data set. They are left out of every partner's metrics and counted
    /// here so nothing is lost silently.
    /// </summary>
    public int UnmatchedProposals { get; init; }
}
