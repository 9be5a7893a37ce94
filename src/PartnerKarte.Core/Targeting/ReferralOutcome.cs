namespace PartnerKarte.Targeting;

/// <summary>The outcome of a referral query.</summary>
public enum ReferralOutcome
{
    /// <summary>At least one path was found.</summary>
    Found = 0,
    /// <summary>No path within the hop limit.</summary>
    NoPath = 1,
    /// <summary>The target is not in the graph (unknown rep, or a company/department without reps).</summary>
    UnknownTarget = 2,
    /// <summary>The target opted out or is inactive (left, transferred, on leave); we never route to such a person.</summary>
    TargetExcluded = 3,
    /// <summary>None of the requested starting users is an active user in the graph.</summary>
    NoSource = 4,
}
