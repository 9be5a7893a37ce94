using PartnerKarte.Handover;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using PartnerKarte.Targeting;

namespace PartnerKarte;

/// <summary>
/// Options of PartnerKarte in a host: the configuration section <c>PartnerKarte</c> and, one sub-section per options class,
/// <c>PartnerKarte:Sync</c>, <c>PartnerKarte:Scoring</c>, <c>PartnerKarte:Kpis</c>, <c>PartnerKarte:Targeting</c>,
/// <c>PartnerKarte:RelationshipGraph</c>, <c>PartnerKarte:Handover</c> and <c>PartnerKarte:Continuity</c>. Each of those is
/// also available as <c>IOptions&lt;T&gt;</c> (the same instance) and validated at startup on its own, every message naming
/// the configuration key.
/// </summary>
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

    /// <summary>Proposal targeting options (<c>PartnerKarte:Targeting</c>).</summary>
    public TargetingOptions Targeting { get; set; } = new();

    /// <summary>Relationship graph options (<c>PartnerKarte:RelationshipGraph</c>).</summary>
    public RelationshipGraphOptions RelationshipGraph { get; set; } = new();

    /// <summary>Handover options (<c>PartnerKarte:Handover</c>).</summary>
    public HandoverOptions Handover { get; set; } = new();

    /// <summary>Continuity monitor options (<c>PartnerKarte:Continuity</c>).</summary>
    public ContinuityOptions Continuity { get; set; } = new();
}
