namespace PartnerKarte.Emulators.Dataverse;

/// <summary>A function call: contains, startswith, endswith.</summary>
/// <param name="Name">Function name.</param>
/// <param name="Arguments">Arguments.</param>
public sealed record FunctionFilter(string Name, IReadOnlyList<FilterNode> Arguments) : FilterNode;
