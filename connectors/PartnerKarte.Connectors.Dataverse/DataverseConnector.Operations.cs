using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Handover operations: owner changes through <c>ownerid@odata.bind</c>, rep reassignment, closing employment, task activities.</summary>
public sealed partial class DataverseConnector
{
    /// <summary>Prefix of the external id of a handover task (the operation id follows), so a task never collides with an interaction.</summary>
    public const string TaskIdPrefix = "op:";

    /// <inheritdoc />
    /// <remarks>
    /// Idempotent without a ledger in the CRM: an owner or rep that already is the target, an episode already closed, or a task
    /// whose external id (<see cref="TaskIdPrefix"/> + operation id) exists, is reported as <see cref="ConnectorOperationStatus.AlreadyApplied"/>.
    /// A task is a <c>task</c> activity regarding the account, contact or opportunity, owned by the new owner when that user exists.
    /// The next action of an interaction lives in the karte document of the activity, so its owner changes there.
    /// </remarks>
    public override async Task<IReadOnlyList<ConnectorOperationResult>> ApplyOperationsAsync(IReadOnlyList<ConnectorOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<ConnectorOperationResult>(operations.Count);
        foreach (var op in operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                results.Add(await ApplyAsync(op, cancellationToken).ConfigureAwait(false));
            }
            catch (CrmRequestException e)
            {
                results.Add(new ConnectorOperationResult(op.OperationId, ConnectorOperationStatus.Failed, string.IsNullOrEmpty(e.ErrorCode) ? "HTTP_" + e.StatusCode : e.ErrorCode, e.Message));
            }
        }

