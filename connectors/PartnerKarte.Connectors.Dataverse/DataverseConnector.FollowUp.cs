using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Follow-up tasks: one task per rep and alert, upserted by its alternate key, completed when the alert clears.</summary>
public sealed partial class DataverseConnector
{
    /// <summary>
    /// An open alert becomes a task (upsert through the external-id alternate key = <see cref="FollowUpTask.Key"/>)
    /// regarding the contact, owned by the contact's owner, open (statecode 0, statuscode 2 Not Started), the reason as
    /// description; an alert that cleared completes the open task (PATCH statecode 1, statuscode 5 Completed, the
    /// SetState of the task table). Follow-up tasks carry a task document, so they are never read back as interactions.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Tasks created, updated or completed.</returns>
    public override async Task<int> WriteFollowUpTasksAsync(IReadOnlyList<FollowUpTask> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var ext = _options.Mapping.ExternalId;
        var changed = 0;
        foreach (var task in tasks)
        {
            var key = $"tasks({ODataLiteral.Key(ext, task.Key)})";
            var existing = await GetAsync($"{key}?$select=activityid,statecode,subject,description", cancellationToken).ConfigureAwait(false);
            var open = existing is not null && existing["statecode"] is JsonValue s && s.GetValueKind() == JsonValueKind.Number && s.GetValue<int>() == 0;
            if (!task.IsOpen)
            {
                if (open)
                {
                    await PatchOkAsync(key, new JsonObject { ["statecode"] = 1, ["statuscode"] = 5 }, exists: true, cancellationToken).ConfigureAwait(false);
                    changed++;
                }

                continue;
            }

            if (open && Text(existing!["subject"]) == task.Subject && Text(existing["description"]) == task.Reason)
            {
                continue; // the same alert as last night: nothing to change
            }

            var contact = await GetAsync($"contacts({ODataLiteral.Key(ext, task.RepId.Value)})?$select=contactid,_ownerid_value", cancellationToken).ConfigureAwait(false);
            if (contact is null || Text(contact["contactid"]) is not { } contactId)
            {
                continue; // the rep has no contact (any more): there is no one to follow up in this environment
            }

            var body = new JsonObject
            {
                ["subject"] = task.Subject,
                ["description"] = task.Reason,
                ["prioritycode"] = task.Priority == FollowUpPriority.Urgent ? 2 : 1,
                [_options.Mapping.KarteData] = new JsonObject { ["v"] = 1, ["kind"] = "task", ["followUp"] = task.Key, ["recordId"] = task.RepId.Value }.ToJsonString(),
                ["regardingobjectid_contact_task@odata.bind"] = $"/contacts({contactId})",
            };
            if (Text(contact["_ownerid_value"]) is { } owner)
            {
                body["ownerid@odata.bind"] = $"/systemusers({owner})";
            }

            if (existing is not null && !open)
            {
                body["statecode"] = 0; // the alert is back: reopen last time's task
                body["statuscode"] = 2;
            }

            await PatchOkAsync(key, body, exists: existing is not null, cancellationToken).ConfigureAwait(false);
            changed++;
        }

        return changed;
    }

    private async Task<JsonObject?> GetAsync(string relativeUrl, CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_api.ApiRoot, relativeUrl)), "read follow-up task", cancellationToken).ConfigureAwait(false);
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

    /// <summary>Updates the task under its key (If-Match *) or creates it there (If-None-Match *): an upsert that never duplicates.</summary>
    private async Task PatchOkAsync(string relativeUrl, JsonObject body, bool exists, CancellationToken cancellationToken)
    {
        using var response = await SendJsonAsync(HttpMethod.Patch, relativeUrl, body, exists ? "If-Match" : "If-None-Match", "*", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await DataverseWebApi.FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }
}
