namespace PartnerKarte.Sync;

/// <summary>One record that a run writes (or, in a dry run, would write): the new values and the hash they replace.</summary>
/// <param name="Record">The new values.</param>
/// <param name="PreviousHash">The hash last written, or <see langword="null"/> when never written.</param>
public sealed record EnrichmentChange(EnrichmentRecord Record, string? PreviousHash);
