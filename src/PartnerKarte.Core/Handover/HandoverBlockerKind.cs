namespace PartnerKarte.Handover;

/// <summary>Why a handover is not done yet.</summary>
public enum HandoverBlockerKind
{
    /// <summary>An item has no successor.</summary>
    NoSuccessor = 0,
    /// <summary>The successor is inactive (left, on leave, opted out, or not an active team member).</summary>
    InactiveSuccessor = 1,
    /// <summary>An open item is still with the departing owner or rep.</summary>
    OpenItemLeftWithDepartingOwner = 2,
    /// <summary>A required brief item is missing (or there is no brief).</summary>
    BriefItemMissing = 3,
    /// <summary>A planned task was not created.</summary>
    TaskMissing = 4,
}
