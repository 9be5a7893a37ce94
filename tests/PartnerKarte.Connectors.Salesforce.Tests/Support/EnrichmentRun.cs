using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests.Support;

/// <summary>
/// The write half of a sync run as the engine contract describes it: skip records whose content hash was
/// already written, write the rest in batches of <see cref="ConnectorCapabilities.MaxBatchSize"/>, checkpoint the
/// hashes after every batch, and stop cleanly on <see cref="SalesforceLimitExceededException"/>.
/// </summary>
public sealed class EnrichmentRun(KarteConnector connector, Dictionary<EnrichmentKey, string> writtenHashes)
{
    public int Written { get; private set; }

    public int Failed { get; private set; }

    public SalesforceLimitExceededException? StoppedBy { get; private set; }

    public async Task RunAsync(IReadOnlyList<EnrichmentRecord> records)
    {
        var changed = records.Where(r => !writtenHashes.TryGetValue(r.Key, out var hash) || hash != r.ContentHash).ToList();
        var byKey = changed.ToDictionary(r => r.Key);
        foreach (var batch in changed.Chunk(connector.Capabilities.MaxBatchSize))
        {
            IReadOnlyList<EnrichmentWriteResult> results;
            try
            {
                results = await connector.WriteEnrichmentAsync(batch);
            }
            catch (SalesforceLimitExceededException e)
            {
                Checkpoint(e.CompletedResults, byKey);
                StoppedBy = e;
                return;
            }

            Checkpoint(results, byKey);
        }
    }

    private void Checkpoint(IReadOnlyList<EnrichmentWriteResult> results, Dictionary<EnrichmentKey, EnrichmentRecord> byKey)
    {
        foreach (var result in results)
        {
            if (result.Succeeded)
            {
                writtenHashes[result.Key] = byKey[result.Key].ContentHash;
                Written++;
            }
            else
            {
                Failed++;
            }
        }
    }
}
