using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>Our team: the org's users (User: Id, Name, IsActive, Department).</summary>
public sealed partial class SalesforceConnector
{
    /// <summary>
    /// The org's users as our team. A member's id is the one the karte uses for owners (the FederationIdentifier when set,
    /// else the User Id); the team is the user's Department; inactive users are kept, marked inactive, so a handover
    /// never picks them as successors.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The members in id order.</returns>
    public override async Task<IReadOnlyList<TeamMember>> ReadTeamAsync(CancellationToken cancellationToken = default)
    {
        const string Soql = "SELECT Id, Name, IsActive, Department, FederationIdentifier FROM User";
        var members = new Dictionary<string, TeamMember>(StringComparer.Ordinal);
        await foreach (var page in _client.QueryPagesAsync(Soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.OfType<JsonObject>())
            {
                if (Str(row, "Id") is not { Length: > 0 } userId)
                {
                    continue;
                }

                var federated = Str(row, "FederationIdentifier");
                _userFederation[userId] = federated;
                var id = federated is { Length: > 0 } ? federated : userId;
                var active = row["IsActive"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
                members[id] = new TeamMember(new UserId(id), Str(row, "Name") ?? id, Str(row, "Department"), active);
            }
        }

        return [.. members.Values.OrderBy(m => m.Id.Value, StringComparer.Ordinal)];
    }
}
