using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>A template item not filled in on a karte (未記入項目).</summary>
/// <param name="Item">The template item.</param>
/// <param name="RepId">The rep whose karte misses it, for rep-level items.</param>
public sealed record MissingKarteItem(KarteItemDefinition Item, RepId? RepId = null)
{
    /// <inheritdoc />
    public override string ToString() => RepId is { } r ? $"rep:{r}: {Item.Key}" : Item.Key;
}
