namespace PartnerKarte.Karte;

/// <summary>Where a proposal ended up.</summary>
public enum ProposalOutcome
{
    /// <summary>Still in progress.</summary>
    Open = 0,
    /// <summary>Won (受注).</summary>
    Won = 1,
    /// <summary>Lost (失注).</summary>
    Lost = 2,
}
