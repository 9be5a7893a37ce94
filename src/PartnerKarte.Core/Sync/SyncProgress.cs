namespace PartnerKarte.Sync;

/// <summary>A progress report of a running sync (for progress bars).</summary>
/// <param name="Phase">The current phase.</param>
/// <param name="Read">Change records read so far.</param>
/// <param name="CompaniesToEnrich">Companies whose karte is recomputed in this run (known after reading changes).</param>
/// <param name="CompaniesEnriched">Companies recomputed so far.</param>
/// <param name="Written">Enrichment records written so far.</param>
/// <param name="Skipped">Enrichment records skipped as unchanged so far.</param>
/// <param name="Failed">Enrichment records failed so far.</param>
public sealed record SyncProgress(SyncPhase Phase, long Read, long CompaniesToEnrich, long CompaniesEnriched, long Written, long Skipped, long Failed);
