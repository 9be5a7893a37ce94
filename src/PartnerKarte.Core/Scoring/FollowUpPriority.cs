namespace PartnerKarte.Scoring;

/// <summary>How urgently a rep should be followed up (フォロー優先度).</summary>
public enum FollowUpPriority
{
    /// <summary>No follow-up needed now.</summary>
    Low = 0,
    /// <summary>Follow up in the normal rhythm.</summary>
    Normal = 1,
    /// <summary>Follow up soon: a silence against the rep's own rhythm, an overdue action the rep owes, or a score drop.</summary>
    High = 2,
    /// <summary>Follow up now: a sharp score drop, or a silence while the rep owes an overdue action or is ranked A or S.</summary>
    Urgent = 3,
}
