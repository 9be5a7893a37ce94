using System.Text.Json.Nodes;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    /// <summary>
    /// Applies handover operations in order: owner changes set <c>OwnerId</c> (an interaction's open next action is
    /// re-owned in its karte record); a proposal's successor rep becomes its primary OpportunityContactRole; closing
    /// employment ends the rep's current episode in the karte record; a task becomes an open Task whose external id
    /// is the operation id. Each operation first reads the target, so applying it again reports
    /// <see cref="ConnectorOperationStatus.AlreadyApplied"/> and changes nothing.
    /// </summary>
    /// <param name="operations">The operations.</param>
    /// <param name="cancellationToken">Cancels the work; operations already applied stay applied.</param>
    /// <returns>One result per operation, in order.</returns>
    public override async Task<IReadOnlyList<ConnectorOperationResult>> ApplyOperationsAsync(IReadOnlyList<ConnectorOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        await ResolveOwnersAsync(operations.Select(o => o.OwnerId), cancellationToken).ConfigureAwait(false);
        var results = new List<ConnectorOperationResult>(operations.Count);
        foreach (var operation in operations)
        {
            results.Add(await ApplyAsync(operation, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static ConnectorOperationResult Failed(ConnectorOperation op, string code, string message) =>
        new(op.OperationId, ConnectorOperationStatus.Failed, code, message);

    private async Task<ConnectorOperationResult> ApplyAsync(ConnectorOperation op, CancellationToken cancellationToken)
    {
        string? owner = null;
        if (op.Kind is ConnectorOperationKind.ChangeOwner or ConnectorOperationKind.CreateTask)
        {
            if (op.OwnerId is not { } user || !_owners.TryGetValue(user.Value, out owner) || owner is null)
            {
                return Failed(op, "USER_NOT_FOUND", $"{op.OperationId}: no active Salesforce user has FederationIdentifier or Id {op.OwnerId}.");
            }
        }

        switch (op.Kind, op.RecordKind)
        {
            case (ConnectorOperationKind.ChangeOwner, KarteRecordKind.Interaction):
                return await RewriteInteractionAsync(op, i => i.NextAction is { IsOpen: true } a && a.Owner != op.OwnerId ? i with { NextAction = a with { Owner = op.OwnerId } } : null, cancellationToken).ConfigureAwait(false);
            case (ConnectorOperationKind.ChangeOwner, _):
                return await ChangeOwnerAsync(op, ObjectOf(op.RecordKind), owner!, cancellationToken).ConfigureAwait(false);
            case (ConnectorOperationKind.ReassignRep, KarteRecordKind.Proposal) when op.RepId is { } successor:
                return await ReassignProposalAsync(op, successor, cancellationToken).ConfigureAwait(false);
            case (ConnectorOperationKind.ReassignRep, KarteRecordKind.Interaction) when op.RepId is { } successor:
                return await RewriteInteractionAsync(op, i => i.NextAction is { IsOpen: true } a && a.RepId != successor ? i with { NextAction = a with { RepId = successor } } : null, cancellationToken).ConfigureAwait(false);
            case (ConnectorOperationKind.CloseEmployment, KarteRecordKind.Rep) when op.Date is { } lastDay:
                return await CloseEmploymentAsync(op, lastDay, op.RepStatus ?? RepStatus.Left, cancellationToken).ConfigureAwait(false);
            case (ConnectorOperationKind.CreateTask, _):
                return await CreateTaskAsync(op, owner!, cancellationToken).ConfigureAwait(false);
            default:
                return Failed(op, "UNSUPPORTED_OPERATION", $"{op.OperationId}: {op.Kind} on a {op.RecordKind} is not an operation this connector applies, or a required value is missing.");
        }
    }

    private static string ObjectOf(KarteRecordKind kind) => kind switch
    {
        KarteRecordKind.Company => "Account",
        KarteRecordKind.Rep => "Contact",
        KarteRecordKind.Proposal => "Opportunity",
        _ => "Task",
    };

    private async Task<JsonObject?> RowAsync(string obj, string karteId, CancellationToken cancellationToken) =>
        (await QueryAllAsync(obj, ByKarteId(obj, [karteId]), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    private async Task<ConnectorOperationResult> ChangeOwnerAsync(ConnectorOperation op, string obj, string owner, CancellationToken cancellationToken)
    {
        if (await RowAsync(obj, op.RecordId, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return Failed(op, "NOT_FOUND", $"{op.OperationId}: no {obj} with {Ext} {op.RecordId}.");
        }

        if (Str(row, "OwnerId") == owner)
        {
            return new(op.OperationId, ConnectorOperationStatus.AlreadyApplied);
        }

        // The saved karte record is not rewritten: a changed OwnerId is read back as the owner (the field wins once edited).
        await _client.SendOkAsync(HttpMethod.Patch, $"sobjects/{obj}/{Str(row, "Id")}", new JsonObject { ["OwnerId"] = owner }.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new(op.OperationId, ConnectorOperationStatus.Applied);
    }

    private async Task<ConnectorOperationResult> ReassignProposalAsync(ConnectorOperation op, RepId successor, CancellationToken cancellationToken)
    {
        if (await RowAsync("Opportunity", op.RecordId, cancellationToken).ConfigureAwait(false) is not { } opportunity)
        {
            return Failed(op, "NOT_FOUND", $"{op.OperationId}: no Opportunity with {Ext} {op.RecordId}.");
        }

        await ResolveAsync("Contact", [successor.Value], cancellationToken).ConfigureAwait(false);
        if (!_sfIds.TryGetValue(("Contact", successor.Value), out var contactId))
        {
            return Failed(op, "NOT_FOUND", $"{op.OperationId}: no Contact with {Ext} {successor.Value}.");
        }

        var opportunityId = Str(opportunity, "Id")!;
        var soql = $"SELECT Id, ContactId FROM OpportunityContactRole WHERE IsPrimary = true AND OpportunityId = {Soql.Literal(opportunityId)}";
        JsonObject? role = null;
        await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            role = page.OfType<JsonObject>().LastOrDefault() ?? role;
        }

        if (role is not null && Str(role, "ContactId") == contactId)
        {
            return new(op.OperationId, ConnectorOperationStatus.AlreadyApplied);
        }

        if (role is not null)
        {
            await _client.SendOkAsync(HttpMethod.Patch, $"sobjects/OpportunityContactRole/{Str(role, "Id")}", new JsonObject { ["ContactId"] = contactId }.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var body = new JsonObject { ["OpportunityId"] = opportunityId, ["ContactId"] = contactId, ["IsPrimary"] = true };
            await _client.SendOkAsync(HttpMethod.Patch, $"sobjects/OpportunityContactRole/{Ext}/{Uri.EscapeDataString(op.RecordId)}", body.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return new(op.OperationId, ConnectorOperationStatus.Applied);
    }

    private async Task<ConnectorOperationResult> CloseEmploymentAsync(ConnectorOperation op, DateOnly lastDay, RepStatus status, CancellationToken cancellationToken)
    {
        if (await RowAsync("Contact", op.RecordId, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return Failed(op, "NOT_FOUND", $"{op.OperationId}: no Contact with {Ext} {op.RecordId}.");
        }

        var rep = Rep(row);
        var open = rep.Employment.Any(e => e.IsCurrent);
        if (!open && rep.Status == status)
        {
            return new(op.OperationId, ConnectorOperationStatus.AlreadyApplied);
        }

        var closed = rep with { Status = status, Employment = [.. rep.Employment.Select(e => e.IsCurrent ? e with { To = lastDay } : e)] };
        return await RewriteAsync(op, "Contact", row, closed, RepProjections(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConnectorOperationResult> RewriteInteractionAsync(ConnectorOperation op, Func<Interaction, Interaction?> change, CancellationToken cancellationToken)
    {
        foreach (var obj in (string[])["Task", "Event"])
        {
            if (await RowAsync(obj, op.RecordId, cancellationToken).ConfigureAwait(false) is not { } row)
            {
                continue;
            }

            if ((await InteractionsAsync(obj, [row], cancellationToken).ConfigureAwait(false)).FirstOrDefault() is not { } interaction)
            {
                break;
            }

            return change(interaction) is { } changed
                ? await RewriteAsync(op, obj, row, changed, InteractionProjections(), cancellationToken).ConfigureAwait(false)
                : new(op.OperationId, ConnectorOperationStatus.AlreadyApplied);
        }

        return Failed(op, "NOT_FOUND", $"{op.OperationId}: no Task or Event with {Ext} {op.RecordId}.");
    }

    /// <summary>Stores a changed karte record in <c>PK_Karte__c</c>, fingerprinting the standard fields as they are now.</summary>
    private async Task<ConnectorOperationResult> RewriteAsync<T>(ConnectorOperation op, string obj, JsonObject row, T record, IReadOnlyList<Projection<T>> projections, CancellationToken cancellationToken)
    {
        if (KarteField.Length == 0 || !Has(obj, KarteField))
        {
            return Failed(op, "MAPPING", $"{op.OperationId}: {obj}.{(KarteField.Length == 0 ? "Fields:KarteData" : KarteField)} is missing; it keeps employment and next actions.");
        }

        var written = new JsonObject();
        foreach (var projection in projections)
        {
            written[projection.Name] = KarteJson.Fingerprint(projection.Token(row));
        }

        var body = new JsonObject { [KarteField] = KarteJson.Envelope(KarteJson.ToNode(record)!, written) };
        await _client.SendOkAsync(HttpMethod.Patch, $"sobjects/{obj}/{Str(row, "Id")}", body.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new(op.OperationId, ConnectorOperationStatus.Applied);
    }

    private async Task<ConnectorOperationResult> CreateTaskAsync(ConnectorOperation op, string owner, CancellationToken cancellationToken)
    {
        if (await RowAsync("Task", op.OperationId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new(op.OperationId, ConnectorOperationStatus.AlreadyApplied);
        }

        var body = new JsonObject();
        Put(body, "Task", "Subject", op.Subject ?? op.OperationId);
        Put(body, "Task", "Description", op.Description);
        Put(body, "Task", "ActivityDate", op.Date);
        Put(body, "Task", "Status", "Not Started");
        body["OwnerId"] = owner;
        switch (op.RecordKind)
        {
            case KarteRecordKind.Rep:
                body["Who"] = Reference("Contact", op.RecordId, polymorphic: true);
                break;
            case KarteRecordKind.Company:
                body["What"] = Reference("Account", op.RecordId, polymorphic: true);
                break;
            case KarteRecordKind.Proposal:
                body["What"] = Reference("Opportunity", op.RecordId, polymorphic: true);
                break;
            default:
                break; // an interaction's task stands alone: the interaction is itself an activity
        }

        var response = await _client.SendAsync(HttpMethod.Patch, $"sobjects/Task/{Ext}/{Uri.EscapeDataString(op.OperationId)}", body.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var (code, message) = response.Error();
            return Failed(op, code ?? "TASK_FAILED", $"{op.OperationId}: {message}");
        }

        return new(op.OperationId, ConnectorOperationStatus.Applied);
    }
}
