namespace PartnerKarte.Sync;

/// <summary>Another sync holds the run lease of the same state: this run did nothing and can be started again later.</summary>
public sealed class SyncAlreadyRunningException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stateKey">The state key.</param>
    /// <param name="lease">The lease held by the other run.</param>
    public SyncAlreadyRunningException(string stateKey, SyncLease lease)
        : base($"Another sync (run {lease?.Owner.Split(' ')[0]}) is running on state '{stateKey}' until {lease?.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'} at the latest; this run did nothing. Run it again when that one has finished.")
    {
        StateKey = stateKey;
        Lease = lease!;
    }

    /// <summary>The state key.</summary>
    public string StateKey { get; }

    /// <summary>The other run's lease.</summary>
    public SyncLease Lease { get; }
}
