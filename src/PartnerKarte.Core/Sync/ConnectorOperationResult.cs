namespace PartnerKarte.Sync;

/// <summary>The outcome of one <see cref="ConnectorOperation"/>.</summary>
/// <param name="OperationId">The operation.</param>
/// <param name="Status">Applied, already applied, or failed.</param>
/// <param name="ErrorCode">A machine-readable code on failure.</param>
/// <param name="Message">A message on failure, without personal data.</param>
public sealed record ConnectorOperationResult(string OperationId, ConnectorOperationStatus Status, string? ErrorCode = null, string? Message = null)
{
    /// <summary>Whether the target reflects the operation.</summary>
    public bool Succeeded => Status != ConnectorOperationStatus.Failed;
}
