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

    /// <summary>The reps of the report, highest follow-up priority first, then lowest trust.</summary>
    public IReadOnlyList<ReportRep> Reps { get; init; } = [];

    /// <summary>The owner filter (<c>--owner</c>), as a name; null for the whole karte.</summary>
    public string? Owner { get; init; }

    /// <summary>Where the karte was read from (sqlite, salesforce, dataverse).</summary>
    public string Source { get; init; } = "sqlite";
}

/// <summary>One row of the per-rep section: rank, score, the reasons behind them and the follow-up alert.</summary>
internal sealed record ReportRep(string Id, string Name, string Company, string Owner, EnrichmentRecord? E);

/// <summary>One row of the partner table.</summary>
internal sealed record ReportCompany(string Id, string Name, string? Industry, string? Prefecture, EnrichmentRecord? E)
{
    /// <summary>The focus quadrant (重点強化 / 育成 / 維持 / 見直し), when the ranking could be computed.</summary>
    public string? Quadrant { get; init; }

    /// <summary>The karte items not filled in yet (labels in Japanese), most important first.</summary>
    public IReadOnlyList<string> MissingItems { get; init; } = [];

    /// <summary>Our owner's name.</summary>
    public string Owner { get; init; } = "—";

    public static ReportCompany Of(PartnerCompany company, EnrichmentRecord? e) =>
        new(company.Id.Value, company.Name, company.Profile.Industry, company.Profile.Prefecture, e);
}
