namespace PartnerKarte.Karte;

/// <summary>Identifies one recorded interaction.</summary>
/// <param name="Value">The id, unique within one karte store.</param>
public readonly record struct InteractionId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
