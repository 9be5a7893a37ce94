namespace PartnerKarte.Scoring;

/// <summary>How urgently a rep should be followed up (フォロー優先度).</summary>
public enum FollowUpPriority
{
    /// <summary>No follow-up needed now.</summary>
    Low = 0,
    /// <summary>Follow up in the normal rhythm.</summary>
    Normal = 1,
    /// <summary>Follow up soon: trust is slipping, or a valuable rep is going quiet.</summary>
    High = 2,
    /// <summary>Follow up now: overdue actions or a sharp drop.</summary>
    Urgent = 3,
}
