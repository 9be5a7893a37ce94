using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// One handover operation in connector terms. Applying an operation twice must not duplicate anything:
/// connectors use <see cref="OperationId"/> as the idempotency key (for tasks, as the task's external id).
/// </summary>
/// <remarks>Build instances with the static factories; each kind uses only the fields named there.</remarks>
public sealed record ConnectorOperation
{
    /// <summary>A stable id of the operation, the same each time the same plan is produced.</summary>
    public required string OperationId { get; init; }

    /// <summary>What to do.</summary>
    public required ConnectorOperationKind Kind { get; init; }

    /// <summary>The kind of record the operation changes or regards.</summary>
    public required KarteRecordKind RecordKind { get; init; }

    /// <summary>The karte id of that record.</summary>
    public required string RecordId { get; init; }

    /// <summary><see cref="ConnectorOperationKind.ChangeOwner"/>: the new owner; <see cref="ConnectorOperationKind.CreateTask"/>: the task owner.</summary>
    public UserId? OwnerId { get; init; }

    /// <summary><see cref="ConnectorOperationKind.ReassignRep"/>: the successor rep.</summary>
    public RepId? RepId { get; init; }

    /// <summary><see cref="ConnectorOperationKind.CloseEmployment"/>: the last day; <see cref="ConnectorOperationKind.CreateTask"/>: the due date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary><see cref="ConnectorOperationKind.CloseEmployment"/>: the rep's new status.</summary>
    public RepStatus? RepStatus { get; init; }

    /// <summary><see cref="ConnectorOperationKind.CreateTask"/>: the subject.</summary>
    public string? Subject { get; init; }

    /// <summary><see cref="ConnectorOperationKind.CreateTask"/>: the description.</summary>
    public string? Description { get; init; }

    /// <summary>Changes the owner on our side of a record.</summary>
    /// <param name="operationId">Stable id.</param>
    /// <param name="recordKind">Company, rep, proposal, or interaction (its next action).</param>
    /// <param name="recordId">The record's karte id.</param>
    /// <param name="newOwner">The successor.</param>
    /// <returns>The operation.</returns>
    public static ConnectorOperation ChangeOwner(string operationId, KarteRecordKind recordKind, string recordId, UserId newOwner) =>
        new() { OperationId = operationId, Kind = ConnectorOperationKind.ChangeOwner, RecordKind = recordKind, RecordId = recordId, OwnerId = newOwner };

    /// <summary>Moves a proposal or an interaction's open next action to another partner rep.</summary>
    /// <param name="operationId">Stable id.</param>
    /// <param name="recordKind">Proposal or interaction.</param>
    /// <param name="recordId">The record's karte id.</param>
    /// <param name="successor">The successor rep.</param>
    /// <returns>The operation.</returns>
    public static ConnectorOperation ReassignRep(string operationId, KarteRecordKind recordKind, string recordId, RepId successor) =>
        new() { OperationId = operationId, Kind = ConnectorOperationKind.ReassignRep, RecordKind = recordKind, RecordId = recordId, RepId = successor };

    /// <summary>Closes a rep's current employment episode.</summary>
    /// <param name="operationId">Stable id.</param>
    /// <param name="repId">The rep.</param>
    /// <param name="lastDay">The episode's last day.</param>
    /// <param name="status">The rep's new status (transferred, left ...).</param>
    /// <returns>The operation.</returns>
    public static ConnectorOperation CloseEmployment(string operationId, RepId repId, DateOnly lastDay, RepStatus status) =>
        new() { OperationId = operationId, Kind = ConnectorOperationKind.CloseEmployment, RecordKind = KarteRecordKind.Rep, RecordId = repId.Value, Date = lastDay, RepStatus = status };

    /// <summary>Creates a task regarding a record.</summary>
    /// <param name="operationId">Stable id; the task's external id.</param>
    /// <param name="recordKind">The kind of record the task regards.</param>
    /// <param name="recordId">The record's karte id.</param>
    /// <param name="owner">The task owner.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="due">The due date.</param>
    /// <param name="description">The description.</param>
    /// <returns>The operation.</returns>
    public static ConnectorOperation CreateTask(string operationId, KarteRecordKind recordKind, string recordId, UserId owner, string subject, DateOnly? due = null, string? description = null) =>
        new() { OperationId = operationId, Kind = ConnectorOperationKind.CreateTask, RecordKind = recordKind, RecordId = recordId, OwnerId = owner, Subject = subject, Date = due, Description = description };
}
