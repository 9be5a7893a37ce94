using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Runtime.CompilerServices;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Testing;

/// <summary>
/// A <see cref="KarteConnector"/> over records kept in memory, for tests and demos: the full connector contract
/// (change feed with watermarks and deletions, karte reads, enrichment writes, upserts, handover operations,
/// follow-up tasks, team roster) without a CRM or a database. It passes the shared conformance suite.
/// </summary>
/// <remarks>
/// Every karte change (an upsert, an operation, a deletion) takes the next value of one sequence, and the watermark
/// is that sequence number, so the change feed is exact. Enrichment writes do not touch the sequence. Records are
/// stored as given: a read returns the same instances that were seeded.
/// </remarks>
/// <threadsafety>All members are thread-safe; each call sees and changes the store atomically.</threadsafety>
public sealed class InMemoryKarteConnector : KarteConnector
{
    private readonly Lock gate = new();
    private readonly InMemoryKarteConnectorOptions options;
    private readonly Dictionary<CompanyId, Entry<PartnerCompany>> companies = [];
    private readonly Dictionary<RepId, Entry<PartnerRep>> reps = [];
    private readonly Dictionary<ProposalId, Entry<Proposal>> proposals = [];
    private readonly Dictionary<InteractionId, Entry<Interaction>> interactions = [];
    private readonly List<Entry<DeletedRecord>> deletions = [];
    private readonly Dictionary<EnrichmentKey, EnrichmentRecord> enrichment = [];
    private readonly HashSet<string> appliedOperations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InMemoryTask> tasks = new(StringComparer.Ordinal);
    private List<TeamMember> team = [];
    private long sequence;

    /// <summary>Creates an empty connector.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ValidationException">An option is out of range; the message names it.</exception>
    public InMemoryKarteConnector(InMemoryKarteConnectorOptions? options = null)
    {
        this.options = options ?? new InMemoryKarteConnectorOptions();
        Validator.ValidateObject(this.options, new ValidationContext(this.options), validateAllProperties: true);
        Capabilities = new ConnectorCapabilities
        {
            MaxBatchSize = this.options.MaxBatchSize,
            MaxParallelism = 4,
            SupportsDelta = true,
            SupportsDeletions = true,
            SupportsKarteUpsert = true,
            SupportsOperations = true,
        };
    }

    /// <inheritdoc/>
    public override string Name => options.Name;

    /// <inheritdoc/>
    public override ConnectorCapabilities Capabilities { get; }

