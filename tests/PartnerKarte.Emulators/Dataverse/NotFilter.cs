namespace PartnerKarte.Emulators.Dataverse;

/// <summary>Logical negation.</summary>
/// <param name="Operand">The negated expression.</param>
public sealed record NotFilter(FilterNode Operand) : FilterNode;
