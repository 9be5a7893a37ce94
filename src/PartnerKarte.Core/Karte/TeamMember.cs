namespace PartnerKarte.Karte;

/// <summary>A member of our own team (a partner manager, パートナーマネージャー).</summary>
/// <param name="Id">The member's id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Team">Team or unit, used by handover rules such as "same team, lowest load".</param>
/// <param name="Active">Whether the member can take over work.</param>
public sealed record TeamMember(UserId Id, string Name, string? Team = null, bool Active = true);
