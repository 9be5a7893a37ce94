namespace PartnerKarte.Karte;

/// <summary>One option of a <see cref="KarteItemType.Choice"/> or <see cref="KarteItemType.MultiChoice"/> item.</summary>
/// <param name="Key">The stable key stored as the value, e.g. <c>hot</c>.</param>
/// <param name="Label">The label, e.g. 高い / High.</param>
public sealed record KarteChoice(string Key, LocalizedText Label)
{
    /// <summary>Creates the option from its Japanese and English labels.</summary>
    internal KarteChoice(string key, string labelJa, string labelEn)
        : this(key, new LocalizedText(labelJa, labelEn))
    {
    }
}
