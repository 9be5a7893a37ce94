namespace PartnerKarte.Karte;

/// <summary>Identifies a partner sales rep (パートナー担当者).</summary>
/// <param name="Value">The id, unique within one karte store.</param>
public readonly record struct RepId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
