namespace PartnerKarte.Emulators.Dataverse;

/// <summary>A node of a parsed <c>$filter</c> expression.</summary>
public abstract record FilterNode;
