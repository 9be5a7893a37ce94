namespace PartnerKarte.Emulators.Dataverse;

/// <summary>A property path such as <c>lastname</c> or <c>parentcustomerid_account/name</c>.</summary>
/// <param name="Path">The path.</param>
public sealed record PropertyFilter(string Path) : FilterNode;
