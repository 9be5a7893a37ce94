using System.Globalization;
namespace PartnerKarte.Sync;

/// <summary>The summary of one sync run, stored in the run history.</summary>
public sealed record SyncReport
{
    /// <summary>A unique id of the run.</summary>
    public required string RunId { get; init; }

    /// <summary>The connector's state key.</summary>
    public required string StateKey { get; init; }

    /// <summary>The connector's name.</summary>
    public required string Connector { get; init; }

    /// <summary>When the run started (the wall clock of the machine running it).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished (the wall clock of the machine running it).</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The instant the kartes were evaluated at: <see cref="SyncRunOptions.AsOf"/> when given, otherwise <see cref="StartedAt"/>.</summary>
    public DateTimeOffset AsOf { get; init; }

    /// <summary>Whether it was a dry run (nothing written, <see cref="Changes"/> holds the diff).</summary>
    public bool DryRun { get; init; }

    /// <summary>How the run ended.</summary>
    public SyncOutcome Outcome { get; init; }

    /// <summary>Whether the run started from a saved watermark (incremental) rather than from scratch.</summary>
    public bool Incremental { get; init; }

    /// <summary>Karte records read from the change feed (changed and deleted).</summary>
    public long Read { get; init; }

    /// <summary>
    /// Changed companies and reps whose contents were what the sync last read (its own enrichment writes coming back
    /// through a CRM's change feed): counted in <see cref="Read"/>, not read again in full.
    /// </summary>
    public long Echoes { get; init; }

    /// <summary>Enrichment records computed (reps and companies affected by the changes, plus ledger retries).</summary>
    public long Computed { get; init; }

    /// <summary>Enrichment records written (in a dry run: that would be written).</summary>
    public long Written { get; init; }

    /// <summary>Enrichment records skipped because their hash equals the one last written.</summary>
    public long Skipped { get; init; }

    /// <summary>Enrichment records that failed (validation or write) and are in the ledger.</summary>
    public long Failed { get; init; }

    /// <summary>Ledger entries retried in this run.</summary>
    public long Retried { get; init; }

    /// <summary>
    /// Requests the run sent that the CRM counts against its API allocation (every query page, describe, write and Bulk
    /// job call); for a store that does not count requests (SQLite), the connector calls the engine made.
    /// </summary>
    public long ApiCalls { get; init; }

    /// <summary>
    /// The requests counted in <see cref="ApiCalls"/> by kind (see <see cref="ConnectorRequestKinds"/>), as the CRM
    /// counts them against its API allocation. Empty for a store that does not count requests.
    /// </summary>
    public IReadOnlyDictionary<string, long> ApiCallsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Requests to the identity provider's token endpoint during the run (not part of <see cref="ApiCalls"/>).</summary>
    public long TokenRequests { get; init; }

    /// <summary>Records read from the CRM during the run, by object or table name. Empty for a store that does not count them.</summary>
    public IReadOnlyDictionary<string, long> RecordsReadByObject { get; init; } = new Dictionary<string, long>();

    /// <summary>Write batches committed.</summary>
    public long Batches { get; init; }

    /// <summary>The reason the run was aborted, if it was; no personal data.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Whether the run was stopped by a configuration, credential or field-mapping problem (see
    /// <see cref="PartnerKarteException.IsConfigurationProblem"/>): fix the settings or the CRM's setup, then rerun.
    /// </summary>
    public bool IsConfigurationProblem { get; init; }

    /// <summary>What the connector did differently from a plain read and why (for example a table read in full); no personal data.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The failures of this run (ids, codes and reasons).</summary>
    public IReadOnlyList<SyncFailure> Failures { get; init; } = [];

    /// <summary>Reps the run skipped because their data was erased (see <see cref="PartnerKarte.Privacy.IErasureTombstoneStore"/>): neither read into the karte nor written.</summary>
    public long ErasedSkipped { get; init; }

    /// <summary>
    /// What the retention period (<see cref="EnrichmentSyncOptions.RetentionMonths"/>) dropped in this run, or <see langword="null"/>
    /// when it is off or the connector holds no karte of its own (in a dry run: what it would drop).
    /// </summary>
    public PartnerKarte.Privacy.RetentionResult? Retention { get; init; }

    /// <summary>In a dry run, the records that would be written; empty otherwise.</summary>
    public IReadOnlyList<EnrichmentChange> Changes { get; init; } = [];

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>
    /// One line for logs: run id, connector, outcome and counts — no record data, no personal data, e.g.
    /// <c>SyncReport 7f3a… salesforce Succeeded incremental: read 1,204, computed 310, written 12, skipped 298, failed 0, API calls 9, 00:00:41</c>.
    /// </summary>
    /// <returns>The summary line.</returns>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        return $"SyncReport {RunId} {Connector} {Outcome}{(DryRun ? " (dry run)" : string.Empty)} {(Incremental ? "incremental" : "full")}: "
            + $"read {Read.ToString("N0", inv)}, computed {Computed.ToString("N0", inv)}, written {Written.ToString("N0", inv)}, "
            + $"skipped {Skipped.ToString("N0", inv)}, echoes {Echoes.ToString("N0", inv)}, failed {Failed.ToString("N0", inv)}, API calls {ApiCalls.ToString("N0", inv)}, "
            + $"{(FinishedAt - StartedAt).ToString(@"hh\:mm\:ss", inv)}{(Error is null ? string.Empty : " — error: " + Error)}";
    }
}
