using PartnerKarte.Console.Commands;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Report;

/// <summary>What the HTML report shows, aggregated: no interaction or proposal is kept.</summary>
internal sealed record ReportModel
{
    /// <summary>Every company, in ordinal id order.</summary>
    public required IReadOnlyList<ReportCompany> Companies { get; init; }

    public required int RepCount { get; init; }

    public required int EnrichedReps { get; init; }

    public required int ProposalCount { get; init; }

    public required long InteractionCount { get; init; }

    public required DemoSummary Summary { get; init; }
}

/// <summary>One row of the partner table.</summary>
internal sealed record ReportCompany(string Id, string Name, string? Industry, string? Prefecture, EnrichmentRecord? E)
{
    public static ReportCompany Of(PartnerCompany company, EnrichmentRecord? e) =>
        new(company.Id.Value, company.Name, company.Profile.Industry, company.Profile.Prefecture, e);
}
