using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Options of PartnerKarte in a host (configuration section <c>PartnerKarte</c>), validated at startup.</summary>
public sealed class PartnerKarteOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte";

    /// <summary>
    /// The connector the sync runs against (<c>PartnerKarte:Connector</c>): <c>sqlite</c>, <c>salesforce</c> or <c>dataverse</c>; it
    /// must be added on the builder. Unset (the default): the one CRM connector added, or <c>sqlite</c> when no other connector
    /// is added; with two or more CRM connectors added it must be set, or the host stops at startup.
    /// </summary>
    public string? Connector { get; set; }

    /// <summary>Sync options (<c>PartnerKarte:Sync</c>).</summary>
    public EnrichmentSyncOptions Sync { get; set; } = new();

    /// <summary>Trust scoring options (<c>PartnerKarte:Scoring</c>).</summary>
    public TrustScoringOptions Scoring { get; set; } = new();

    /// <summary>KPI options (<c>PartnerKarte:Kpis</c>).</summary>
    public PartnerKpiOptions Kpis { get; set; } = new();
}
