using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Support;

/// <summary>
/// A minimal nightly-sync loop over the connector contract (read changes → compute → skip unchanged hashes → write in
/// batches of MaxBatchSize, up to MaxParallelism at once). It stands in for the core sync engine so the connector's
/// call counts and throttling behaviour can be asserted on their own.
/// </summary>
public sealed class TestSyncDriver(KarteConnector connector)
{
    private readonly Dictionary<EnrichmentKey, string> _written = [];
    private string? _watermark;

    public int LastWritten { get; private set; }

    public int LastFailed { get; private set; }

    public List<string> Failures { get; } = [];

    /// <summary>A deterministic "score" for a rep, a function of its id and a generation number.</summary>
    public static EnrichmentRecord Score(RepId rep, int generation)
    {
        var h = (uint)StringComparer.Ordinal.GetHashCode(rep.Value) % 1000;
        var value = ((h + (uint)generation * 37) % 1000) / 10.0;
        var rank = value switch { >= 80 => TrustRank.S, >= 65 => TrustRank.A, >= 50 => TrustRank.B, >= 35 => TrustRank.C, _ => TrustRank.D };
        return EnrichmentRecord.ForRep(rep, value, rank, 0.5 + (h % 50) / 100.0, (int)(h % 21) - 10, new DateOnly(2026, 3, 1).AddDays((int)(h % 28)), (FollowUpPriority)(h % 4));
    }

    public async Task RunAsync(int generation = 0, CancellationToken cancellationToken = default)
    {
        var pending = new Dictionary<EnrichmentKey, EnrichmentRecord>();
        await foreach (var page in connector.ReadChangesAsync(_watermark, cancellationToken))
        {
            foreach (var rep in page.Reps)
            {
                var record = Score(rep.Id, generation);
                if (!_written.TryGetValue(record.Key, out var hash) || hash != record.ContentHash)
                {
                    pending[record.Key] = record;
                }
                else
                {
                    pending.Remove(record.Key);
                }
            }

            _watermark = page.NextWatermark ?? _watermark;
        }

        var written = 0;
        var failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = connector.Capabilities.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending.Values.Chunk(connector.Capabilities.MaxBatchSize), parallel, async (chunk, token) =>
        {
            var results = await connector.WriteEnrichmentAsync(chunk, token);
            lock (_written)
            {
                foreach (var (record, result) in chunk.Zip(results.OrderBy(r => Array.FindIndex(chunk, c => c.Key == r.Key))))
                {
                    if (result.Succeeded)
                    {
                        _written[record.Key] = record.ContentHash;
                        written++;
                    }
                    else
                    {
                        failed++;
                        Failures.Add($"{result.Key} {result.ErrorCode} {result.Message}");
                    }
                }
            }
        });
        LastWritten = written;
        LastFailed = failed;
    }
}
