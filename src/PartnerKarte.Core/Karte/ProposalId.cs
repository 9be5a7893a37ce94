namespace PartnerKarte.Karte;

/// <summary>Identifies a proposal or deal (商談).</summary>
/// <param name="Value">The id, unique within one karte store.</param>
public readonly record struct ProposalId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
