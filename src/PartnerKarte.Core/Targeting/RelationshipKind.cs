namespace PartnerKarte.Targeting;

/// <summary>Where a relationship edge comes from.</summary>
public enum RelationshipKind
{
    /// <summary>Our user has been in contact with the rep (interactions).</summary>
    Contact = 0,
    /// <summary>Our user owns the relationship with the rep.</summary>
    Owner = 1,
    /// <summary>Colleagues at the same partner company (同僚).</summary>
    Colleague = 2,
    /// <summary>Colleagues in the same department (同じ部署).</summary>
    SameDepartment = 3,
    /// <summary>Both took part in the same meeting (同席).</summary>
    SharedMeeting = 4,
    /// <summary>An explicit "knows" link recorded by the team.</summary>
    Knows = 5,
    /// <summary>One introduced the other (紹介).</summary>
    Introduced = 6,
    /// <summary>Members of the same team on our side.</summary>
    Teammate = 7,
}
