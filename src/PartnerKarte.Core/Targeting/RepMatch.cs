using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>A rep whose expertise or interests match a company's new direction.</summary>
/// <param name="RepId">The rep.</param>
/// <param name="MatchedTags">The rep's tags that match, as the rep's karte spells them.</param>
public sealed record RepMatch(RepId RepId, IReadOnlyList<string> MatchedTags);
