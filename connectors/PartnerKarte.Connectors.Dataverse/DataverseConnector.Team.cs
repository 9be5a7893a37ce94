using System.Text.Json;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Our team: the environment's users (systemuser: systemuserid, fullname, isdisabled, businessunitid).</summary>
public sealed partial class DataverseConnector
{
    /// <summary>
    /// The environment's users as our team. A member's id is the one the karte uses for owners (the column named by
    /// <see cref="DataverseMapping.UserKey"/>, by default the user principal name); the team is the user's business
    /// unit; disabled users are kept, marked inactive, so a handover never picks them as successors. Users without a
    /// value in the key column (application users) are left out.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The members in id order.</returns>
    public override async Task<IReadOnlyList<TeamMember>> ReadTeamAsync(CancellationToken cancellationToken = default)
    {
        var key = _options.Mapping.UserKey;
        var units = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unitQuery = new ODataQuery("businessunits") { Select = ["businessunitid", "name"] };
        await foreach (var page in _api.QueryAsync(unitQuery.ToString(), "read business units", false, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                if (Text(row["businessunitid"]) is { } id && Text(row["name"]) is { } name)
                {
                    units[id] = name;
                }
            }
        }

        var members = new Dictionary<string, TeamMember>(StringComparer.Ordinal);
        var userQuery = new ODataQuery("systemusers") { Select = ["systemuserid", "fullname", "isdisabled", "_businessunitid_value", key] };
        await foreach (var page in _api.QueryAsync(userQuery.ToString(), "read systemusers", false, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                if (Text(row[key]) is not { Length: > 0 } id)
                {
                    continue;
                }

                var disabled = row["isdisabled"] is { } d && d.GetValueKind() == JsonValueKind.True;
                var unit = Text(row["_businessunitid_value"]) is { } u ? units.GetValueOrDefault(u) : null;
                members[id] = new TeamMember(new UserId(id), Text(row["fullname"]) ?? id, unit, !disabled);
            }
        }

        return [.. members.Values.OrderBy(m => m.Id.Value, StringComparer.Ordinal)];
    }

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is not null && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
