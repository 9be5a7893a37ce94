using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>A person in the relationship graph: a partner rep or one of our users.</summary>
/// <param name="Kind">Rep or user.</param>
/// <param name="Id">The rep or user id.</param>
public readonly record struct PersonRef(PersonKind Kind, string Id)
{
    /// <summary>A partner rep.</summary>
    /// <param name="id">The rep id.</param>
    /// <returns>The reference.</returns>
    public static PersonRef Rep(RepId id) => new(PersonKind.Rep, id.Value);

    /// <summary>One of our users.</summary>
    /// <param name="id">The user id.</param>
    /// <returns>The reference.</returns>
    public static PersonRef User(UserId id) => new(PersonKind.User, id.Value);

    /// <inheritdoc />
    public override string ToString() => (Kind == PersonKind.Rep ? "rep:" : "user:") + Id;
}
