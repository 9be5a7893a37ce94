using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>Create, update, upsert and delete.</summary>
internal sealed partial class DataverseApi
{
    private static string EntityUrl(Uri requestUrl, EntitySchema s, EntityRow row, Dictionary<string, JsonNode?>? altKey)
    {
        if (altKey is null)
        {
            return Root(requestUrl) + s.EntitySetName + "(" + row.Id + ")";
        }

        var parts = altKey.Select(kv => kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? $"{kv.Key}='{v.GetValue<string>().Replace("'", "''", StringComparison.Ordinal)}'"
            : $"{kv.Key}={kv.Value?.ToJsonString()}");
        return Root(requestUrl) + s.EntitySetName + "(" + string.Join(',', parts) + ")";
    }

    private static JsonObject ParseBody(ApiRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Body))
        {
            throw new DataverseError(400, "0x80048d19", "Error identified in Payload provided by the user: the request body is empty.");
        }

        return JsonNode.Parse(r.Body) as JsonObject
            ?? throw new DataverseError(400, "0x80048d19", "Error identified in Payload provided by the user: the body is not a JSON object.");
    }

    private static bool WantsRepresentation(ApiRequest r) => r.Preferences.Contains("return=representation");

    private ApiResponse Created(ApiRequest r, EntitySchema s, EntityRow row, Dictionary<string, string> q, Dictionary<string, JsonNode?>? altKey, int representationStatus)
    {
        if (WantsRepresentation(r))
        {
            var select = ParseSelect(s, q.GetValueOrDefault("$select"));
            var body = Render(s, row, select, [], WantsAnnotations(r), ContextFor(r, s, select) + "/$entity");
            return Json(representationStatus, body).With("Preference-Applied", "return=representation").With("ETag", row.ETag)
                .With("OData-EntityId", EntityUrl(r.Url, s, row, altKey));
        }

        var url = EntityUrl(r.Url, s, row, altKey);
        return new ApiResponse { Status = 204 }.With("OData-EntityId", url).With("Location", url);
    }

    private ApiResponse Create(ApiRequest r, EntitySchema s, Dictionary<string, string> q)
    {
        var body = ParseBody(r);
        var id = Guid.NewGuid();
        if (body[s.PrimaryIdAttribute] is { } given)
        {
            id = Guid.TryParse(given.GetValue<string>(), out var g) ? g : throw new DataverseError(400, "0x80048d19", $"Cannot convert the literal '{given}' to the expected type 'Edm.Guid'.");
            body.Remove(s.PrimaryIdAttribute);
            if (store.Find(s.LogicalName, id) is not null)
            {
                throw new DataverseError(412, "0x80040237", "Cannot insert duplicate key.");
            }
        }

        var row = CreateRow(r, s, id, body);
        return Created(r, s, row, q, null, 201);
    }

    /// <summary>Creates and stores a row from a JSON body (also used to seed data).</summary>
    internal EntityRow CreateRow(ApiRequest? r, EntitySchema s, Guid id, JsonObject body)
    {
        var row = new EntityRow(id, []);
        foreach (var a in s.Attributes.Values)
        {
            row.Values[a.PropertyName] = null;
        }

        var now = Stamp(time.GetUtcNow());
        row.Values["createdon"] = now;
        row.Values["statecode"] = 0;
        row.Values["statuscode"] = s.Attributes.ContainsKey("activitytypecode") && s.LogicalName == "task" ? 2 : 1;
        if (s.Attributes.TryGetValue("ownerid", out _))
        {
            row.Values["_ownerid_value"] = callerUserId.ToString();
            row.LookupTargets["ownerid"] = "systemuser";
        }

        if (s.Attributes.ContainsKey("activitytypecode"))
        {
            row.Values["activitytypecode"] = s.LogicalName;
        }

        ApplyBody(r, s, row, body);
        Stamp(s, row);
        CheckKeys(s, row);
        store.Insert(s.LogicalName, row);

        if (s.LogicalName == "connection" && row.Values["_record2id_value"] is not null && row.Values["_relatedconnectionid_value"] is null)
        {
            // Dataverse stores every connection twice: the reciprocal row lets either side find it.
            var twin = row.Clone();
            var twinId = Guid.NewGuid();
            var reciprocal = new EntityRow(twinId, (JsonObject)row.Values.DeepClone()) { Version = store.NextVersion() };
            (reciprocal.Values["_record1id_value"], reciprocal.Values["_record2id_value"]) = (twin.Values["_record2id_value"]?.DeepClone(), twin.Values["_record1id_value"]?.DeepClone());
            (reciprocal.Values["_record1roleid_value"], reciprocal.Values["_record2roleid_value"]) = (twin.Values["_record2roleid_value"]?.DeepClone(), twin.Values["_record1roleid_value"]?.DeepClone());
            reciprocal.Values["_relatedconnectionid_value"] = id.ToString();
            foreach (var kv in twin.LookupTargets)
            {
                reciprocal.LookupTargets[kv.Key] = kv.Value;
            }

            Swap(reciprocal.LookupTargets, "record1id", "record2id");
            Swap(reciprocal.LookupTargets, "record1roleid", "record2roleid");
            reciprocal.LookupTargets["relatedconnectionid"] = "connection";
            store.Insert(s.LogicalName, reciprocal);
            row.Values["_relatedconnectionid_value"] = twinId.ToString();
            row.LookupTargets["relatedconnectionid"] = "connection";
        }

        return row;

        static void Swap(Dictionary<string, string> d, string a, string b)
        {
            var va = d.GetValueOrDefault(a);
            var vb = d.GetValueOrDefault(b);
            d.Remove(a);
            d.Remove(b);
            if (vb is not null)
            {
                d[a] = vb;
            }

            if (va is not null)
            {
                d[b] = va;
            }
        }
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void Stamp(EntitySchema s, EntityRow row)
    {
        row.Version = store.NextVersion();
        row.Values["modifiedon"] = Stamp(time.GetUtcNow());
        row.Values["versionnumber"] = row.Version;
        if (s.LogicalName is "contact" or "systemuser")
        {
            var full = $"{row.Values["firstname"]?.GetValue<string>()} {row.Values["lastname"]?.GetValue<string>()}".Trim();
            row.Values["fullname"] = full.Length == 0 ? null : full;
        }
    }

    private void CheckKeys(EntitySchema s, EntityRow row)
    {
        foreach (var key in s.AlternateKeys)
        {
            var values = key.KeyAttributes.ToDictionary(k => s.FindProperty(k)!.PropertyName, k => row.Values[s.FindProperty(k)!.PropertyName], StringComparer.Ordinal);
            if (values.Values.Any(v => v is null))
            {
                continue;
            }

            var other = store.FindByKey(s, values);
            if (other is not null && other.Id != row.Id)
            {
                throw new DataverseError(412, "0x80040237", "A record with matching key values already exists.");
            }
        }
    }

    private void ApplyBody(ApiRequest? r, EntitySchema s, EntityRow row, JsonObject body)
    {
        foreach (var (name, value) in body)
        {
            if (name.StartsWith('@'))
            {
                continue;
            }

            var at = name.IndexOf('@');
            if (at > 0)
            {
                if (name[at..] != "@odata.bind")
                {
                    continue;
                }

                Bind(r, s, row, name[..at], value);
                continue;
            }

            if (s.Attributes.TryGetValue(name, out var lookup) && lookup.IsLookup)
            {
                if (value is not null)
                {
                    throw new DataverseError(400, "0x80048d19", $"Error identified in Payload provided by the user for Entity :'{s.EntitySetName}'. A lookup is set with '{name}@odata.bind', not with a value.");
                }

                row.Values[lookup.PropertyName] = null;
                row.LookupTargets.Remove(lookup.LogicalName);
                continue;
            }

            var attr = s.FindProperty(name);
            if (attr is null || attr.IsLookup)
            {
                throw new DataverseError(400, "0x0", $"An error occurred while validating input parameters: Microsoft.OData.ODataException: Invalid property '{name}' was found in entity 'Microsoft.Dynamics.CRM.{s.LogicalName}'.");
            }

            if (attr.ReadOnly || attr.LogicalName == s.PrimaryIdAttribute)
            {
                continue;
            }

            row.Values[attr.PropertyName] = ConvertValue(s, attr, value);
        }
    }

    private void Bind(ApiRequest? r, EntitySchema s, EntityRow row, string navigation, JsonNode? value)
    {
        var nav = s.FindNavigation(navigation);
        if (nav is null)
        {
            throw new DataverseError(400, "0x80048d19",
                $"Error identified in Payload provided by the user for Entity :'{s.EntitySetName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : Microsoft.OData.ODataException: An undeclared property '{navigation}' which only has property annotations in the payload but no property value was found in the payload.");
        }

        var (lookup, target) = nav.Value;
        if (value is null)
        {
            row.Values[lookup.PropertyName] = null;
            row.LookupTargets.Remove(lookup.LogicalName);
            return;
        }

        var text = value.GetValue<string>();
        if (text.StartsWith('$') && r?.ContentIds is { } ids)
        {
            text = ids.TryGetValue(text[1..], out var url)
                ? url
                : throw new DataverseError(400, "0x0", $"Content-ID Reference: '{text}' does not exist in the batch context.");
        }

        var api = text.IndexOf(ApiPath, StringComparison.Ordinal);
        // A bind value is a URI: percent-encoded key literals are decoded like a request path.
        var rel = Uri.UnescapeDataString(api >= 0 ? text[(api + ApiPath.Length)..] : text.TrimStart('/'));
        var (set, key) = SplitKey(rel);
        var ts = store.SchemaBySet(set);
        if (ts is null || key is null || ts.LogicalName != target)
        {
            throw new DataverseError(400, "0x80048d19", $"Error identified in Payload provided by the user for Entity :'{s.EntitySetName}'. The reference '{text}' does not point at a '{target}' record.");
        }

        var (targetRow, id, _) = ResolveKey(ts, key);
        if (targetRow is null)
        {
            throw id is { } g ? DataverseError.NotFound(ts.LogicalName, g) : new DataverseError(404, "0x80040217", $"A record with the specified key values does not exist in {ts.LogicalName} entity");
        }

        row.Values[lookup.PropertyName] = targetRow.Id.ToString();
        row.LookupTargets[lookup.LogicalName] = target;
    }

    private static JsonNode? ConvertValue(EntitySchema s, AttributeSchema a, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        DataverseError Bad() => new(400, "0x80048d19",
            $"Error identified in Payload provided by the user for Entity :'{s.EntitySetName}'. Cannot convert the literal '{value.ToJsonString()}' to the expected type '{a.EdmType}'.");

        if (value is not JsonValue)
        {
            throw Bad();
        }

        // Values built in code (JsonValue<int>) convert only to their own type; read them as JSON text would be.
        var v = (JsonValue)JsonNode.Parse(value.ToJsonString())!;

        var kind = v.GetValueKind();
        switch (a.AttributeType)
        {
            case "String" or "Memo":
                if (kind != JsonValueKind.String)
                {
                    throw Bad();
                }

                var str = v.GetValue<string>();
                if (a.MaxLength is { } max && str.Length > max)
                {
                    throw new DataverseError(400, "0x80044331",
                        $"A validation error occurred. The length of the '{a.LogicalName}' attribute of the '{s.LogicalName}' entity exceeded the maximum allowed length of '{max}'.");
                }

                return JsonValue.Create(str);
            case "Picklist" when a.Options is { } options:
                if (kind != JsonValueKind.Number || !v.TryGetValue<int>(out var choice))
                {
                    throw Bad();
                }

                return options.Contains(choice)
                    ? JsonValue.Create((long)choice)
                    : throw new DataverseError(400, "0x8004431a",
                        $"A validation error occurred. The value {choice} of '{a.LogicalName}' on record of type '{s.LogicalName}' is outside the valid range. Accepted Values: {string.Join(',', options)}");
            case "Integer" or "Picklist" or "State" or "Status" or "BigInt":
                return kind == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? JsonValue.Create(l) : throw Bad();
            case "Decimal" or "Money" or "Double":
                return kind == JsonValueKind.Number && v.TryGetValue<decimal>(out var d) ? JsonValue.Create(d) : throw Bad();
            case "Boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? JsonValue.Create(kind == JsonValueKind.True) : throw Bad();
            case "DateTime":
                return kind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt)
                    ? JsonValue.Create(Stamp(dt))
                    : throw Bad();
            case "DateOnly":
                // Edm.Date: a date-time literal is refused, as Dataverse does for a date-only column.
                return kind == JsonValueKind.String && DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : throw Bad();
            case "Uniqueidentifier":
                return kind == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var g) ? JsonValue.Create(g.ToString()) : throw Bad();
            default:
                throw Bad();
        }
    }

    private ApiResponse Patch(ApiRequest r, EntitySchema s, string keyText, Dictionary<string, string> q)
    {
        var body = ParseBody(r);
        var (row, id, altKey) = ResolveKey(s, keyText);
        var ifMatch = r.Header("If-Match");
        var ifNoneMatch = r.Header("If-None-Match");
        if (row is null)
        {
            if (ifMatch is not null)
            {
                throw id is { } g ? DataverseError.NotFound(s.LogicalName, g) : new DataverseError(404, "0x80040217", $"A record with the specified key values does not exist in {s.LogicalName} entity");
            }

            if (altKey is not null)
            {
                foreach (var (prop, value) in altKey)
                {
                    if (!body.ContainsKey(prop))
                    {
                        body[prop] = value?.DeepClone();
                    }
                }
            }

            body.Remove(s.PrimaryIdAttribute);
            var created = CreateRow(r, s, id ?? Guid.NewGuid(), body);
            return Created(r, s, created, q, altKey, 201);
        }

        if (ifNoneMatch == "*")
        {
            throw new DataverseError(412, "0x80040237", "A record with matching key values already exists.");
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != row.ETag)
        {
            throw new DataverseError(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
        }

        if (altKey is not null)
        {
            foreach (var prop in altKey.Keys)
            {
                body.Remove(prop);
            }
        }

        var updated = row.Clone();
        ApplyBody(r, s, updated, body);
        Stamp(s, updated);
        CheckKeys(s, updated);
        store.Replace(s.LogicalName, updated);
        if (WantsRepresentation(r))
        {
            return Created(r, s, updated, q, altKey, 200);
        }

        var url = EntityUrl(r.Url, s, updated, altKey);
        return new ApiResponse { Status = 204 }.With("OData-EntityId", url);
    }

    private ApiResponse Delete(ApiRequest r, EntitySchema s, string keyText)
    {
        var (row, id, _) = ResolveKey(s, keyText);
        if (row is null)
        {
            throw id is { } g ? DataverseError.NotFound(s.LogicalName, g) : new DataverseError(404, "0x80040217", $"A record with the specified key values does not exist in {s.LogicalName} entity");
        }

        if (r.Header("If-Match") is { } ifMatch && ifMatch != "*" && ifMatch != row.ETag)
        {
            throw new DataverseError(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
        }

        store.Delete(s.LogicalName, row.Id);
        if (s.LogicalName == "connection" && row.Values["_relatedconnectionid_value"] is { } twin && store.Find("connection", Guid.Parse(twin.GetValue<string>())) is not null)
        {
            store.Delete("connection", Guid.Parse(twin.GetValue<string>()));
        }

        return new ApiResponse { Status = 204 };
    }
}
