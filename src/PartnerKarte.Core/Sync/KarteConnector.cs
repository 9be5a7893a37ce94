using System.Runtime.CompilerServices;

namespace PartnerKarte.Sync;

/// <summary>
/// The one abstraction every CRM or store implements so the enrichment sync, migration and handover can
/// run against it: Salesforce, Dataverse, and the embedded SQLite store.
/// </summary>
/// <remarks>
/// <para>Contract, checked by the shared conformance suite (<c>KarteConnectorConformanceTests</c>):</para>
/// <list type="bullet">
/// <item><description>Ids are karte ids (<c>CompanyId.Value</c>, <c>RepId.Value</c>, ...). A CRM connector maps them to its own
/// ids, typically through an external-id field (<c>PK_ExternalId__c</c>, <c>pk_externalid</c>) or by using the CRM id as the karte id.</description></item>
/// <item><description><see cref="ReadChangesAsync"/> yields every record created, modified or deleted after the watermark, each
/// at least once, in pages; resuming from any page's <see cref="ChangePage.NextWatermark"/> loses nothing.</description></item>
/// <item><description>Writes are idempotent: writing the same enrichment, upsert or operation twice leaves the same state and
/// creates no duplicate. Per-record failures are returned as values, never thrown; exceptions mean the whole
/// call failed (auth, network after retries, cancellation).</description></item>
/// <item><description>Writing enrichment does not change the karte fields a change read returns.</description></item>
/// <item><description>Methods are safe to call concurrently up to <see cref="ConnectorCapabilities.MaxParallelism"/>.</description></item>
/// </list>
/// <para>New members are added as virtual with a default body, so connectors keep compiling.</para>
/// </remarks>
public abstract class KarteConnector
{
    /// <summary>A short lower-case name such as <c>sqlite</c>, <c>salesforce</c>, <c>dataverse</c>; used in logs, metrics and sync-state keys.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// A key that tells apart two targets of the same connector (for example the org or environment host);
    /// sync state (watermarks, written hashes, failures) is kept per <see cref="StateKey"/>. Defaults to <see cref="Name"/>.
    /// Must not contain secrets.
    /// </summary>
    public virtual string StateKey => Name;

    /// <summary>What the connector can do and its limits.</summary>
    public virtual ConnectorCapabilities Capabilities { get; } = new();

    /// <summary>
    /// The requests this connector sent to its CRM and the records it read, as the CRM counts them. A CRM connector
    /// counts every HTTP request it sends here; a local store may leave it empty (the sync then reports its own calls).
    /// </summary>
    public ConnectorUsage Usage { get; } = new();

