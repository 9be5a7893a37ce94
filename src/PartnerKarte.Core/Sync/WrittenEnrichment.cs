namespace PartnerKarte.Sync;

/// <summary>The content hash last written to one target, kept in the sync state to skip unchanged records.</summary>
/// <param name="Key">The target.</param>
/// <param name="ContentHash">The <see cref="EnrichmentRecord.ContentHash"/> written.</param>
public sealed record WrittenEnrichment(EnrichmentKey Key, string ContentHash);
