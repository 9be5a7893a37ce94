namespace PartnerKarte.Sync;

/// <summary>The record an enrichment value set is written to.</summary>
public enum EnrichmentTarget
{
    /// <summary>A partner rep (Salesforce Contact, Dataverse contact): trust fields.</summary>
    Rep = 0,

    /// <summary>A partner company (Salesforce Account, Dataverse account): KPI fields.</summary>
    Company = 1,
}
