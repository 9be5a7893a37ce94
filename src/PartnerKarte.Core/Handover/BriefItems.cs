namespace PartnerKarte.Handover;

/// <summary>Items of a handover brief that can be required for the handover to count as complete.</summary>
[Flags]
public enum BriefItems
{
    /// <summary>Nothing required.</summary>
    None = 0,
    /// <summary>A rated trust score for every rep in the brief.</summary>
    TrustScore = 1,
    /// <summary>A DiSC or MBTI profile for every rep (for approach tips).</summary>
    Personality = 2,
    /// <summary>At least one interaction in the digest window for every rep.</summary>
    RecentHistory = 4,
    /// <summary>Expertise or interest tags for every rep.</summary>
    Tags = 8,
}
