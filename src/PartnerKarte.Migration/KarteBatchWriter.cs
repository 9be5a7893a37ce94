using Microsoft.Extensions.Logging;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration;

/// <summary>
/// Buffers karte records and upserts them in full batches of the target's size, so a run makes the fewest write
/// calls. A record already in the buffer (same kind and id) is replaced by its newer version rather than sent twice
/// (some CRMs reject one external id twice in a call). Records leave the buffer in the order they entered, so a
/// parent added before its child is never written after it.
/// </summary>
internal sealed class KarteBatchWriter
{
    private readonly KarteConnector target;
    private readonly bool dryRun;
    private readonly ILogger logger;
    private readonly Action<WriteItem, bool> committed;
    private readonly List<WriteItem?> buffer = [];
    private readonly Dictionary<(KarteRecordKind, string), int> positions = [];
    private readonly long[] created = new long[4];
    private readonly long[] updated = new long[4];
    private readonly List<KarteUpsertResult> failures = [];
    private int live;

    public KarteBatchWriter(KarteConnector target, int batchSize, bool dryRun, ILogger logger, Action<WriteItem, bool> committed)
    {
        this.target = target;
        BatchSize = batchSize;
        this.dryRun = dryRun;
        this.logger = logger;
        this.committed = committed;
    }

    public int BatchSize { get; }

    public int WriteCalls { get; private set; }

    public long Written => created.Sum() + updated.Sum();

    public long Failed => failures.Count;

    /// <summary>Adds a record; writes a batch when the buffer is full.</summary>
    public async Task AddAsync(WriteItem item, CancellationToken cancellationToken)
    {
        if (positions.TryGetValue((item.Kind, item.Id), out var at))
        {
            var old = buffer[at]!.Value;
            buffer[at] = item;
            committed(old, true); // superseded: the newer version carries the record
            return;
        }

        positions[(item.Kind, item.Id)] = buffer.Count;
        buffer.Add(item);
        live++;
        if (live >= BatchSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is buffered (a partial batch at the end of a run).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (live == 0)
        {
            return;
        }

        var items = buffer.Where(i => i is not null).Select(i => i!.Value).ToArray();
        buffer.Clear();
        positions.Clear();
        live = 0;
        WriteCalls++;
        if (dryRun)
        {
            foreach (var item in items)
            {
                created[(int)item.Kind]++;
                committed(item, true);
            }

            return;
        }

        var batch = new KarteRecordBatch
        {
            Companies = [.. items.Where(i => i.Kind == KarteRecordKind.Company).Select(i => (PartnerCompany)i.Record)],
            Reps = [.. items.Where(i => i.Kind == KarteRecordKind.Rep).Select(i => (PartnerRep)i.Record)],
            Proposals = [.. items.Where(i => i.Kind == KarteRecordKind.Proposal).Select(i => (Proposal)i.Record)],
            Interactions = [.. items.Where(i => i.Kind == KarteRecordKind.Interaction).Select(i => (Interaction)i.Record)],
        };
        var results = await target.UpsertKarteAsync(batch, cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<(KarteRecordKind, string), KarteUpsertResult>(results.Count);
        foreach (var r in results)
        {
            byKey[(r.Kind, r.Id)] = r;
        }

        foreach (var item in items)
        {
            if (!byKey.TryGetValue((item.Kind, item.Id), out var result))
            {
                result = new KarteUpsertResult(item.Kind, item.Id, UpsertOutcome.Failed, "NO_RESULT", $"The {target.Name} connector returned no result for this record.");
            }

            switch (result.Outcome)
            {
                case UpsertOutcome.Created:
                    created[(int)item.Kind]++;
                    break;
                case UpsertOutcome.Updated:
                    updated[(int)item.Kind]++;
                    break;
                default:
                    failures.Add(result);
                    logger.LogWarning("Upsert of {Kind} {Id} into {Target} failed: {ErrorCode}", item.Kind, item.Id, target.Name, result.ErrorCode);
                    break;
            }

            committed(item, result.Succeeded);
        }
    }

    public KarteWriteReport Report() => new()
    {
        Target = target.Name,
        DryRun = dryRun,
        Created = Counts(created),
        Updated = Counts(updated),
        Failures = [.. failures],
        WriteCalls = WriteCalls,
        BatchSize = BatchSize,
    };

    private static MigrationCounts Counts(long[] c) => new(c[0], c[1], c[2], c[3]);
}

/// <summary>One record on its way to the target, with the source page it came from (for checkpoints).</summary>
internal readonly record struct WriteItem(KarteRecordKind Kind, string Id, object Record, int Page);
