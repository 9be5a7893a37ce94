namespace PartnerKarte.Targeting;

/// <summary>An offer that fits a company's new direction and should be re-targeted there.</summary>
/// <param name="Offer">The offer.</param>
/// <param name="MatchedTags">The new focus tags the offer matches.</param>
public sealed record OfferMatch(Offer Offer, IReadOnlyList<string> MatchedTags);