    /// <summary>Gets the number of karte records held (companies, reps, proposals and interactions).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return companies.Count + reps.Count + proposals.Count + interactions.Count;
            }
        }
    }

    /// <summary>
    /// Creates or updates records as a CRM user would (not through the sync): each becomes a change after the current
    /// watermark. Same as <see cref="UpsertKarteAsync"/>, without the per-record results.
    /// </summary>
    /// <param name="records">The records.</param>
    public void Seed(KarteRecordBatch records)
    {
        ArgumentNullException.ThrowIfNull(records);
        Upsert(records);
    }

    /// <summary>
    /// Creates or updates the records of a data set (see <see cref="Seed(KarteRecordBatch)"/>); its team members, when it
    /// has any, replace the roster (<see cref="SetTeam"/>).
    /// </summary>
    /// <param name="data">The data set.</param>
    public void Seed(KarteDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Upsert(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });
        if (data.TeamMembers.Count > 0)
        {
            SetTeam(data.TeamMembers);
        }
    }

    /// <summary>Replaces the roster <see cref="ReadTeamAsync"/> returns.</summary>
    /// <param name="members">Our own team members.</param>
    public void SetTeam(IEnumerable<TeamMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        lock (gate)
        {
            team = [.. members.OrderBy(m => m.Id.Value, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Deletes a record and reports the deletion on the change feed. Deleting a company or rep does not cascade:
    /// delete its records first, as a CRM would require.
    /// </summary>
    /// <param name="kind">The kind of record.</param>
    /// <param name="id">Its karte id.</param>
    /// <returns><see langword="true"/> when the record existed.</returns>
    public bool Delete(KarteRecordKind kind, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (gate)
        {
            DeletedRecord? deleted = kind switch
            {
                KarteRecordKind.Company when companies.Remove(new CompanyId(id)) => new DeletedRecord(kind, id),
                KarteRecordKind.Rep when reps.Remove(new RepId(id), out var rep) => new DeletedRecord(kind, id) { CompanyId = rep.Record.CompanyId.Value },
                KarteRecordKind.Proposal when proposals.Remove(new ProposalId(id), out var p) =>
                    new DeletedRecord(kind, id) { RepId = p.Record.RepId?.Value, CompanyId = p.Record.CompanyId.Value },
                KarteRecordKind.Interaction when interactions.Remove(new InteractionId(id), out var i) => new DeletedRecord(kind, id) { RepId = i.Record.RepId.Value },
                _ => null,
            };
            if (deleted is null)
            {
                return false;
            }

            deletions.Add(new(deleted, ++sequence));
            if (kind is KarteRecordKind.Company or KarteRecordKind.Rep)
            {
                enrichment.Remove(new EnrichmentKey(kind == KarteRecordKind.Company ? EnrichmentTarget.Company : EnrichmentTarget.Rep, id));
            }

            return true;
        }
    }

    /// <summary>Returns every karte record held, in id order.</summary>
    /// <returns>A copy of the karte.</returns>
    public KarteDataSet Snapshot()
    {
        lock (gate)
        {
            return new KarteDataSet
            {
                Companies = [.. companies.Values.Select(e => e.Record).OrderBy(c => c.Id.Value, StringComparer.Ordinal)],
                Reps = [.. reps.Values.Select(e => e.Record).OrderBy(r => r.Id.Value, StringComparer.Ordinal)],
                Proposals = [.. proposals.Values.Select(e => e.Record).OrderBy(p => p.Id.Value, StringComparer.Ordinal)],
                Interactions = [.. interactions.Values.Select(e => e.Record).OrderBy(i => i.Id.Value, StringComparer.Ordinal)],
            };
        }
    }

    /// <summary>Reads the enrichment values last written to a target.</summary>
    /// <param name="key">The target.</param>
    /// <returns>The record written, or <see langword="null"/> when none was.</returns>
    public EnrichmentRecord? ReadEnrichment(EnrichmentKey key)
    {
        lock (gate)
        {
            return enrichment.GetValueOrDefault(key);
        }
    }

    /// <summary>Returns the tasks held regarding a record: those of handover operations and the open or closed follow-up tasks.</summary>
    /// <param name="recordKind">The kind of record.</param>
    /// <param name="recordId">Its karte id.</param>
    /// <returns>The tasks, in key order.</returns>
    public IReadOnlyList<InMemoryTask> GetTasks(KarteRecordKind recordKind, string recordId)
    {
        lock (gate)
        {
            return [.. tasks.Values.Where(t => t.RecordKind == recordKind && t.RecordId == recordId).OrderBy(t => t.Key, StringComparer.Ordinal)];
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var from = ParseWatermark(watermark);
        List<(long Seq, object Record)> changes;
        long upTo;
        lock (gate)
        {
            // One snapshot for the whole read, as a database read transaction would give.
            upTo = sequence;
            changes = [.. companies.Values.Where(e => e.Seq > from).Select(e => (e.Seq, (object)e.Record))
                .Concat(reps.Values.Where(e => e.Seq > from).Select(e => (e.Seq, (object)e.Record)))
                .Concat(proposals.Values.Where(e => e.Seq > from).Select(e => (e.Seq, (object)e.Record)))
                .Concat(interactions.Values.Where(e => e.Seq > from).Select(e => (e.Seq, (object)e.Record)))
                .Concat(deletions.Where(e => e.Seq > from).Select(e => (e.Seq, (object)e.Record)))
                .OrderBy(c => c.Seq)];
        }

        if (changes.Count == 0)
        {
            yield return new ChangePage { NextWatermark = WatermarkOf(Math.Max(from, upTo)) };
            yield break;
        }

        foreach (var chunk in changes.Chunk(options.PageSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChangePage
            {
                Companies = [.. chunk.Select(c => c.Record).OfType<PartnerCompany>()],
                Reps = [.. chunk.Select(c => c.Record).OfType<PartnerRep>()],
                Proposals = [.. chunk.Select(c => c.Record).OfType<Proposal>()],
                Interactions = [.. chunk.Select(c => c.Record).OfType<Interaction>()],
                Deletions = [.. chunk.Select(c => c.Record).OfType<DeletedRecord>()],
                NextWatermark = WatermarkOf(chunk[^1].Seq == changes[^1].Seq ? upTo : chunk[^1].Seq),
            };
            await Task.Yield();
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        cancellationToken.ThrowIfCancellationRequested();
        List<KarteRecordBatch> batches = [];
        lock (gate)
        {
            foreach (var companyId in selection.CompanyIds.Distinct())
            {
                if (!companies.TryGetValue(companyId, out var company))
                {
                    continue;
                }

                var companyReps = reps.Values.Select(e => e.Record).Where(r => r.CompanyId == companyId).OrderBy(r => r.Id.Value, StringComparer.Ordinal).ToList();
                var repIds = companyReps.Select(r => r.Id).ToHashSet();
                batches.Add(new KarteRecordBatch
                {
                    Companies = [company.Record],
                    Reps = companyReps,
                    Proposals = ProposalsOf(p => p.CompanyId == companyId || (p.RepId is { } rep && repIds.Contains(rep))),
                    Interactions = InteractionsOf(repIds),
                });
            }

            var selectedReps = selection.RepIds.Distinct().Where(reps.ContainsKey).ToHashSet();
            if (selectedReps.Count > 0)
            {
                batches.Add(new KarteRecordBatch
                {
                    Reps = [.. selectedReps.Select(id => reps[id].Record).OrderBy(r => r.Id.Value, StringComparer.Ordinal)],
                    Proposals = ProposalsOf(p => p.RepId is { } rep && selectedReps.Contains(rep)),
                    Interactions = InteractionsOf(selectedReps),
                });
            }
        }

        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
            await Task.Yield();
        }
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        if (records.Count > options.MaxBatchSize)
        {
            throw new ArgumentException($"{records.Count} records exceed the connector's MaxBatchSize of {options.MaxBatchSize}.", nameof(records));
        }

        var results = new EnrichmentWriteResult[records.Count];
        lock (gate)
        {
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                var exists = record.Target == EnrichmentTarget.Rep ? reps.ContainsKey(new RepId(record.Id)) : companies.ContainsKey(new CompanyId(record.Id));
                if (exists)
                {
                    enrichment[record.Key] = record;
                    results[i] = EnrichmentWriteResult.Success(record.Key);
                }
                else
                {
                    results[i] = EnrichmentWriteResult.Failure(record.Key, "NOT_FOUND", $"No {(record.Target == EnrichmentTarget.Rep ? "rep" : "company")} with id '{record.Id}'.");
                }
            }
        }

        return Task.FromResult<IReadOnlyList<EnrichmentWriteResult>>(results);
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Upsert(batch));
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<ConnectorOperationResult>> ApplyOperationsAsync(IReadOnlyList<ConnectorOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new List<ConnectorOperationResult>(operations.Count);
        lock (gate)
        {
            foreach (var op in operations)
            {
                if (appliedOperations.Contains(op.OperationId) || tasks.ContainsKey(op.OperationId))
                {
                    results.Add(new(op.OperationId, ConnectorOperationStatus.AlreadyApplied));
                    continue;
                }

                var result = Apply(op);
                if (result.Status == ConnectorOperationStatus.Applied && op.Kind != ConnectorOperationKind.CreateTask)
                {
                    appliedOperations.Add(op.OperationId);
                }

                results.Add(result);
            }
        }

        return Task.FromResult<IReadOnlyList<ConnectorOperationResult>>(results);
    }

    /// <inheritdoc/>
    public override Task<int> WriteFollowUpTasksAsync(IReadOnlyList<FollowUpTask> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        cancellationToken.ThrowIfCancellationRequested();
        var changed = 0;
        lock (gate)
        {
            foreach (var task in tasks)
            {
                var held = this.tasks.GetValueOrDefault(task.Key);
                if (task.IsOpen)
                {
                    if (!reps.TryGetValue(task.RepId, out var rep))
                    {
                        continue;
                    }

                    var open = new InMemoryTask(task.Key, KarteRecordKind.Rep, task.RepId.Value, rep.Record.OwnerId, task.Subject, task.Reason, null, IsOpen: true);
                    if (held != open)
                    {
                        this.tasks[task.Key] = open;
                        changed++;
                    }
                }
                else if (held is { IsOpen: true })
                {
                    this.tasks[task.Key] = held with { IsOpen = false };
                    changed++;
                }
            }
        }

        return Task.FromResult(changed);
    }

    /// <inheritdoc/>
    public override Task<IReadOnlyList<TeamMember>> ReadTeamAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<TeamMember>>([.. team]);
        }
    }

    private IReadOnlyList<KarteUpsertResult> Upsert(KarteRecordBatch batch)
    {
        var results = new List<KarteUpsertResult>(batch.Count);
        lock (gate)
        {
            // Parents first, as the contract orders them.
            foreach (var c in batch.Companies)
            {
                results.Add(new(KarteRecordKind.Company, c.Id.Value, Put(companies, c.Id, c)));
            }

            foreach (var r in batch.Reps)
            {
                results.Add(new(KarteRecordKind.Rep, r.Id.Value, Put(reps, r.Id, r)));
            }

            foreach (var p in batch.Proposals)
            {
                results.Add(new(KarteRecordKind.Proposal, p.Id.Value, Put(proposals, p.Id, p)));
            }

            foreach (var i in batch.Interactions)
            {
                results.Add(new(KarteRecordKind.Interaction, i.Id.Value, Put(interactions, i.Id, i)));
            }
        }

        return results;
    }

    private UpsertOutcome Put<TKey, TRecord>(Dictionary<TKey, Entry<TRecord>> table, TKey key, TRecord record)
        where TKey : notnull
    {
        var existed = table.ContainsKey(key);
        table[key] = new(record, ++sequence);
        return existed ? UpsertOutcome.Updated : UpsertOutcome.Created;
    }

    private ConnectorOperationResult Apply(ConnectorOperation op)
    {
        var found = (op.Kind, op.RecordKind) switch
        {
            (ConnectorOperationKind.ChangeOwner, _) when op.OwnerId is { } owner => op.RecordKind switch
            {
                KarteRecordKind.Company => Update(companies, new CompanyId(op.RecordId), c => c with { OwnerId = owner }),
                KarteRecordKind.Rep => Update(reps, new RepId(op.RecordId), r => r with { OwnerId = owner }),
                KarteRecordKind.Proposal => Update(proposals, new ProposalId(op.RecordId), p => p with { OwnerId = owner }),
                _ => Update(interactions, new InteractionId(op.RecordId), i => i.NextAction is { } next ? i with { NextAction = next with { Owner = owner } } : null),
            },
            (ConnectorOperationKind.ReassignRep, KarteRecordKind.Proposal) when op.RepId is { } rep => Update(proposals, new ProposalId(op.RecordId), p => p with { RepId = rep }),
            (ConnectorOperationKind.ReassignRep, KarteRecordKind.Interaction) when op.RepId is { } rep => Update(interactions, new InteractionId(op.RecordId), i => i with { RepId = rep }),
            (ConnectorOperationKind.CloseEmployment, KarteRecordKind.Rep) when op is { Date: { } lastDay, RepStatus: { } status } =>
                Update(reps, new RepId(op.RecordId), r => r with
                {
                    Status = status,
                    Employment = [.. r.Employment.Select(e => e.IsCurrent ? e with { To = lastDay } : e)],
                }),
            (ConnectorOperationKind.CreateTask, _) when op.OwnerId is not null && !string.IsNullOrWhiteSpace(op.Subject) => CreateTask(op),
            _ => (bool?)null,
        };
        return found switch
        {
            null => new(op.OperationId, ConnectorOperationStatus.Failed, "INVALID_OPERATION", $"Operation {op.OperationId}: {op.Kind} on {op.RecordKind} lacks a required field or is not supported."),
            false => new(op.OperationId, ConnectorOperationStatus.Failed, "NOT_FOUND", $"Operation {op.OperationId}: no {op.RecordKind} with id '{op.RecordId}'."),
            true => new(op.OperationId, ConnectorOperationStatus.Applied),
        };
    }

    private bool CreateTask(ConnectorOperation op)
    {
        var exists = op.RecordKind switch
        {
            KarteRecordKind.Company => companies.ContainsKey(new CompanyId(op.RecordId)),
            KarteRecordKind.Rep => reps.ContainsKey(new RepId(op.RecordId)),
            KarteRecordKind.Proposal => proposals.ContainsKey(new ProposalId(op.RecordId)),
            _ => interactions.ContainsKey(new InteractionId(op.RecordId)),
        };
        if (exists)
        {
            tasks[op.OperationId] = new InMemoryTask(op.OperationId, op.RecordKind, op.RecordId, op.OwnerId, op.Subject!, op.Description, op.Date, IsOpen: true);
        }

        return exists;
    }

    /// <summary>Replaces a record by <paramref name="change"/>; a <see langword="null"/> change means the record has nothing to change (not found).</summary>
    private bool Update<TKey, TRecord>(Dictionary<TKey, Entry<TRecord>> table, TKey key, Func<TRecord, TRecord?> change)
        where TKey : notnull
        where TRecord : class
    {
        if (!table.TryGetValue(key, out var entry) || change(entry.Record) is not { } changed)
        {
            return false;
        }

        table[key] = new(changed, ++sequence);
        return true;
    }

    private List<Proposal> ProposalsOf(Func<Proposal, bool> predicate) =>
        [.. proposals.Values.Select(e => e.Record).Where(predicate).OrderBy(p => p.Id.Value, StringComparer.Ordinal)];

    private List<Interaction> InteractionsOf(HashSet<RepId> repIds) =>
        [.. interactions.Values.Select(e => e.Record).Where(i => repIds.Contains(i.RepId)).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id.Value, StringComparer.Ordinal)];

    private static long ParseWatermark(string? watermark) =>
        watermark is null ? 0
        : long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq
        : throw new ArgumentException($"'{watermark}' is not a watermark of the in-memory connector.", nameof(watermark));

    private static string WatermarkOf(long seq) => seq.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Entry<T>(T Record, long Seq);
}
