namespace PartnerKarte.Migration;

/// <summary>A progress report of a running migration or karte write (for progress bars).</summary>
/// <param name="Read">Records read from the source so far (for a write of a known data set: the records to write).</param>
/// <param name="Written">Records the target accepted so far (planned, in a dry run).</param>
/// <param name="Failed">Records the target rejected so far.</param>
/// <param name="WriteCalls">Upsert calls made so far (planned, in a dry run).</param>
public sealed record MigrationProgress(long Read, long Written, long Failed, long WriteCalls);
