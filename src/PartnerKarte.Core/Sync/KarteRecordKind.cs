namespace PartnerKarte.Sync;

/// <summary>The kinds of karte record a connector reads and writes.</summary>
public enum KarteRecordKind
{
    /// <summary>A partner company (Salesforce Account, Dataverse account).</summary>
    Company = 0,

    /// <summary>A partner rep (Salesforce Contact, Dataverse contact).</summary>
    Rep = 1,

    /// <summary>A proposal (Opportunity).</summary>
    Proposal = 2,

    /// <summary>An interaction (Task/Event, activity).</summary>
    Interaction = 3,
}
