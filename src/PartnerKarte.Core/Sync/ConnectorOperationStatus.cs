namespace PartnerKarte.Sync;

/// <summary>What applying one <see cref="ConnectorOperation"/> did.</summary>
public enum ConnectorOperationStatus
{
    /// <summary>The operation failed; see the result's error.</summary>
    Failed = 0,

    /// <summary>The operation changed the target.</summary>
    Applied = 1,

    /// <summary>The target already reflected the operation (applied earlier); nothing was changed.</summary>
    AlreadyApplied = 2,
}
