using System.Text.RegularExpressions;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// Column names the connector reads and writes. Defaults are the <c>pk_</c> columns of the PartnerKarte solution
/// (<c>Solution/partnerkarte-columns.json</c>); override any of them from configuration.
/// </summary>
public sealed partial class DataverseMapping
{
    /// <summary>External id column (alternate key) on account, contact, opportunity and the activities; holds the karte id.</summary>
    public string ExternalId { get; set; } = "pk_externalid";

    /// <summary>
    /// Memo column on account, contact, opportunity and the activities holding the whole karte record as JSON (employment
    /// episodes, tags, personality, custom karte items, contract, next action, ...), so karte upserts read back losslessly.
    /// </summary>
    public string KarteData { get; set; } = "pk_kartejson";

    /// <summary>The systemuser column that holds a karte <c>UserId</c> (default: the user principal name, <c>domainname</c>).</summary>
    public string UserKey { get; set; } = "domainname";

    /// <summary>Opportunity: proposal stage (whole number, the <c>ProposalStage</c> value).</summary>
    public string ProposalStage { get; set; } = "pk_stage";

    /// <summary>Opportunity: gross profit (currency).</summary>
    public string ProposalGrossProfit { get; set; } = "pk_grossprofit";

    /// <summary>Activities: interaction channel (whole number, the <c>InteractionChannel</c> value).</summary>
    public string InteractionChannel { get; set; } = "pk_channel";

    /// <summary>Activities: who started the interaction (whole number, the <c>Initiator</c> value).</summary>
    public string InteractionInitiator { get; set; } = "pk_initiator";

    /// <summary>Activities: the rep's reaction (whole number, the <c>Reaction</c> value).</summary>
    public string InteractionReaction { get; set; } = "pk_reaction";

    /// <summary>Contact (rep) enrichment columns.</summary>
    public DataverseRepColumns Rep { get; set; } = new();

    /// <summary>Account (company) enrichment columns.</summary>
    public DataverseCompanyColumns Company { get; set; } = new();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,99}$")]
    private static partial Regex LogicalName();

    /// <summary>Every mapped name with the option path that sets it.</summary>
    internal IEnumerable<(string Option, string Value)> Names() =>
    [
        ("Mapping:ExternalId", ExternalId), ("Mapping:KarteData", KarteData), ("Mapping:UserKey", UserKey), ("Mapping:ProposalStage", ProposalStage),
        ("Mapping:ProposalGrossProfit", ProposalGrossProfit), ("Mapping:InteractionChannel", InteractionChannel),
        ("Mapping:InteractionInitiator", InteractionInitiator), ("Mapping:InteractionReaction", InteractionReaction),
        ("Mapping:Rep:TrustScore", Rep.TrustScore), ("Mapping:Rep:TrustRank", Rep.TrustRank), ("Mapping:Rep:TrustConfidence", Rep.TrustConfidence),
        ("Mapping:Rep:TrustTrend", Rep.TrustTrend), ("Mapping:Rep:LastContactDate", Rep.LastContactDate), ("Mapping:Rep:FollowUpPriority", Rep.FollowUpPriority), ("Mapping:Rep:TrustReasons", Rep.TrustReasons),
        ("Mapping:Company:DealCount", Company.DealCount), ("Mapping:Company:WonCount", Company.WonCount), ("Mapping:Company:WinRate", Company.WinRate),
        ("Mapping:Company:Revenue", Company.Revenue), ("Mapping:Company:GrossProfit", Company.GrossProfit),
        ("Mapping:Company:KarteCompleteness", Company.KarteCompleteness), ("Mapping:Company:ContractAlert", Company.ContractAlert),
    ];

    /// <summary>Checks that every name is a Dataverse logical name (lower case, letters, digits, underscore): names go into URLs.</summary>
    internal IEnumerable<string> Validate() =>
        Names().Where(n => n.Value is null || !LogicalName().IsMatch(n.Value))
            .Select(n => $"{n.Option} '{n.Value}' is not a Dataverse logical name (lower-case letters, digits and '_').");
}
