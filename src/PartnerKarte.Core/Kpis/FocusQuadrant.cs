namespace PartnerKarte.Kpis;

/// <summary>Where a partner sits on the performance × potential grid, and what that suggests.</summary>
public enum FocusQuadrant
{
    /// <summary>High performance, high potential: invest most (重点強化).</summary>
    Strengthen = 0,
    /// <summary>Low performance, high potential: develop with enablement and joint selling (育成).</summary>
    Develop = 1,
    /// <summary>High performance, low potential: keep the relationship efficient (維持).</summary>
    Maintain = 2,
    /// <summary>Low performance, low potential: review the partnership (見直し).</summary>
    Review = 3,
}