    /// <summary>
    /// Streams the karte records changed after <paramref name="watermark"/>, as pages. With a
    /// <see langword="null"/> watermark it streams every record (a full read, also used by migration).
    /// </summary>
    /// <param name="watermark">The <see cref="ChangePage.NextWatermark"/> of the last page processed, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The pages; the last one carries the watermark to use next time.</returns>
    public abstract IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams what changed after <paramref name="watermark"/> as ids only (see <see cref="ChangeSummary"/>): what the
    /// enrichment sync needs to know which kartes to recompute. Same pages and watermarks semantics as
    /// <see cref="ReadChangesAsync"/>. The default sums up <see cref="ReadChangesAsync"/> page by page; a connector that
    /// can select ids alone (a database) overrides it, so a full sync reads each record once instead of twice.
    /// </summary>
    /// <param name="watermark">The <see cref="ChangeSummary.NextWatermark"/> of the last page processed, or <see langword="null"/> for everything.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The pages; the last one carries the watermark to use next time.</returns>
    public virtual async IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadChangesAsync(watermark, cancellationToken).ConfigureAwait(false))
        {
            yield return ChangeSummary.Of(page);
        }
    }

    /// <summary>
    /// Streams the selected records with their context (see <see cref="KarteSelection"/>): each listed company
    /// with its whole karte (proposals, reps, the reps' interactions and proposals), each listed rep with its interactions and
    /// proposals. The sync engine uses this to recompute the scores and KPIs a change affects. Ids that do not
    /// exist are skipped. A batch carrying a listed company carries all of that company's records.
    /// </summary>
    /// <param name="selection">Companies and reps to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Batches of records; a record may appear in more than one batch.</returns>
    public abstract IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes enrichment values to existing records, at most <see cref="ConnectorCapabilities.MaxBatchSize"/> per call.
    /// Every field is written, a <see langword="null"/> clears the target field.
    /// </summary>
    /// <param name="records">The records to write.</param>
    /// <param name="cancellationToken">Cancels the write; records already committed stay committed.</param>
    /// <returns>One result per input record (any order); a record whose target does not exist fails with <c>NOT_FOUND</c>.</returns>
    public abstract Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or updates karte records by external id (the karte id), keeping relationships (rep → company,
    /// proposal → company and rep, interaction → rep). Used by migration and import.
    /// </summary>
    /// <param name="batch">The records; companies are applied before reps, reps before proposals and interactions.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>One result per input record.</returns>
    /// <exception cref="ConnectorNotSupportedException">The connector is not a migration target.</exception>
    public virtual Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default) =>
        throw new ConnectorNotSupportedException(Name, "karte upserts");

    /// <summary>Applies handover operations (owner changes, rep reassignment, closing employment, tasks), idempotently by <see cref="ConnectorOperation.OperationId"/>.</summary>
    /// <param name="operations">The operations, applied in order.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>One result per operation.</returns>
    /// <exception cref="ConnectorNotSupportedException">The connector does not apply handover operations.</exception>
    public virtual Task<IReadOnlyList<ConnectorOperationResult>> ApplyOperationsAsync(IReadOnlyList<ConnectorOperation> operations, CancellationToken cancellationToken = default) =>
        throw new ConnectorNotSupportedException(Name, "handover operations");

    /// <summary>
    /// Reads, as the CRM holds them, the fields PartnerKarte maps on one rep's record (the contact's karte fields and the
    /// enrichment fields the sync writes), for a disclosure request (開示請求). Values are the CRM's JSON values as text.
    /// </summary>
    /// <param name="repId">The rep's karte id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Field name to value, or <see langword="null"/> when the CRM holds no record for the rep.</returns>
    /// <exception cref="ConnectorNotSupportedException">The connector keeps no CRM record of its own (the embedded store).</exception>
    public virtual Task<IReadOnlyDictionary<string, string?>?> ReadRepFieldsAsync(Karte.RepId repId, CancellationToken cancellationToken = default) =>
        throw new ConnectorNotSupportedException(Name, "reading a rep's CRM fields");

    /// <summary>
    /// Opens, updates or closes the follow-up tasks of reps (<see cref="EnrichmentSyncOptions.FollowUpTasks"/>): an open
    /// task (<see cref="FollowUpTask.IsOpen"/>) is created or updated by its key, assigned to the rep's owner; a closed one
    /// completes the open task with that key, if any. Idempotent: the same call twice changes nothing more.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many tasks were created, updated or closed.</returns>
    /// <exception cref="ConnectorNotSupportedException">The connector writes no tasks.</exception>
    public virtual Task<int> WriteFollowUpTasksAsync(IReadOnlyList<FollowUpTask> tasks, CancellationToken cancellationToken = default) =>
        throw new ConnectorNotSupportedException(Name, "follow-up tasks");

    /// <summary>
    /// Our own team as the CRM or store knows it (id, name, team, active): Salesforce users, Dataverse systemusers, the
    /// embedded store's roster. The ids are the ones the karte uses for owners.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The members in id order; empty when the connector keeps no roster.</returns>
    public virtual Task<IReadOnlyList<Karte.TeamMember>> ReadTeamAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Karte.TeamMember>>([]);

    /// <summary>Checks connectivity, authentication and the field mapping (for <c>partnerkarte doctor</c> and startup).</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The problems found.</returns>
    public virtual Task<ConnectorHealth> CheckHealthAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(ConnectorHealth.Healthy);
}
