using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>Executes Web API requests against the store. Callers hold the store's gate.</summary>
internal sealed partial class DataverseApi(DataverseStore store, TimeProvider time, Guid callerUserId, Guid organizationId, Guid businessUnitId)
{
    public const string ApiPath = "/api/data/v9.2/";

    /// <summary>How long a change-tracking token stays valid (Organization.ExpireChangeTrackingInDays, 7 days by default).</summary>
    public TimeSpan DeltaTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Delta tokens of versions up to this one are treated as expired (set by a test).</summary>
    public long DeltaTokensExpiredUpTo { get; set; } = -1;

    /// <summary>Output like the service's: non-ASCII text as is.</summary>
    internal static readonly JsonSerializerOptions JsonOut = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const int MaxPageSize = 5000;

    internal static string Root(Uri url) => url.GetLeftPart(UriPartial.Authority) + ApiPath;

    /// <summary>Every row served to a query or retrieve, with the columns it was served with (callers hold the store's gate).</summary>
    public List<RowServedEntry> Served { get; } = [];

    private void Serve(EntitySchema s, List<string>? select, EntityRow row) =>
        Served.Add(new RowServedEntry(s.LogicalName, select is null ? null : [.. select], row.Id));

    public ApiResponse Execute(ApiRequest r)
    {
        try
        {
            return Route(r);
        }
        catch (DataverseError e)
        {
            return Error(e.Status, e.Code, e.Message);
        }
        catch (ODataSyntaxException e)
        {
            return Error(400, "0x80060888", e.Message);
        }
        catch (JsonException e)
        {
            return Error(400, "0x80048d19", "Error identified in Payload provided by the user: " + e.Message);
        }
    }

    public static ApiResponse Error(int status, string code, string message) => new()
    {
        Status = status,
        ContentType = "application/json; odata.metadata=minimal",
        Body = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(JsonOut),
    };

    private ApiResponse Route(ApiRequest r)
    {
        var raw = r.Url.AbsolutePath;
        var idx = raw.IndexOf("/api/data/", StringComparison.Ordinal);
        var rest = raw[(idx + "/api/data/".Length)..];
        var slash = rest.IndexOf('/');
        var path = slash < 0 ? string.Empty : Uri.UnescapeDataString(rest[(slash + 1)..]);
        var q = ParseQuery(r.Url.Query);
        var segments = SplitPath(path);

        if (segments.Count == 0)
        {
            return ServiceDocument(r);
        }

        var first = segments[0];
        if (first == "$metadata")
        {
            return new ApiResponse { Status = 200, ContentType = "application/xml", Body = Csdl() };
        }

        if (first is "WhoAmI" or "WhoAmI()")
        {
            if (r.Method != "GET")
            {
                throw new DataverseError(404, string.Empty, $"No HTTP resource was found that matches the request URI '{r.Url}'.");
            }

            return Json(200, new JsonObject
            {
                ["@odata.context"] = Root(r.Url) + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse",
                ["BusinessUnitId"] = businessUnitId.ToString(),
                ["UserId"] = callerUserId.ToString(),
                ["OrganizationId"] = organizationId.ToString(),
            });
        }

        if (first.StartsWith("EntityDefinitions", StringComparison.Ordinal))
        {
            return Metadata(r, segments, q);
        }

        var (setName, keyText) = SplitKey(first);
        var schema = store.SchemaBySet(setName)
            ?? throw new DataverseError(404, "0x8006088a", $"Resource not found for the segment '{setName}'.");

        if (keyText is null)
        {
            if (segments.Count == 2 && segments[1] == "$count" && r.Method == "GET")
            {
                var n = store.Rows(schema.LogicalName).Count;
                return new ApiResponse { Status = 200, ContentType = "text/plain", Body = Math.Min(n, MaxPageSize).ToString(CultureInfo.InvariantCulture) };
            }

            if (segments.Count > 1)
            {
                throw new DataverseError(404, "0x8006088a", $"Resource not found for the segment '{segments[1]}'.");
            }

            return r.Method switch
            {
                "GET" => Query(r, schema, q),
                "POST" => Create(r, schema, q),
                _ => throw new DataverseError(405, "0x80060888", $"The HTTP method '{r.Method}' is not allowed on an entity set."),
            };
        }

        if (segments.Count > 1)
        {
            throw new DataverseError(501, "0x80060888", $"The emulator does not support the segment '{segments[1]}'.");
        }

        return r.Method switch
        {
            "GET" => RetrieveOne(r, schema, keyText, q),
            "PATCH" => Patch(r, schema, keyText, q),
            "DELETE" => Delete(r, schema, keyText),
            _ => throw new DataverseError(405, "0x80060888", $"The HTTP method '{r.Method}' is not allowed on an entity."),
        };
    }

