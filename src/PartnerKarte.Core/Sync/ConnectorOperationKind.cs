namespace PartnerKarte.Sync;

/// <summary>The handover operations a connector applies (see <see cref="ConnectorOperation"/>).</summary>
public enum ConnectorOperationKind
{
    /// <summary>Set the owner on our side (<see cref="ConnectorOperation.OwnerId"/>) of a company, rep, proposal or interaction (its open next action).</summary>
    ChangeOwner = 0,

    /// <summary>Move a proposal, or an interaction's open next action, to another partner rep (<see cref="ConnectorOperation.RepId"/>).</summary>
    ReassignRep = 1,

    /// <summary>Close the rep's current employment episode on <see cref="ConnectorOperation.Date"/> and set <see cref="ConnectorOperation.RepStatus"/>; history is kept.</summary>
    CloseEmployment = 2,

    /// <summary>Create a task (for example "introduce the successor") regarding the record, owned by <see cref="ConnectorOperation.OwnerId"/>.</summary>
    CreateTask = 3,
}
