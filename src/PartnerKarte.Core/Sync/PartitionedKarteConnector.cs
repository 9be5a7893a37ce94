using System.Runtime.CompilerServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// A connector seen through one <see cref="KartePartition"/>: its change feed and karte reads keep the companies of the share
/// (and their reps, proposals and interactions), its <see cref="StateKey"/> is the inner one with the share's suffix, and
/// writes go to the inner connector unchanged. An <see cref="EnrichmentSync"/> over it syncs one share of a night, with a
/// watermark, karte mirror, failure ledger and run lease of its own, so several workers can sync different shares at
/// the same time (see <see cref="PartitionedNight"/>). The shares of one night together give what one unpartitioned run gives.
/// </summary>
public sealed class PartitionedKarteConnector : KarteConnector
{
    private readonly KarteConnector inner;

    /// <summary>Wraps a connector.</summary>
    /// <param name="inner">The store or CRM.</param>
    /// <param name="partition">The share of the companies this connector shows.</param>
    public PartitionedKarteConnector(KarteConnector inner, KartePartition partition)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(partition.Index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition.Index, partition.Count);
        this.inner = inner;
        Partition = partition;
    }

    /// <summary>The share shown.</summary>
    public KartePartition Partition { get; }

    /// <inheritdoc/>
    public override string Name => inner.Name;

    /// <summary>The inner connector's state key with the share's suffix (<see cref="KartePartition.StateKeySuffix"/>).</summary>
    public override string StateKey => inner.StateKey + Partition.StateKeySuffix;

    /// <inheritdoc/>
    public override ConnectorCapabilities Capabilities => inner.Capabilities;

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in inner.ReadChangesAsync(watermark, cancellationToken).ConfigureAwait(false))
        {
            yield return page with
            {
                Companies = [.. page.Companies.Where(c => Partition.Contains(c.Id.Value))],
                Reps = [.. page.Reps.Where(Partition.Contains)],
                Proposals = [.. page.Proposals.Where(p => Partition.Contains(p.CompanyId.Value))],
                // An interaction names its rep only; a rep not in this page may still be of this share, so they are kept
                // and the sync drops those of other shares when it reads their reps.
                Interactions = page.Interactions,
                Deletions = [.. page.Deletions.Where(Keeps)],
            };
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reps known only through an interaction or proposal (<see cref="ChangeSummary.RecordReps"/>) are kept: the sync reads
    /// them through <see cref="ReadKarteAsync"/>, which returns only the reps of this share.
    /// </remarks>
    public override async IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in inner.ReadChangeSummaryAsync(watermark, cancellationToken).ConfigureAwait(false))
        {
            yield return page with
            {
                Companies = [.. page.Companies.Where(c => Partition.Contains(c.Value))],
                Reps = [.. page.Reps.Where(r => Partition.Contains(r.CompanyId.Value))],
                CompanyRecords = [.. page.CompanyRecords.Where(c => Partition.Contains(c.Id.Value))],
                RepRecords = [.. page.RepRecords.Where(r => Partition.Contains(r.CompanyId.Value))],
                ProposalCompanies = [.. page.ProposalCompanies.Where(c => Partition.Contains(c.Value))],
                Deletions = [.. page.Deletions.Where(Keeps)],
            };
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var mine = selection with { CompanyIds = [.. selection.CompanyIds.Where(c => Partition.Contains(c.Value))] };
        await foreach (var batch in inner.ReadKarteAsync(mine, cancellationToken).ConfigureAwait(false))
        {
            var reps = batch.Reps.Where(Partition.Contains).ToList();
            var repIds = reps.Select(r => r.Id).ToHashSet();
            var companies = batch.Companies.Where(c => Partition.Contains(c.Id.Value)).ToList();
            yield return new KarteRecordBatch
            {
                Companies = companies,
                Reps = reps,
                Interactions = [.. batch.Interactions.Where(i => repIds.Contains(i.RepId))],
                Proposals = [.. batch.Proposals.Where(p => Partition.Contains(p.CompanyId.Value) || (p.RepId is RepId r && repIds.Contains(r)))],
            };
        }
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default) =>
        inner.WriteEnrichmentAsync(records, cancellationToken);

    /// <inheritdoc/>
    public override Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default) =>
        inner.UpsertKarteAsync(batch, cancellationToken);

    /// <inheritdoc/>
    public override Task<IReadOnlyList<ConnectorOperationResult>> ApplyOperationsAsync(IReadOnlyList<ConnectorOperation> operations, CancellationToken cancellationToken = default) =>
        inner.ApplyOperationsAsync(operations, cancellationToken);

    /// <inheritdoc/>
    public override Task<ConnectorHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => inner.CheckHealthAsync(cancellationToken);

    /// <summary>
    /// A deletion is kept when it names a company of this share, or a rep (whose company the sync reads through
    /// <see cref="ReadKarteAsync"/>, which keeps this share's reps), or no owner at all.
    /// </summary>
    private bool Keeps(DeletedRecord d) => d.Kind switch
    {
        KarteRecordKind.Company => Partition.Contains(d.Id),
        _ => d.CompanyId is null || d.RepId is not null || Partition.Contains(d.CompanyId),
    };
}
