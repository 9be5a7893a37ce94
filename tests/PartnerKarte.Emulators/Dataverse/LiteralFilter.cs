namespace PartnerKarte.Emulators.Dataverse;

/// <summary>A literal. <see cref="Value"/> is a string, decimal, double, bool, Guid, DateTimeOffset, DateOnly or null.</summary>
/// <param name="Value">The literal's value.</param>
public sealed record LiteralFilter(object? Value) : FilterNode;
