namespace PartnerKarte.Kpis;

/// <summary>What a contract alert is about.</summary>
public enum ContractAlertKind
{
    /// <summary>The contract ends or renews within the notice window: time to renegotiate (契約更新).</summary>
    RenewalDue = 0,
    /// <summary>The contract has ended and does not renew automatically (契約終了).</summary>
    Expired = 1,
    /// <summary>The agreed commission review date is within the notice window (手数料見直し).</summary>
    CommissionReviewDue = 2,
    /// <summary>The agreed commission review date has passed; it clears when the next review date is recorded.</summary>
    CommissionReviewOverdue = 3,
}
