namespace PartnerKarte.Sync;

/// <summary>The run lease of a state key: which run may sync it, until when.</summary>
/// <param name="Owner">Who holds it: for <see cref="EnrichmentSync"/> the run id, the machine and the process id, separated by spaces.</param>
/// <param name="ExpiresAt">When it lapses unless renewed; a run that died leaves a lease that lapses by itself.</param>
public sealed record SyncLease(string Owner, DateTimeOffset ExpiresAt);
