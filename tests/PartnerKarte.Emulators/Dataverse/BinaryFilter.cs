namespace PartnerKarte.Emulators.Dataverse;

/// <summary>A binary operator: and, or, eq, ne, gt, ge, lt, le.</summary>
/// <param name="Operator">The operator keyword.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BinaryFilter(string Operator, FilterNode Left, FilterNode Right) : FilterNode;
