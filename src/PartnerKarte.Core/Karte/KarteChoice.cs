namespace PartnerKarte.Karte;

/// <summary>One option of a <see cref="KarteItemType.Choice"/> or <see cref="KarteItemType.MultiChoice"/> item.</summary>
/// <param name="Key">The stable key stored as the value, e.g. <c>hot</c>.</param>
/// <param name="LabelJa">Japanese label, e.g. 高い.</param>
/// <param name="LabelEn">English label, e.g. High.</param>
public sealed record KarteChoice(string Key, string LabelJa, string LabelEn);
