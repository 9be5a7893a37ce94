using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Privacy;

/// <summary>
/// Everything PartnerKarte holds or derived about one partner rep (a person), for a disclosure request under APPI
/// (個人情報保護法, 開示請求): the karte with its custom items and personality, employment history, the interactions they
/// took part in with statements, concerns and next actions, their proposals, and the trust score with its explanation.
/// </summary>
public sealed record PersonalDataExport
{
    /// <summary>When the export was made (the instant the trust score describes).</summary>
    public required DateTimeOffset ExportedAt { get; init; }

    /// <summary>The connector the data came from (<c>sqlite</c>, <c>salesforce</c>, <c>dataverse</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The rep's karte: name and kana, title, department, contact details, tags, personality, custom items, employment.</summary>
    public required PartnerRep Rep { get; init; }

    /// <summary>The name of the rep's current company, when known.</summary>
    public string? CompanyName { get; init; }

    /// <summary>The interactions the rep took part in (statements, concerns, next actions), oldest first.</summary>
    public IReadOnlyList<Interaction> Interactions { get; init; } = [];

    /// <summary>The proposals the rep was involved in.</summary>
    public IReadOnlyList<Proposal> Proposals { get; init; } = [];

    /// <summary>The trust score derived about the rep, or <see langword="null"/> when it was not computed.</summary>
    public TrustScore? TrustScore { get; init; }

    /// <summary>The trust score's explanation in Japanese, as shown to users.</summary>
    public IReadOnlyList<string> TrustExplanation { get; init; } = [];

    /// <summary>The enrichment values last written about the rep (to the CRM or the store), when the caller supplies them.</summary>
    public EnrichmentRecord? WrittenEnrichment { get; init; }

    /// <summary>
    /// The CRM fields PartnerKarte maps on the rep's contact, as the CRM holds them (karte fields and the enrichment fields the
    /// sync wrote), when the export was read from a CRM; <see langword="null"/> otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? CrmFields { get; init; }
}
