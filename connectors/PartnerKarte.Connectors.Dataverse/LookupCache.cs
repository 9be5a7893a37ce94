using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Maps Dataverse GUIDs to karte ids (external id, else the GUID) and systemusers to karte user ids, querying in chunks.</summary>
internal sealed class LookupCache(DataverseWebApi api, DataverseMapping mapping)
{
    private const int Chunk = 40;
    private readonly ConcurrentDictionary<(string Table, Guid Id), string> _karteIds = new();
    private readonly ConcurrentDictionary<(string Table, string KarteId), Guid> _rowIdKarteIds = new();
    private readonly ConcurrentDictionary<Guid, UserId?> _users = new();
    private readonly ConcurrentDictionary<UserId, Guid?> _userGuids = new();

    public static string SetOf(string table) => table switch
    {
        "opportunity" => "opportunities",
        _ => table + "s",
    };

    /// <summary>The name rows read as ids only (key, external id, lookups) are counted under: <c>contacts (ids)</c>.</summary>
    public static string IdsOnly(string table) => SetOf(table) + " (ids)";

    public static string KeyOf(string table) => table is "phonecall" or "appointment" or "email" or "task" ? "activityid" : table + "id";

    public void Remember(string table, Guid id, string? externalId)
    {
        _karteIds[(table, id)] = externalId ?? id.ToString();
        if (externalId is null)
        {
            _rowIdKarteIds[(table, id.ToString())] = id;
        }
    }

    /// <summary>The row id when this karte id is a row's Dataverse id (the row has no external id), else null.</summary>
    public Guid? RowIdOf(string table, string karteId) => _rowIdKarteIds.TryGetValue((table, karteId), out var g) ? g : null;

    public string KarteId(string table, Guid id) => _karteIds.TryGetValue((table, id), out var k) ? k : id.ToString();

    public async Task ResolveAsync(string table, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Distinct().Where(i => !_karteIds.ContainsKey((table, i))).ToList();
        for (var i = 0; i < missing.Count; i += Chunk)
        {
            var chunk = missing.Skip(i).Take(Chunk).ToList();
            var query = new ODataQuery(SetOf(table)) { Select = [KeyOf(table), mapping.ExternalId], Filter = ODataQuery.AnyOf(KeyOf(table), chunk) };
            await foreach (var page in api.QueryAsync(query.ToString(), "resolve " + table, false, cancellationToken, IdsOnly(table)).ConfigureAwait(false))
            {
                foreach (var row in page.Rows)
                {
                    Remember(table, Guid.Parse(row[KeyOf(table)]!.GetValue<string>()), row[mapping.ExternalId]?.GetValue<string>());
                }
            }
        }
    }

    public UserId? User(Guid id) => _users.GetValueOrDefault(id);

    public async Task ResolveUsersAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Distinct().Where(i => !_users.ContainsKey(i)).ToList();
        for (var i = 0; i < missing.Count; i += Chunk)
        {
            var chunk = missing.Skip(i).Take(Chunk).ToList();
            var query = new ODataQuery("systemusers") { Select = ["systemuserid", mapping.UserKey], Filter = ODataQuery.AnyOf("systemuserid", chunk) };
            await foreach (var page in api.QueryAsync(query.ToString(), "resolve systemusers", false, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.Rows)
                {
                    var key = row[mapping.UserKey]?.GetValue<string>();
                    _users[Guid.Parse(row["systemuserid"]!.GetValue<string>())] = key is null ? null : new UserId(key);
                }
            }

            foreach (var id in chunk)
            {
                _users.TryAdd(id, null);
            }
        }
    }

    public async Task<Guid?> UserGuidAsync(UserId user, CancellationToken cancellationToken)
    {
        if (_userGuids.TryGetValue(user, out var known))
        {
            return known;
        }

        var query = new ODataQuery("systemusers") { Select = ["systemuserid"], Filter = mapping.UserKey + " eq " + ODataLiteral.String(user.Value), Top = 1 };
        Guid? found = null;
        await foreach (var page in api.QueryAsync(query.ToString(), "find systemuser", false, cancellationToken).ConfigureAwait(false))
        {
            if (page.Rows.FirstOrDefault() is JsonObject row)
            {
                found = Guid.Parse(row["systemuserid"]!.GetValue<string>());
            }
        }

        _userGuids[user] = found;
        return found;
    }
}
