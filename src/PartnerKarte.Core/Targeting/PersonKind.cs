namespace PartnerKarte.Targeting;

/// <summary>Whether a person in the relationship graph is a partner rep or a member of our team.</summary>
public enum PersonKind
{
    /// <summary>A partner rep (<see cref="Karte.RepId"/>).</summary>
    Rep = 0,
    /// <summary>A member of our team (<see cref="Karte.UserId"/>).</summary>
    User = 1,
}
