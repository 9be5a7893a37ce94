namespace PartnerKarte.Migration;

/// <summary>Options of a <see cref="KarteMigration"/> run. Checked by <see cref="Validate"/> when the run starts.</summary>
public sealed class KarteMigrationOptions
{
    /// <summary>
    /// Records per upsert call, or <see langword="null"/> for the target's <see cref="Sync.ConnectorCapabilities.MaxBatchSize"/>
    /// (the fewest write calls). Between 1 and 100000.
    /// </summary>
    public int? BatchSize { get; set; }

    /// <summary>Read and plan only: count what would be written and in how many calls; write nothing, save no checkpoint.</summary>
    public bool DryRun { get; set; }

    /// <summary>Ignore a saved checkpoint and read the source from the start (upserts are idempotent, so this is always safe).</summary>
    public bool Restart { get; set; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BatchSize"/> is out of range.</exception>
    public void Validate()
    {
        if (BatchSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "KarteMigrationOptions.BatchSize must be between 1 and 100000.");
        }
    }
}