    // ---------- parsing helpers ----------

    internal static Dictionary<string, string> ParseQuery(string query)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var k = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var v = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            d[k] = v;
        }

        return d;
    }

    /// <summary>Splits a path on '/' outside quotes and parentheses.</summary>
    internal static List<string> SplitPath(string path)
    {
        var list = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i == path.Length || (path[i] == '/' && depth == 0 && !quoted))
            {
                if (i > start)
                {
                    list.Add(path[start..i]);
                }

                start = i + 1;
                continue;
            }

            switch (path[i])
            {
                case '\'': quoted = !quoted; break;
                case '(' when !quoted: depth++; break;
                case ')' when !quoted: depth--; break;
            }
        }

        return list;
    }

    internal static (string Name, string? Key) SplitKey(string segment)
    {
        var open = segment.IndexOf('(');
        if (open < 0 || !segment.EndsWith(')'))
        {
            return (segment, null);
        }

        return (segment[..open], segment[(open + 1)..^1]);
    }

    /// <summary>Parses <c>k='v',k2=3</c> (quote-doubling aware) or a bare GUID.</summary>
    internal static List<(string? Name, string Raw, bool Quoted)> ParseKeyParts(string keyText)
    {
        var parts = new List<(string?, string, bool)>();
        var i = 0;
        while (i < keyText.Length)
        {
            string? name = null;
            var eq = -1;
            for (var j = i; j < keyText.Length && keyText[j] != '\'' && keyText[j] != ','; j++)
            {
                if (keyText[j] == '=')
                {
                    eq = j;
                    break;
                }
            }

            if (eq >= 0)
            {
                name = keyText[i..eq].Trim();
                i = eq + 1;
            }

            if (i < keyText.Length && keyText[i] == '\'')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= keyText.Length)
                    {
                        throw new DataverseError(400, "0x80060888", $"There is an unterminated literal at position {i} in '{keyText}'.");
                    }

                    if (keyText[i] == '\'')
                    {
                        if (i + 1 < keyText.Length && keyText[i + 1] == '\'')
                        {
                            sb.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(keyText[i++]);
                }

                parts.Add((name, sb.ToString(), true));
            }
            else
            {
                var end = keyText.IndexOf(',', i);
                end = end < 0 ? keyText.Length : end;
                parts.Add((name, keyText[i..end].Trim(), false));
                i = end;
            }

            if (i < keyText.Length && keyText[i] == ',')
            {
                i++;
            }
        }

        return parts;
    }

    /// <summary>Resolves a key segment to a row (or to the key values for an upsert-create).</summary>
    private (EntityRow? Row, Guid? Id, Dictionary<string, JsonNode?>? AltKey) ResolveKey(EntitySchema s, string keyText)
    {
        var parts = ParseKeyParts(keyText);
        if (parts.Count == 1 && (parts[0].Name is null || parts[0].Name == s.PrimaryIdAttribute) && !parts[0].Quoted)
        {
            if (!Guid.TryParse(parts[0].Raw, out var id))
            {
                throw new DataverseError(400, "0x80060888", $"Unrecognized 'Edm.Guid' literal '{parts[0].Raw}' in the key of '{s.EntitySetName}'.");
            }

            return (store.Find(s.LogicalName, id), id, null);
        }

        var names = parts.Select(p => p.Name ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        var key = s.AlternateKeys.FirstOrDefault(k => k.KeyAttributes.Count == names.Count && k.KeyAttributes.All(names.Contains))
            ?? throw new DataverseError(400, "0x80060888",
                $"The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.{s.LogicalName}'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource '{s.LogicalName}'.");
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var p in parts)
        {
            var attr = s.FindProperty(p.Name!) ?? throw DataverseError.BadProperty(s, p.Name!);
            values[attr.PropertyName] = p.Quoted ? JsonValue.Create(p.Raw) : ConvertValue(s, attr, JsonNode.Parse(p.Raw));
        }

        return (store.FindByKey(s, values), null, values);
    }

    // ---------- responses ----------

    private static ApiResponse Json(int status, JsonObject body) => new()
    {
        Status = status,
        ContentType = "application/json; odata.metadata=minimal",
        Body = body.ToJsonString(JsonOut),
    };

    private ApiResponse ServiceDocument(ApiRequest r)
    {
        var arr = new JsonArray();
        foreach (var s in store.Schemas)
        {
            arr.Add(new JsonObject { ["name"] = s.EntitySetName, ["kind"] = "EntitySet", ["url"] = s.EntitySetName });
        }

        return Json(200, new JsonObject { ["@odata.context"] = Root(r.Url) + "$metadata", ["value"] = arr });
    }

    private string Csdl()
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema Namespace=\"Microsoft.Dynamics.CRM\" Alias=\"mscrm\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">");
        foreach (var s in store.Schemas)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<EntityType Name=\"{s.LogicalName}\"><Key><PropertyRef Name=\"{s.PrimaryIdAttribute}\" /></Key>");
            foreach (var a in s.Attributes.Values)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<Property Name=\"{a.PropertyName}\" Type=\"{a.EdmType}\" />");
            }

            sb.Append("</EntityType>");
        }

        sb.Append("<EntityContainer Name=\"System\">");
        foreach (var s in store.Schemas)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<EntitySet Name=\"{s.EntitySetName}\" EntityType=\"Microsoft.Dynamics.CRM.{s.LogicalName}\" />");
        }

        sb.Append("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>");
        return sb.ToString();
    }

    private static bool WantsAnnotations(ApiRequest r) =>
        r.Preferences.Any(p => p.StartsWith("odata.include-annotations", StringComparison.Ordinal));

    private static int? MaxPageSizePreference(ApiRequest r)
    {
        var p = r.Preferences.FirstOrDefault(x => x.StartsWith("odata.maxpagesize=", StringComparison.Ordinal));
        if (p is null)
        {
            return null;
        }

        return int.TryParse(p["odata.maxpagesize=".Length..], out var n) && n is > 0 and <= MaxPageSize
            ? n
            : throw new DataverseError(400, "0x80060888", $"The value of the odata.maxpagesize preference '{p}' is not valid.");
    }

    internal sealed record Expand(string Navigation, IReadOnlyList<string>? Select);

    internal static List<string> SplitTopLevel(string text, char separator)
    {
        var list = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == separator && depth == 0 && !quoted))
            {
                var part = text[start..i].Trim();
                if (part.Length > 0)
                {
                    list.Add(part);
                }

                start = i + 1;
                continue;
            }

            switch (text[i])
            {
                case '\'': quoted = !quoted; break;
                case '(' when !quoted: depth++; break;
                case ')' when !quoted: depth--; break;
            }
        }

        return list;
    }

    private static List<string>? ParseSelect(EntitySchema s, string? select)
    {
        if (string.IsNullOrEmpty(select))
        {
            return null;
        }

        var list = select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var name in list)
        {
            _ = s.FindProperty(name) ?? throw DataverseError.BadProperty(s, name);
        }

        return list;
    }

    private List<Expand> ParseExpand(EntitySchema s, string? expand)
    {
        var result = new List<Expand>();
        if (string.IsNullOrEmpty(expand))
        {
            return result;
        }

        foreach (var item in SplitTopLevel(expand, ','))
        {
            var (nav, options) = SplitKey(item);
            var target = s.FindNavigation(nav)
                ?? throw new DataverseError(400, "0x0", $"Could not find a property named '{nav}' on type 'Microsoft.Dynamics.CRM.{s.LogicalName}'. Only single-valued navigation properties are emulated.");
            List<string>? select = null;
            if (options is not null)
            {
                foreach (var opt in SplitTopLevel(options, ';'))
                {
                    var eq = opt.IndexOf('=');
                    var name = eq < 0 ? opt : opt[..eq];
                    if (name != "$select")
                    {
                        throw new DataverseError(501, "0x80060888", $"The emulator supports only $select inside $expand, not '{name}'.");
                    }

                    select = ParseSelect(store.Schema(target.Target)!, opt[(eq + 1)..]);
                }
            }

            result.Add(new Expand(nav, select));
        }

        return result;
    }

    internal JsonObject Render(EntitySchema s, EntityRow row, IReadOnlyList<string>? select, IReadOnlyList<Expand> expand, bool annotations, string? context = null)
    {
        var o = new JsonObject();
        if (context is not null)
        {
            o["@odata.context"] = context;
        }

        o["@odata.etag"] = row.ETag;
        IEnumerable<string> props = select ?? s.Attributes.Values.Select(a => a.PropertyName);
        foreach (var p in props)
        {
            o[p] = row.Values[p]?.DeepClone();
            var attr = s.FindProperty(p)!;
            if (annotations && attr.IsLookup && row.LookupTargets.TryGetValue(attr.LogicalName, out var target) && row.Values[p] is not null)
            {
                var t = store.Schema(target)!;
                var targetRow = store.Find(target, Guid.Parse(row.Values[p]!.GetValue<string>()));
                if (t.PrimaryNameAttribute is not null && targetRow?.Values[t.PrimaryNameAttribute] is { } name)
                {
                    o[p + "@OData.Community.Display.V1.FormattedValue"] = name.DeepClone();
                }

                o[p + "@Microsoft.Dynamics.CRM.associatednavigationproperty"] = s.NavigationName(attr, target);
                o[p + "@Microsoft.Dynamics.CRM.lookuplogicalname"] = target;
            }
            else if (annotations && attr.AttributeType is "Picklist" or "State" or "Status" && row.Values[p] is { } v)
            {
                o[p + "@OData.Community.Display.V1.FormattedValue"] = v.ToJsonString();
            }
        }

        o[s.PrimaryIdAttribute] = row.Id.ToString();
        foreach (var e in expand)
        {
            var (lookup, target) = s.FindNavigation(e.Navigation)!.Value;
            var id = row.Values[lookup.PropertyName];
            var targetRow = id is null || row.LookupTargets.GetValueOrDefault(lookup.LogicalName) != target
                ? null
                : store.Find(target, Guid.Parse(id.GetValue<string>()));
            o[e.Navigation] = targetRow is null ? null : Render(store.Schema(target)!, targetRow, e.Select, [], annotations);
        }

        return o;
    }

    private static string ContextFor(ApiRequest r, EntitySchema s, IReadOnlyList<string>? select) =>
        Root(r.Url) + "$metadata#" + s.EntitySetName + (select is null ? string.Empty : "(" + string.Join(',', select) + ")");

    // ---------- queries ----------

    private object? ResolveValue(EntitySchema s, EntityRow row, string path)
    {
        var slash = path.IndexOf('/');
        if (slash > 0)
        {
            var nav = s.FindNavigation(path[..slash]) ?? throw DataverseError.BadProperty(s, path[..slash]);
            var id = row.Values[nav.Lookup.PropertyName];
            if (id is null || row.LookupTargets.GetValueOrDefault(nav.Lookup.LogicalName) != nav.Target)
            {
                return null;
            }

            var target = store.Find(nav.Target, Guid.Parse(id.GetValue<string>()));
            return target is null ? null : ResolveValue(store.Schema(nav.Target)!, target, path[(slash + 1)..]);
        }

        var attr = s.FindProperty(path) ?? throw DataverseError.BadProperty(s, path);
        return attr.PropertyName == s.PrimaryIdAttribute ? row.Id : ToClr(row.Values[attr.PropertyName]);
    }

    internal static object? ToClr(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    private void ValidateFilter(EntitySchema s, FilterNode filter)
    {
        foreach (var path in ODataFilter.Properties(filter))
        {
            var slash = path.IndexOf('/');
            if (slash > 0)
            {
                var nav = s.FindNavigation(path[..slash]) ?? throw DataverseError.BadProperty(s, path[..slash]);
                var t = store.Schema(nav.Target)!;
                _ = t.FindProperty(path[(slash + 1)..]) ?? throw DataverseError.BadProperty(t, path[(slash + 1)..]);
            }
            else
            {
                _ = s.FindProperty(path) ?? throw DataverseError.BadProperty(s, path);
            }
        }
    }

    private sealed record PageCookie(int Skip, long Version);

    private static string CookieText(PageCookie c) =>
        $"<cookie pagenumber=\"{(c.Skip / Math.Max(1, 1)) + 1}\" skip=\"{c.Skip}\" version=\"{c.Version}\" istracking=\"False\" />";

    private static PageCookie? ParseCookie(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var skip = Attr(text, "skip");
        var version = Attr(text, "version");
        if (skip is null || version is null || !int.TryParse(skip, out var s) || !long.TryParse(version, out var v))
        {
            throw new DataverseError(400, "0x80060888", "The $skiptoken is not valid.");
        }

        return new PageCookie(s, v);

        static string? Attr(string t, string name)
        {
            var i = t.IndexOf(name + "=\"", StringComparison.Ordinal);
            if (i < 0)
            {
                return null;
            }

            i += name.Length + 2;
            var j = t.IndexOf('"', i);
            return j < 0 ? null : t[i..j];
        }
    }

    private static string NextLink(ApiRequest r, Dictionary<string, string> q, string name, string value)
    {
        var sb = new StringBuilder(Root(r.Url));
        var path = r.Url.AbsolutePath;
        sb.Append(path[(path.IndexOf(ApiPath, StringComparison.Ordinal) + ApiPath.Length)..]);
        var sep = '?';
        foreach (var kv in q)
        {
            if (kv.Key is "$skiptoken" or "$deltatoken")
            {
                continue;
            }

            sb.Append(sep).Append(Uri.EscapeDataString(kv.Key)).Append('=').Append(Uri.EscapeDataString(kv.Value));
            sep = '&';
        }

        sb.Append(sep).Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return sb.ToString();
    }

    private ApiResponse Query(ApiRequest r, EntitySchema s, Dictionary<string, string> q)
    {
        foreach (var k in q.Keys)
        {
            if (k is "$skip" or "$search" or "$format" or "$apply" or "fetchXml")
            {
                throw new DataverseError(400, "0x80060888", $"The query parameter {k} is not supported");
            }
        }

        var select = ParseSelect(s, q.GetValueOrDefault("$select"));
        var annotations = WantsAnnotations(r);
        var tracking = r.Preferences.Contains("odata.track-changes") || q.ContainsKey("$deltatoken");
        var pageSize = MaxPageSizePreference(r);
        var applied = new List<string>();
        if (pageSize is not null)
        {
            applied.Add("odata.maxpagesize=" + pageSize);
        }

        if (annotations)
        {
            applied.Add(r.Preferences.First(p => p.StartsWith("odata.include-annotations", StringComparison.Ordinal)));
        }

        var cookie = ParseCookie(q.GetValueOrDefault("$skiptoken"));
        var version = cookie?.Version ?? store.CurrentVersion;
        var skip = cookie?.Skip ?? 0;
        var body = new JsonObject();

        if (tracking)
        {
            return TrackedQuery(r, s, q, select, annotations, pageSize, applied, version, skip);
        }

        var expand = ParseExpand(s, q.GetValueOrDefault("$expand"));
        IEnumerable<EntityRow> rows = store.Rows(s.LogicalName);
        if (q.TryGetValue("$filter", out var filterText) && filterText.Length > 0)
        {
            var filter = ODataFilter.Parse(filterText);
            ValidateFilter(s, filter);
            rows = rows.Where(row => ODataFilter.Matches(filter, p => ResolveValue(s, row, p)));
        }

        var list = Sort(s, rows, q.GetValueOrDefault("$orderby"));
        if (q.TryGetValue("$top", out var topText))
        {
            if (!int.TryParse(topText, out var top) || top < 0)
            {
                throw new DataverseError(400, "0x80060888", $"Invalid value '{topText}' for $top query option found.");
            }

            if (pageSize is null)
            {
                list = list.Take(top).ToList();
            }
        }

        body["@odata.context"] = ContextFor(r, s, select);
        if (q.GetValueOrDefault("$count") == "true")
        {
            body["@odata.count"] = Math.Min(list.Count, MaxPageSize);
        }

        var size = pageSize ?? MaxPageSize;
        var page = list.Skip(skip).Take(size).ToList();
        var arr = new JsonArray();
        foreach (var row in page)
        {
            arr.Add(Render(s, row, select, expand, annotations));
            Serve(s, select, row);
        }

        body["value"] = arr;
        if (skip + page.Count < list.Count)
        {
            body["@odata.nextLink"] = NextLink(r, q, "$skiptoken", CookieText(new PageCookie(skip + page.Count, version)));
        }

        var resp = Json(200, body);
        if (applied.Count > 0)
        {
            resp.With("Preference-Applied", string.Join(',', applied));
        }

        return resp;
    }

    private List<EntityRow> Sort(EntitySchema s, IEnumerable<EntityRow> rows, string? orderBy)
    {
        var keys = new List<(string Path, bool Desc)>();
        if (!string.IsNullOrEmpty(orderBy))
        {
            foreach (var item in orderBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var desc = parts.Length > 1 && parts[1] == "desc";
                if (parts.Length > 2 || (parts.Length == 2 && parts[1] is not ("asc" or "desc")))
                {
                    throw new DataverseError(400, "0x80060888", $"Syntax error in $orderby '{orderBy}'.");
                }

                _ = s.FindProperty(parts[0]) ?? throw DataverseError.BadProperty(s, parts[0]);
                keys.Add((parts[0], desc));
            }
        }

        var list = rows.ToList();
        list.Sort((a, b) =>
        {
            foreach (var (path, desc) in keys)
            {
                var va = ResolveValue(s, a, path);
                var vb = ResolveValue(s, b, path);
                var c = va is null ? (vb is null ? 0 : -1) : vb is null ? 1 : ODataFilter.Compare(va, vb);
                if (c != 0)
                {
                    return desc ? -c : c;
                }
            }

            return a.Id.CompareTo(b.Id);
        });
        return list;
    }

    private ApiResponse TrackedQuery(ApiRequest r, EntitySchema s, Dictionary<string, string> q, List<string>? select, bool annotations,
        int? pageSize, List<string> applied, long version, int skip)
    {
        if (!s.ChangeTrackingEnabled)
        {
            throw new DataverseError(400, "0x80072491", $"Entity '{s.LogicalName}' is not enabled for change tracking.");
        }

        foreach (var k in new[] { "$filter", "$orderby", "$expand", "$top" })
        {
            if (q.ContainsKey(k))
            {
                throw new DataverseError(400, "0x80060888", $"The \"{k}\" query parameter isn't supported when Change Tracking is enabled.");
            }
        }

        applied.Add("odata.track-changes");
        var items = new List<Func<JsonObject>>();
        var root = Root(r.Url);
        JsonObject RenderServed(EntityRow x)
        {
            Serve(s, select, x);
            return Render(s, x, select, [], annotations);
        }

        var isDelta = q.TryGetValue("$deltatoken", out var deltaToken);
        if (isDelta)
        {
            var bang = deltaToken!.IndexOf('!');
            if (!long.TryParse(bang < 0 ? deltaToken : deltaToken[..bang], out var since))
            {
                throw new DataverseError(400, "0x80072492", "The change tracking token is not valid or has expired.");
            }

            // Changes are kept for ExpireChangeTrackingInDays; an older token gets ExpiredVersionStamp (0x80044352).
            var issued = bang < 0 ? (DateTimeOffset?)null
                : DateTimeOffset.TryParseExact(deltaToken[(bang + 1)..], "MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            if (since <= DeltaTokensExpiredUpTo || (issued is { } i && i + DeltaTokenLifetime < time.GetUtcNow()))
            {
                throw new DataverseError(400, "0x80044352", "Version stamp associated with the client has expired. Please perform a full sync.");
            }

            var changed = store.Rows(s.LogicalName).Where(x => x.Version > since && x.Version <= version).OrderBy(x => x.Version);
            items.AddRange(changed.Select(x => (Func<JsonObject>)(() => RenderServed(x))));
            foreach (var (id, _) in store.DeletedSince(s.LogicalName, since).Where(d => d.Version <= version))
            {
                items.Add(() => new JsonObject
                {
                    ["@odata.context"] = root + "$metadata#" + s.EntitySetName + "/$deletedEntity",
                    ["id"] = id.ToString(),
                    ["reason"] = "deleted",
                });
            }
        }
        else
        {
            items.AddRange(Sort(s, store.Rows(s.LogicalName).Where(x => x.Version <= version), null).Select(x => (Func<JsonObject>)(() => RenderServed(x))));
        }

        var size = pageSize ?? MaxPageSize;
        var page = items.Skip(skip).Take(size).Select(render => render()).ToList();
        var body = new JsonObject
        {
            ["@odata.context"] = ContextFor(r, s, select) + (isDelta ? "/$delta" : string.Empty),
            ["value"] = new JsonArray([.. page]),
        };
        if (skip + page.Count < items.Count)
        {
            body["@odata.nextLink"] = NextLink(r, q, "$skiptoken", CookieText(new PageCookie(skip + page.Count, version)));
        }
        else
        {
            var token = version.ToString(CultureInfo.InvariantCulture) + "!" + time.GetUtcNow().ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
            var link = root + s.EntitySetName + (select is null ? "?" : "?$select=" + Uri.EscapeDataString(string.Join(',', select)) + "&")
                + "$deltatoken=" + Uri.EscapeDataString(token);
            body["@odata.deltaLink"] = link;
        }

        return Json(200, body).With("Preference-Applied", string.Join(',', applied));
    }

    private ApiResponse RetrieveOne(ApiRequest r, EntitySchema s, string keyText, Dictionary<string, string> q)
    {
        var (row, id, _) = ResolveKey(s, keyText);
        if (row is null)
        {
            throw id is { } g ? DataverseError.NotFound(s.LogicalName, g) : new DataverseError(404, "0x80040217", $"A record with the specified key values does not exist in {s.LogicalName} entity");
        }

        var select = ParseSelect(s, q.GetValueOrDefault("$select"));
        var expand = ParseExpand(s, q.GetValueOrDefault("$expand"));
        var annotations = WantsAnnotations(r);
        if (r.Header("If-None-Match") is { } inm && inm == row.ETag && expand.Count == 0 && !annotations)
        {
            return new ApiResponse { Status = 304 };
        }

        var body = Render(s, row, select, expand, annotations, ContextFor(r, s, select) + "/$entity");
        Serve(s, select, row);
        return Json(200, body).With("ETag", row.ETag);
    }
}
