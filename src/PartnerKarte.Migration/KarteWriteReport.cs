using System.Globalization;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration;

/// <summary>What writing karte records to a target did: created and updated per kind, failures, and the number of upsert calls.</summary>
public sealed record KarteWriteReport
{
    /// <summary>The target connector's name.</summary>
    public required string Target { get; init; }

    /// <summary>Whether nothing was written (the counts are the plan: everything counts as created).</summary>
    public bool DryRun { get; init; }

    /// <summary>Records created in the target.</summary>
    public MigrationCounts Created { get; init; } = MigrationCounts.None;

    /// <summary>Records that existed in the target (same external id) and were updated.</summary>
    public MigrationCounts Updated { get; init; } = MigrationCounts.None;

    /// <summary>Records the target rejected, with its error code and message (never field values).</summary>
    public IReadOnlyList<KarteUpsertResult> Failures { get; init; } = [];

    /// <summary>Upsert calls made (planned, in a dry run).</summary>
    public int WriteCalls { get; init; }

    /// <summary>The records per upsert call used.</summary>
    public int BatchSize { get; init; }

    /// <summary>Records written (created or updated).</summary>
    public long Written => Created.Total + Updated.Total;

    /// <summary>The counts only (no record data), for logs.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(DryRun ? "dry run: " : string.Empty)}created {Created.Companies + Created.Reps + Created.Proposals + Created.Interactions}, updated {Updated.Companies + Updated.Reps + Updated.Proposals + Updated.Interactions}, failed {Failures.Count}, {WriteCalls} write calls");
}
