namespace PartnerKarte.Karte;

/// <summary>Identifies a member of our own team, such as a partner manager (メーカー側担当).</summary>
/// <param name="Value">The id, unique within one karte store.</param>
public readonly record struct UserId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