        return results;
    }

    private static ConnectorOperationResult Fail(ConnectorOperation op, string code, string message) =>
        new(op.OperationId, ConnectorOperationStatus.Failed, code, $"Operation {op.OperationId}: {message}");

    private static ConnectorOperationResult Done(ConnectorOperation op, bool already) =>
        new(op.OperationId, already ? ConnectorOperationStatus.AlreadyApplied : ConnectorOperationStatus.Applied);

    private static string? TableOf(KarteRecordKind kind) => kind switch
    {
        KarteRecordKind.Company => ColumnCatalog.Account,
        KarteRecordKind.Rep => ColumnCatalog.Contact,
        KarteRecordKind.Proposal => ColumnCatalog.Opportunity,
        _ => null,
    };

    private async Task<ConnectorOperationResult> ApplyAsync(ConnectorOperation op, CancellationToken cancellationToken)
    {
        switch (op.Kind)
        {
            case ConnectorOperationKind.ChangeOwner when op.OwnerId is { } owner && TableOf(op.RecordKind) is { } table:
            {
                if (await _cache.UserGuidAsync(owner, cancellationToken).ConfigureAwait(false) is not { } user)
                {
                    return Fail(op, "OWNER_NOT_FOUND", $"no systemuser has {_options.Mapping.UserKey} '{owner.Value}'.");
                }

                var row = await GetRowAsync(table, op.RecordId, "_ownerid_value", cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    return Fail(op, "NOT_FOUND", $"no {table} has the karte id '{op.RecordId}'.");
                }

                if (KarteRowMapper.Lookup(row, "ownerid", null) == user)
                {
                    return Done(op, already: true);
                }

                return await PatchAsync(op, table, op.RecordId, new JsonObject { ["ownerid@odata.bind"] = "/systemusers(" + user + ")" }, null, cancellationToken).ConfigureAwait(false);
            }

            case ConnectorOperationKind.ChangeOwner when op.OwnerId is { } owner && op.RecordKind == KarteRecordKind.Interaction:
                return await ChangeDocumentAsync(op, cancellationToken, (table, doc) =>
                {
                    var record = KarteJson.ToInteraction(doc);
                    if (record.NextAction is not { } next)
                    {
                        return (null, "the interaction has no next action to hand over.");
                    }

                    return next.Owner == owner ? (doc, null) : (KarteJson.Interaction(record with { NextAction = next with { Owner = owner } }), null);
                }).ConfigureAwait(false);

            case ConnectorOperationKind.ReassignRep when op.RepId is { } successor && op.RecordKind is KarteRecordKind.Proposal or KarteRecordKind.Interaction:
            {
                var contact = await GetRowAsync(ColumnCatalog.Contact, successor.Value, "contactid", cancellationToken).ConfigureAwait(false);
                if (contact is null)
                {
                    return Fail(op, "NOT_FOUND", $"no contact has the karte id '{successor.Value}'.");
                }

                var contactId = RowId(contact, ColumnCatalog.Contact);
                var (table, row) = op.RecordKind == KarteRecordKind.Proposal
                    ? (ColumnCatalog.Opportunity, await GetRowAsync(ColumnCatalog.Opportunity, op.RecordId, "_parentcontactid_value", cancellationToken).ConfigureAwait(false))
                    : await FindActivityAsync(op.RecordId, "_regardingobjectid_value", cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    return Fail(op, "NOT_FOUND", $"no {op.RecordKind} has the karte id '{op.RecordId}'.");
                }

                var lookup = op.RecordKind == KarteRecordKind.Proposal ? "parentcontactid" : "regardingobjectid";
                if (KarteRowMapper.Lookup(row, lookup, null) == contactId)
                {
                    return Done(op, already: true);
                }

                var navigation = op.RecordKind == KarteRecordKind.Proposal ? "parentcontactid" : $"regardingobjectid_contact_{table}";
                return await PatchAsync(op, table, op.RecordId, new JsonObject { [navigation + "@odata.bind"] = "/contacts(" + contactId + ")" }, null, cancellationToken).ConfigureAwait(false);
            }

            case ConnectorOperationKind.CloseEmployment when op.Date is { } lastDay && op.RepStatus is { } status && op.RecordKind == KarteRecordKind.Rep:
                return await CloseEmploymentAsync(op, lastDay, status, cancellationToken).ConfigureAwait(false);

            case ConnectorOperationKind.CreateTask when op.OwnerId is { } owner && !string.IsNullOrWhiteSpace(op.Subject) && TableOf(op.RecordKind) is { } regarding:
            {
                if (await GetRowAsync(regarding, op.RecordId, LookupCache.KeyOf(regarding), cancellationToken).ConfigureAwait(false) is null)
                {
                    return Fail(op, "NOT_FOUND", $"no {regarding} has the karte id '{op.RecordId}'.");
                }

                var user = await _cache.UserGuidAsync(owner, cancellationToken).ConfigureAwait(false);
                var body = _mapper.TaskBody(op, regarding, user);
                body[_options.Mapping.ExternalId] = TaskIdPrefix + op.OperationId;
                using var response = await SendJsonAsync(HttpMethod.Patch, $"tasks({ODataLiteral.Key(_options.Mapping.ExternalId, TaskIdPrefix + op.OperationId)})", body, "If-None-Match", "*", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    return Done(op, already: true); // the task of this operation exists: created by an earlier run
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw await DataverseWebApi.FailureAsync(response, cancellationToken).ConfigureAwait(false);
                }

                return Done(op, already: false);
            }

            default:
                return Fail(op, "INVALID_OPERATION", $"{op.Kind} on {op.RecordKind} lacks a required field or is not supported.");
        }
    }

    private async Task<ConnectorOperationResult> CloseEmploymentAsync(ConnectorOperation op, DateOnly lastDay, RepStatus status, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(ColumnCatalog.Contact, op.RecordId, $"statecode,{_options.Mapping.KarteData}", cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return Fail(op, "NOT_FOUND", $"no contact has the karte id '{op.RecordId}'.");
        }

        var state = status is RepStatus.Left or RepStatus.Transferred ? 1 : 0;
        var patch = new JsonObject { ["statecode"] = state, ["statuscode"] = state == 1 ? 2 : 1 };
        var already = KarteRowMapper.Int(row, "statecode") == state;
        if (Document(row) is { } doc && doc["record"] is JsonObject record)
        {
            var rep = KarteJson.ToRep(record);
            var closed = rep.Employment.Select(e => e.IsCurrent ? e with { To = lastDay } : e).ToList();
            already = already && rep.Status == status && rep.Employment.All(e => !e.IsCurrent);
            doc["record"] = KarteJson.Rep(rep with { Status = status, Employment = closed });
            if (doc["columns"] is JsonObject columns)
            {
                columns["statecode"] = state; // written by PartnerKarte, not a CRM edit
            }

            patch[_options.Mapping.KarteData] = doc.ToJsonString();
        }

        return already ? Done(op, already: true) : await PatchAsync(op, ColumnCatalog.Contact, op.RecordId, patch, ETag(row), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the karte document of the activity an operation names; the change function returns the new record (the same node: nothing to do) or a reason it cannot.</summary>
    private async Task<ConnectorOperationResult> ChangeDocumentAsync(ConnectorOperation op, CancellationToken cancellationToken, Func<string, JsonObject, (JsonObject? Record, string? Problem)> change)
    {
        var (table, row) = await FindActivityAsync(op.RecordId, _options.Mapping.KarteData, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return Fail(op, "NOT_FOUND", $"no activity has the karte id '{op.RecordId}'.");
        }

        if (Document(row) is not { } doc || doc["record"] is not JsonObject record)
        {
            return Fail(op, "INVALID_OPERATION", "the activity was not written by PartnerKarte and has no next action.");
        }

        var (updated, problem) = change(table, record);
        if (updated is null)
        {
            return Fail(op, "INVALID_OPERATION", problem ?? "not applicable.");
        }

        if (ReferenceEquals(updated, record))
        {
            return Done(op, already: true);
        }

        doc["record"] = updated;
        return await PatchAsync(op, table, op.RecordId, new JsonObject { [_options.Mapping.KarteData] = doc.ToJsonString() }, ETag(row), cancellationToken).ConfigureAwait(false);
    }

    private JsonObject? Document(JsonObject row)
    {
        try
        {
            return KarteRowMapper.Str(row, _options.Mapping.KarteData) is { Length: > 0 } text ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? ETag(JsonObject row) => KarteRowMapper.Str(row, "@odata.etag");

    private async Task<ConnectorOperationResult> PatchAsync(ConnectorOperation op, string table, string id, JsonObject body, string? etag, CancellationToken cancellationToken)
    {
        using var response = await SendJsonAsync(HttpMethod.Patch, $"{LookupCache.SetOf(table)}({KeySegment(table, id)})", body, "If-Match", etag ?? "*", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return Fail(op, "CONCURRENT_CHANGE", $"the {table} changed while the operation ran; apply the plan again.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await DataverseWebApi.FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return Done(op, already: false);
    }

    private async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string relativeUrl, JsonObject body, string conditionHeader, string condition, CancellationToken cancellationToken)
    {
        var text = body.ToJsonString();
        return await _api.SendAsync(
            () =>
            {
                var m = new HttpRequestMessage(method, new Uri(_api.ApiRoot, relativeUrl)) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
                m.Headers.TryAddWithoutValidation(conditionHeader, condition);
                return m;
            },
            "handover " + relativeUrl[..relativeUrl.IndexOf('(', StringComparison.Ordinal)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One row by karte id, or null when there is none.</summary>
    private async Task<JsonObject?> GetRowAsync(string table, string id, string select, CancellationToken cancellationToken)
    {
        var url = $"{LookupCache.SetOf(table)}({KeySegment(table, id)})?$select={select}";
        using var response = await _api.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_api.ApiRoot, url)), "handover read " + table, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await DataverseWebApi.FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject;
    }

    /// <summary>The activity table holding an interaction (its table follows the channel, which the operation does not carry).</summary>
    private async Task<(string Table, JsonObject? Row)> FindActivityAsync(string id, string select, CancellationToken cancellationToken)
    {
        foreach (var table in ColumnCatalog.ActivityTables)
        {
            if (await GetRowAsync(table, id, select, cancellationToken).ConfigureAwait(false) is { } row)
            {
                return (table, row);
            }
        }

        return (ColumnCatalog.ActivityTables[0], null);
    }
}
