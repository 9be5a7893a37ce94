namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// The Salesforce fields enrichment values are written to. Defaults match the metadata shipped in
/// <c>metadata/</c>; override any of them in configuration (<c>PartnerKarte:Salesforce:Fields:TrustScore</c> …).
/// An empty name disables that value.
/// </summary>
public sealed class SalesforceEnrichmentFields
{
    /// <summary>External-id field holding the karte id on every mapped object.</summary>
    public string ExternalId { get; set; } = "PK_ExternalId__c";

    /// <summary>
    /// Long-text field (131,072 characters) on Account, Contact, Opportunity and Activity that keeps the whole karte record
    /// as JSON, so karte upserts read back losslessly (custom items, kana, tags, contract, employment episodes ...).
    /// </summary>
    public string KarteData { get; set; } = "PK_Karte__c";

    /// <summary>Contact: trust score 0..100.</summary>
    public string TrustScore { get; set; } = "PK_TrustScore__c";

    /// <summary>Contact: trust rank (A, B, C, D, Unrated).</summary>
    public string TrustRank { get; set; } = "PK_TrustRank__c";

    /// <summary>Contact: confidence of the score (percent field; written as 0..100).</summary>
    public string TrustConfidence { get; set; } = "PK_TrustConfidence__c";

    /// <summary>Contact: score change in points.</summary>
    public string TrustTrend { get; set; } = "PK_TrustTrend__c";

    /// <summary>Contact: date of the last contact.</summary>
    public string LastContactDate { get; set; } = "PK_LastContactDate__c";

    /// <summary>Contact: follow-up priority.</summary>
    public string FollowUpPriority { get; set; } = "PK_FollowUpPriority__c";

    /// <summary>Contact: short Japanese reasons behind the score and the follow-up priority (text, 255).</summary>
    public string TrustReasons { get; set; } = "PK_TrustReasons__c";

    /// <summary>Account: number of deals.</summary>
    public string DealCount { get; set; } = "PK_DealCount__c";

    /// <summary>Account: number of deals won.</summary>
    public string WonCount { get; set; } = "PK_WonCount__c";

    /// <summary>Account: win rate in percent.</summary>
    public string WinRate { get; set; } = "PK_WinRate__c";

    /// <summary>Account: revenue.</summary>
    public string Revenue { get; set; } = "PK_Revenue__c";

    /// <summary>Account: gross profit.</summary>
    public string GrossProfit { get; set; } = "PK_GrossProfit__c";

    /// <summary>Account: karte completeness in percent.</summary>
    public string KarteCompleteness { get; set; } = "PK_KarteCompleteness__c";

    /// <summary>Account: contract alert text.</summary>
    public string ContractAlert { get; set; } = "PK_ContractAlert__c";

    /// <summary>The Contact fields in use, by enrichment value.</summary>
    internal IReadOnlyList<string> ContactFields => new[] { TrustScore, TrustRank, TrustConfidence, TrustTrend, LastContactDate, FollowUpPriority, TrustReasons }
        .Where(f => f.Length > 0).ToList();

    /// <summary>The Account fields in use.</summary>
    internal IReadOnlyList<string> AccountFields => new[] { DealCount, WonCount, WinRate, Revenue, GrossProfit, KarteCompleteness, ContractAlert }
        .Where(f => f.Length > 0).ToList();
}
