using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>Everything the KPI calculator says about one partner: metrics, contract alerts, karte completeness and focus.</summary>
public sealed record PartnerKpiSummary
{
    /// <summary>The partner company.</summary>
    public required CompanyId CompanyId { get; init; }

    /// <summary>The company's name as recorded.</summary>
    public required string Name { get; init; }

    /// <summary>Outcome metrics for the period.</summary>
    public required PartnerKpis Kpis { get; init; }

    /// <summary>Contract alerts as of the report day.</summary>
    public IReadOnlyList<ContractAlert> Alerts { get; init; } = [];

    /// <summary>Karte completeness.</summary>
    public required KarteCompleteness Completeness { get; init; }

    /// <summary>Place in the focus ranking.</summary>
    public required PartnerFocus Focus { get; init; }
}
