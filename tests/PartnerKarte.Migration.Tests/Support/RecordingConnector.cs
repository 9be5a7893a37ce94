using System.Runtime.CompilerServices;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration.Tests.Support;

/// <summary>A target that delegates to another connector, records every upsert call, and fails on request.</summary>
public sealed class RecordingConnector(KarteConnector inner, int? maxBatchSize = null) : KarteConnector
{
    public List<KarteRecordBatch> Calls { get; } = [];

    /// <summary>Records the target rejects (by id).</summary>
    public HashSet<string> Reject { get; } = new(StringComparer.Ordinal);

    /// <summary>After this many calls, every call throws (as a dead network would).</summary>
    public int? BreakAfterCalls { get; set; }

    public override string Name => "recording";

    public override string StateKey => "recording:" + inner.StateKey;

    public override ConnectorCapabilities Capabilities => inner.Capabilities with { MaxBatchSize = maxBatchSize ?? inner.Capabilities.MaxBatchSize };

    public override IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, CancellationToken cancellationToken = default) =>
        inner.ReadChangesAsync(watermark, cancellationToken);

    public override IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, CancellationToken cancellationToken = default) =>
        inner.ReadKarteAsync(selection, cancellationToken);

    public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default) =>
        inner.WriteEnrichmentAsync(records, cancellationToken);

    public override async Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default)
    {
        if (BreakAfterCalls is int n && Calls.Count >= n)
        {
            throw new IOException("connection reset (test)");
        }

        Calls.Add(batch);
        var keep = new KarteRecordBatch
        {
            Companies = [.. batch.Companies.Where(c => !Reject.Contains(c.Id.Value))],
            Reps = [.. batch.Reps.Where(r => !Reject.Contains(r.Id.Value))],
            Proposals = [.. batch.Proposals.Where(p => !Reject.Contains(p.Id.Value))],
            Interactions = [.. batch.Interactions.Where(i => !Reject.Contains(i.Id.Value))],
        };
        var results = (await inner.UpsertKarteAsync(keep, cancellationToken)).ToList();
        results.AddRange(batch.Companies.Where(c => Reject.Contains(c.Id.Value)).Select(c => new KarteUpsertResult(KarteRecordKind.Company, c.Id.Value, UpsertOutcome.Failed, "REJECTED", "rejected by the test")));
        results.AddRange(batch.Reps.Where(r => Reject.Contains(r.Id.Value)).Select(r => new KarteUpsertResult(KarteRecordKind.Rep, r.Id.Value, UpsertOutcome.Failed, "REJECTED", "rejected by the test")));
        results.AddRange(batch.Proposals.Where(p => Reject.Contains(p.Id.Value)).Select(p => new KarteUpsertResult(KarteRecordKind.Proposal, p.Id.Value, UpsertOutcome.Failed, "REJECTED", "rejected by the test")));
        results.AddRange(batch.Interactions.Where(i => Reject.Contains(i.Id.Value)).Select(i => new KarteUpsertResult(KarteRecordKind.Interaction, i.Id.Value, UpsertOutcome.Failed, "REJECTED", "rejected by the test")));
        return results;
    }
}

/// <summary>A source whose pages are given: the watermark is the page number, so it resumes after any page.</summary>
public sealed class PagedSource(IReadOnlyList<ChangePage> pages) : KarteConnector
{
    public override string Name => "paged";

    public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = watermark is null ? 0 : int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture);
        for (var i = from; i < pages.Count; i++)
        {
            await Task.Yield();
            yield return pages[i] with { NextWatermark = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        if (from >= pages.Count)
        {
            yield return new ChangePage { NextWatermark = from.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    public override IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
