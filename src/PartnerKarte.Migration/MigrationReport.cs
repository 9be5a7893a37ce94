using System.Globalization;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration;

/// <summary>The outcome of a <see cref="KarteMigration"/> run. Holds ids, counts and error codes only, no field values.</summary>
public sealed record MigrationReport
{
    /// <summary>The source connector's name.</summary>
    public required string Source { get; init; }

    /// <summary>The key the checkpoint is saved under in the sync-state store (<see cref="KarteMigration.CheckpointKey"/>).</summary>
    public required string CheckpointKey { get; init; }

    /// <summary>How the run ended: succeeded, partially failed (some records rejected; a rerun retries them) or aborted.</summary>
    public SyncOutcome Outcome { get; init; }

    /// <summary>Whether the run continued from a saved checkpoint instead of reading the whole source.</summary>
    public bool Resumed { get; init; }

    /// <summary>Why a saved checkpoint was not used (the target no longer held what it claimed), or <see langword="null"/>.</summary>
    public string? RestartReason { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>Records read from the source, per kind (a record read twice, because it changed during the read, counts twice).</summary>
    public MigrationCounts Read { get; init; } = MigrationCounts.None;

    /// <summary>Deletions the source reported; a migration does not delete in the target.</summary>
    public long DeletionsIgnored { get; init; }

    /// <summary>Records written after their parent (rep → company, proposal → company and rep, interaction → rep) came later in the source.</summary>
    public long Deferred { get; init; }

    /// <summary>
    /// Reps skipped because they were erased on request (個人情報の消去) before this run; their interactions are skipped and their
    /// links on other records removed.
    /// </summary>
    public long ErasedSkipped { get; init; }

    /// <summary>What was written to the target.</summary>
    public required KarteWriteReport Write { get; init; }

    /// <summary>The checkpoint saved last (the source watermark up to which every record is committed), or <see langword="null"/>.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Why the run aborted, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the run aborted because a connector's service could not be reached (network, DNS, TLS or timeout), not for the data or the settings.</summary>
    public bool IsUnreachable { get; init; }

    /// <summary>One line for logs: source, target, outcome and counts — no record data, no personal data.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"MigrationReport {Source} → {Write.Target} {Outcome}{(Resumed ? " (resumed)" : string.Empty)}: read {Read.Companies + Read.Reps + Read.Proposals + Read.Interactions}, {Write}, deferred {Deferred}, erased skipped {ErasedSkipped}{(Error is null ? string.Empty : " — error: " + Error)}");
}
