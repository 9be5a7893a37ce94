using System.Text.Json.Nodes;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Writes: enrichment through $batch (a change set per record, parallel up to the dop hint) and karte upserts by alternate key.</summary>
public sealed partial class DataverseConnector
{
    private static readonly Dictionary<string, string> UpdateOnly = new() { ["If-Match"] = "*" };
    private static readonly Dictionary<string, string> ReturnCreatedOrUpdated = new() { ["Prefer"] = "return=representation" };

    /// <inheritdoc />
    public override async Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var results = new EnrichmentWriteResult?[records.Count];
        var valid = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            var problems = records[i].Validate();
            if (problems.Count > 0)
            {
                results[i] = EnrichmentWriteResult.Failure(records[i].Key, "INVALID", string.Join("; ", problems.Select(p => p.ToString())));
            }
            else
            {
                valid.Add(i);
            }
        }

        if (valid.Count > 0)
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _api.DegreeOfParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(valid.Chunk(_options.BatchSize), parallel, async (chunk, token) =>
            {
                var operations = chunk.Select((index, n) => new BatchOperation("PATCH", EnrichmentUrl(records[index]), _mapper.EnrichmentBody(records[index]), n, UpdateOnly)).ToList();
                var answers = await _api.ExecuteBatchAsync(operations, token).ConfigureAwait(false);
                for (var n = 0; n < chunk.Length; n++)
                {
                    results[chunk[n]] = ToWriteResult(records[chunk[n]], answers[n]);
                }
            }).ConfigureAwait(false);
        }

        return results!;
    }

    private string EnrichmentUrl(EnrichmentRecord record)
    {
        var table = record.Target == EnrichmentTarget.Rep ? ColumnCatalog.Contact : ColumnCatalog.Account;
        return LookupCache.SetOf(table) + "(" + KeySegment(table, record.Id) + ")";
    }

    private static EnrichmentWriteResult ToWriteResult(EnrichmentRecord record, BatchResult answer)
    {
        if (answer.Succeeded)
        {
            return EnrichmentWriteResult.Success(record.Key);
        }

        if (answer.Status == 404)
        {
            var table = record.Target == EnrichmentTarget.Rep ? "contact" : "account";
            return EnrichmentWriteResult.Failure(record.Key, "NOT_FOUND", $"No {table} has the karte id of {record.Key}.");
        }

        var transient = answer.Status is 0 or 429 or >= 500;
        return EnrichmentWriteResult.Failure(record.Key, string.IsNullOrEmpty(answer.ErrorCode) ? "HTTP_" + answer.Status : answer.ErrorCode!,
            answer.Message ?? "The write failed.", transient);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each record is a <c>PATCH</c> by the alternate key <see cref="DataverseMapping.ExternalId"/> (create when missing),
    /// companies first, then reps, proposals and interactions; lookups bind by the same key. Opportunities are not closed
    /// (Dataverse closes them with WinOpportunity/LoseOpportunity); an owner that has no systemuser is left as the caller.
    /// </remarks>
    public override async Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<(KarteRecordKind Kind, string Id, string Table, JsonObject Body)>();
        foreach (var c in batch.Companies)
        {
            items.Add((KarteRecordKind.Company, c.Id.Value, ColumnCatalog.Account, _mapper.CompanyBody(c, await OwnerGuidAsync(c.OwnerId, cancellationToken).ConfigureAwait(false))));
        }

        foreach (var r in batch.Reps)
        {
            items.Add((KarteRecordKind.Rep, r.Id.Value, ColumnCatalog.Contact, _mapper.RepBody(r, await OwnerGuidAsync(r.OwnerId, cancellationToken).ConfigureAwait(false))));
        }

        foreach (var p in batch.Proposals)
        {
            items.Add((KarteRecordKind.Proposal, p.Id.Value, ColumnCatalog.Opportunity, _mapper.ProposalBody(p, await OwnerGuidAsync(p.OwnerId, cancellationToken).ConfigureAwait(false))));
        }

        foreach (var i in batch.Interactions)
        {
            var table = KarteRowMapper.TableFor(i.Channel);
            items.Add((KarteRecordKind.Interaction, i.Id.Value, table, _mapper.InteractionBody(i, table, await OwnerGuidAsync(i.UserId, cancellationToken).ConfigureAwait(false))));
        }

        var results = new List<KarteUpsertResult>(items.Count);
        foreach (var chunk in items.Chunk(_options.BatchSize))
        {
            var operations = chunk.Select((item, n) => new BatchOperation(
                "PATCH",
                $"{LookupCache.SetOf(item.Table)}({KeySegment(item.Table, item.Id)})?$select={LookupCache.KeyOf(item.Table)}",
                item.Body,
                n,
                ReturnCreatedOrUpdated)).ToList();
            var answers = await _api.ExecuteBatchAsync(operations, cancellationToken).ConfigureAwait(false);
            for (var n = 0; n < chunk.Length; n++)
            {
                var (kind, id, _, _) = chunk[n];
                var a = answers[n];
                results.Add(a.Status switch
                {
                    201 => new KarteUpsertResult(kind, id, UpsertOutcome.Created),
                    200 or 204 => new KarteUpsertResult(kind, id, UpsertOutcome.Updated),
                    _ => new KarteUpsertResult(kind, id, UpsertOutcome.Failed, string.IsNullOrEmpty(a.ErrorCode) ? "HTTP_" + a.Status : a.ErrorCode, a.Message),
                });
            }
        }

        return results;
    }

    // An owner without a systemuser in the environment stays the caller; the karte keeps the owner in its document.
    private async Task<Guid?> OwnerGuidAsync(Karte.UserId? owner, CancellationToken cancellationToken) =>
        owner is { } o ? await _cache.UserGuidAsync(o, cancellationToken).ConfigureAwait(false) : null;
}
