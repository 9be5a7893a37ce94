namespace PartnerKarte.SampleData;

/// <summary>The hidden behaviour type a sample rep's interactions are drawn from (the back-test's ground truth).</summary>
public enum SampleRepType
{
    /// <summary>Fast, proactive, keeps promises.</summary>
    Star = 0,
    /// <summary>Average on every count.</summary>
    Steady = 1,
    /// <summary>Slow and rarely reaches out (慎重派).</summary>
    Cautious = 2,
    /// <summary>Very slow, rarely reaches out, breaks promises, rarely positive.</summary>
    Disengaged = 3,
}
