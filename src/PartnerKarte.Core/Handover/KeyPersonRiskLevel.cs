namespace PartnerKarte.Handover;

/// <summary>How much a partner depends on one rep.</summary>
public enum KeyPersonRiskLevel
{
    /// <summary>Below the threshold.</summary>
    None = 0,
    /// <summary>At or above <see cref="HandoverOptions.KeyPersonShareThreshold"/>.</summary>
    Elevated = 1,
    /// <summary>At or above <see cref="HandoverOptions.KeyPersonHighShare"/>.</summary>
    High = 2,
}
