namespace PartnerKarte.Handover;

/// <summary>An operation that could not be applied, and why.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Reason">Why, e.g. "proposal p9 not found" or "owner is u3, expected u1".</param>
public sealed record HandoverConflict(HandoverOperation Operation, string Reason);
