namespace PartnerKarte.Karte;

/// <summary>Identifies a partner company (パートナー企業).</summary>
/// <param name="Value">The id, unique within one karte store.</param>
public readonly record struct CompanyId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
