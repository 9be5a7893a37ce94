using System.Text.Json.Nodes;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>Follow-up tasks: one Task per rep and alert, upserted by its external id, completed when the alert clears.</summary>
public sealed partial class SalesforceConnector
{
    /// <summary>
    /// An open alert becomes a Task (upsert by <c>PK_ExternalId__c</c> = <see cref="FollowUpTask.Key"/>) on the Contact,
    /// owned by the Contact's owner, Status <c>Not Started</c>, the reason as Description; an alert that cleared sets the
    /// open Task's Status to <c>Completed</c>. Completed follow-up tasks are never read back as interactions.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Tasks created, updated or completed.</returns>
    public override async Task<int> WriteFollowUpTasksAsync(IReadOnlyList<FollowUpTask> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        var changed = 0;
        foreach (var task in tasks)
        {
            var existing = await RowAsync("Task", task.Key, cancellationToken).ConfigureAwait(false);
            var isClosed = existing?["IsClosed"] is JsonValue closed && closed.GetValue<bool>();
            if (!task.IsOpen)
            {
                if (existing is not null && !isClosed)
                {
                    await _client.SendOkAsync(HttpMethod.Patch, $"sobjects/Task/{Str(existing, "Id")}", new JsonObject { ["Status"] = "Completed" }.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    changed++;
                }

                continue;
            }

            if (existing is not null && !isClosed && Str(existing, "Description") == task.Reason && Str(existing, "Subject") == task.Subject)
            {
                continue; // the same alert as last night: nothing to change
            }

            var contact = await RowAsync("Contact", task.RepId.Value, cancellationToken).ConfigureAwait(false);
            if (contact is null)
            {
                continue; // the rep has no Contact (any more): there is no one to follow up in this org
            }

            var body = new JsonObject();
            Put(body, "Task", "Subject", task.Subject);
            Put(body, "Task", "Description", task.Reason);
            Put(body, "Task", "Status", "Not Started");
            Put(body, "Task", "Priority", task.Priority == Scoring.FollowUpPriority.Urgent ? "High" : "Normal");
            body["WhoId"] = Str(contact, "Id");
            if (Str(contact, "OwnerId") is { Length: > 0 } owner)
            {
                body["OwnerId"] = owner;
            }

            await _client.SendOkAsync(HttpMethod.Patch, $"sobjects/Task/{Ext}/{Uri.EscapeDataString(task.Key)}", body.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
            changed++;
        }

        return changed;
    }
}
