namespace PartnerKarte.Sync;

/// <summary>
/// The computation step of the sync: turns whole kartes into the enrichment values written back. Pure and
/// thread-safe. <see cref="KarteEnrichmentCalculator"/> is the product's implementation (trust scores, KPIs,
/// completeness, contract alerts); replace it to write other values.
/// </summary>
public interface IEnrichmentCalculator
{
    /// <summary>Computes one record per company and per rep in the batch.</summary>
    /// <param name="karte">Whole kartes: companies with all their proposals, reps and the reps' interactions; reps may come without their company.</param>
    /// <param name="asOf">The instant the values describe.</param>
    /// <returns>The records; a rep or company with data it cannot compute from is returned with what can be computed, never skipped silently.</returns>
    IReadOnlyList<EnrichmentRecord> Calculate(KarteRecordBatch karte, DateTimeOffset asOf);
}
