namespace PartnerKarte.Migration;

/// <summary>A number of karte records per kind.</summary>
/// <param name="Companies">Partner companies.</param>
/// <param name="Reps">Partner reps (with their employment episodes).</param>
/// <param name="Proposals">Proposals.</param>
/// <param name="Interactions">Interactions.</param>
public sealed record MigrationCounts(long Companies = 0, long Reps = 0, long Proposals = 0, long Interactions = 0)
{
    /// <summary>No records.</summary>
    public static MigrationCounts None { get; } = new();

    /// <summary>All records.</summary>
    public long Total => Companies + Reps + Proposals + Interactions;
}
