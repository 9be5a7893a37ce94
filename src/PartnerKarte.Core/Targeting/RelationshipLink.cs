namespace PartnerKarte.Targeting;

/// <summary>An explicit relationship recorded by the team: "A knows B" or "A introduced B".</summary>
/// <param name="Id">The link's id, used as evidence.</param>
/// <param name="From">One person.</param>
/// <param name="To">The other person.</param>
/// <param name="Kind"><see cref="RelationshipKind.Knows"/> or <see cref="RelationshipKind.Introduced"/>.</param>
/// <param name="On">When the link was recorded or the introduction happened.</param>
/// <param name="Strength">An explicit strength in (0, 1]; the option default for the kind when null.</param>
public sealed record RelationshipLink(string Id, PersonRef From, PersonRef To, RelationshipKind Kind, DateOnly? On = null, double? Strength = null);
