using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>EntityDefinitions, Attributes and Keys: read, and create a column or a key the way an admin tool does.</summary>
internal sealed partial class DataverseApi
{
    private static readonly Dictionary<string, string> TypeByMetadata = new(StringComparer.Ordinal)
    {
        ["StringAttributeMetadata"] = "String",
        ["MemoAttributeMetadata"] = "Memo",
        ["IntegerAttributeMetadata"] = "Integer",
        ["BigIntAttributeMetadata"] = "BigInt",
        ["DecimalAttributeMetadata"] = "Decimal",
        ["DoubleAttributeMetadata"] = "Double",
        ["MoneyAttributeMetadata"] = "Money",
        ["BooleanAttributeMetadata"] = "Boolean",
        ["DateTimeAttributeMetadata"] = "DateTime",
        ["PicklistAttributeMetadata"] = "Picklist",
    };

    private static string MetadataTypeName(AttributeSchema a) => a.AttributeType switch
    {
        "Customer" or "Owner" => "LookupAttributeMetadata",
        "State" => "StateAttributeMetadata",
        "Status" => "StatusAttributeMetadata",
        "DateOnly" => "DateTimeAttributeMetadata",
        "Lookup" => "LookupAttributeMetadata",
        "Uniqueidentifier" => "AttributeMetadata",
        var t => TypeByMetadata.FirstOrDefault(kv => kv.Value == t).Key ?? "AttributeMetadata",
    };

    private static JsonObject EntityJson(EntitySchema s) => new()
    {
        ["MetadataId"] = s.MetadataId.ToString(),
        ["LogicalName"] = s.LogicalName,
        ["SchemaName"] = s.LogicalName,
        ["EntitySetName"] = s.EntitySetName,
        ["PrimaryIdAttribute"] = s.PrimaryIdAttribute,
        ["PrimaryNameAttribute"] = s.PrimaryNameAttribute,
        ["ChangeTrackingEnabled"] = s.ChangeTrackingEnabled,
        ["IsCustomEntity"] = false,
    };

    private static JsonObject AttributeJson(EntitySchema s, AttributeSchema a, bool withTypeProps)
    {
        var o = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Dynamics.CRM." + MetadataTypeName(a),
            ["MetadataId"] = a.MetadataId.ToString(),
            ["LogicalName"] = a.LogicalName,
            ["SchemaName"] = a.SchemaName,
            ["EntityLogicalName"] = s.LogicalName,
            ["AttributeType"] = a.AttributeType == "DateOnly" ? "DateTime" : a.AttributeType,
            ["AttributeTypeName"] = new JsonObject { ["Value"] = (a.AttributeType == "DateOnly" ? "DateTime" : a.AttributeType) + "Type" },
            ["IsCustomAttribute"] = a.IsCustom,
            ["IsValidForCreate"] = !a.ReadOnly,
            ["IsValidForUpdate"] = !a.ReadOnly && a.LogicalName != s.PrimaryIdAttribute,
            ["IsValidForRead"] = true,
            ["IsPrimaryId"] = a.LogicalName == s.PrimaryIdAttribute,
            ["RequiredLevel"] = new JsonObject { ["Value"] = a.LogicalName == s.PrimaryNameAttribute ? "ApplicationRequired" : "None" },
        };
        if (a.Targets is not null)
        {
            o["Targets"] = new JsonArray([.. a.Targets.Select(t => (JsonNode)t)]);
        }

        if (withTypeProps && a.MaxLength is { } max)
        {
            o["MaxLength"] = max;
        }

        // A date-only column is a DateTime column with Format DateOnly and behaviour DateOnly (DateTimeAttributeMetadata).
        if (withTypeProps && a.AttributeType is "DateTime" or "DateOnly")
        {
            var dateOnly = a.AttributeType == "DateOnly";
            o["Format"] = dateOnly ? "DateOnly" : "DateAndTime";
            o["DateTimeBehavior"] = new JsonObject { ["Value"] = dateOnly ? "DateOnly" : "UserLocal" };
        }

        if (withTypeProps && a.AttributeType == "Picklist")
        {
            o["OptionSet"] = new JsonObject
            {
                ["IsGlobal"] = false,
                ["OptionSetType"] = "Picklist",
                ["Options"] = new JsonArray([.. (a.Options ?? []).Select(v => (JsonNode)new JsonObject { ["Value"] = v })]),
            };
        }

        return o;
    }

    private static JsonObject KeyJson(EntitySchema s, AlternateKeySchema k) => new()
    {
        ["LogicalName"] = k.SchemaName.ToLowerInvariant(),
        ["SchemaName"] = k.SchemaName,
        ["EntityLogicalName"] = s.LogicalName,
        ["KeyAttributes"] = new JsonArray([.. k.KeyAttributes.Select(a => (JsonNode)a)]),
        ["EntityKeyIndexStatus"] = k.IndexStatus,
    };

    private static ApiResponse JsonList(ApiRequest r, string context, IEnumerable<JsonObject> items, Dictionary<string, string> q)
    {
        if (q.TryGetValue("$filter", out var filterText) && filterText.Length > 0)
        {
            var filter = ODataFilter.Parse(filterText);
            items = items.Where(o => ODataFilter.Matches(filter, p => ToClr(Navigate(o, p))));
        }

        // Expanded metadata (OptionSet, GlobalOptionSet) comes back next to the selected properties.
        var select = q.GetValueOrDefault("$select");
        if (select is not null && q.TryGetValue("$expand", out var expand))
        {
            select += "," + string.Join(',', expand.Split(',').Select(e => e.Split('(')[0].Trim()));
        }

        var arr = new JsonArray();
        foreach (var o in items)
        {
            arr.Add(Project(o, select));
        }

        return Json(200, new JsonObject { ["@odata.context"] = Root(r.Url) + "$metadata#" + context, ["value"] = arr });
    }

    private static JsonNode? Navigate(JsonObject o, string path)
    {
        JsonNode? n = o;
        foreach (var part in path.Split('/'))
        {
            n = n is JsonObject obj ? obj[part] : null;
        }

        return n;
    }

    private static JsonObject Project(JsonObject o, string? select)
    {
        if (string.IsNullOrEmpty(select))
        {
            return o;
        }

        var keep = select.Split(',', StringSplitOptions.TrimEntries).Append("MetadataId").Append("@odata.type").ToHashSet(StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var (k, v) in o)
        {
            if (keep.Contains(k))
            {
                result[k] = v?.DeepClone();
            }
        }

        return result;
    }

    private EntitySchema EntityByKey(string keyText)
    {
        var parts = ParseKeyParts(keyText);
        EntitySchema? s = null;
        if (parts.Count == 1 && parts[0].Name == "LogicalName")
        {
            s = store.Schema(parts[0].Raw);
        }
        else if (parts.Count == 1 && Guid.TryParse(parts[0].Raw, out var id))
        {
            s = store.Schemas.FirstOrDefault(x => x.MetadataId == id);
        }

        return s ?? throw new DataverseError(404, "0x80040217", $"Could not find entity with key '{keyText}'.");
    }

    private ApiResponse Metadata(ApiRequest r, List<string> segments, Dictionary<string, string> q)
    {
        var (_, entityKey) = SplitKey(segments[0]);
        if (entityKey is null)
        {
            if (segments.Count > 1 || r.Method != "GET")
            {
                throw new DataverseError(501, "0x80060888", "The emulator supports EntityDefinitions(LogicalName='x') below EntityDefinitions.");
            }

            return JsonList(r, "EntityDefinitions", store.Schemas.Select(EntityJson), q);
        }

        var s = EntityByKey(entityKey);
        if (segments.Count == 1)
        {
            return Json(200, Project(EntityJson(s), q.GetValueOrDefault("$select")));
        }

        var (child, childKey) = SplitKey(segments[1]);
        if (child == "Keys")
        {
            if (r.Method == "POST")
            {
                var body = ParseBody(r);
                var name = body["SchemaName"]?.GetValue<string>() ?? throw new DataverseError(400, "0x80048d19", "SchemaName is required.");
                var attrs = (body["KeyAttributes"] as JsonArray)?.Select(x => x!.GetValue<string>()).ToList() ?? [];
                if (attrs.Count == 0 || attrs.Any(a => s.FindProperty(a) is null))
                {
                    throw new DataverseError(400, "0x80048d19", $"KeyAttributes must name existing columns of '{s.LogicalName}'.");
                }

                if (s.AlternateKeys.Any(k => string.Equals(k.SchemaName, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new DataverseError(412, "0x80040237", $"A key with the name '{name}' already exists.");
                }

                s.AddKey(new AlternateKeySchema(name, attrs));
                return new ApiResponse { Status = 204 }.With("OData-EntityId", Root(r.Url) + $"EntityDefinitions({s.MetadataId})/Keys(LogicalName='{name.ToLowerInvariant()}')");
            }

            return JsonList(r, "EntityDefinitions('" + s.LogicalName + "')/Keys", s.AlternateKeys.Select(k => KeyJson(s, k)), q);
        }

        if (child != "Attributes")
        {
            throw new DataverseError(501, "0x80060888", $"The emulator does not serve EntityDefinitions/{child}.");
        }

        if (r.Method == "POST" && childKey is null)
        {
            return CreateAttribute(r, s);
        }

        if (childKey is not null)
        {
            var parts = ParseKeyParts(childKey);
            var a = parts.Count == 1 && parts[0].Name == "LogicalName"
                ? s.Attributes.GetValueOrDefault(parts[0].Raw)
                : s.Attributes.Values.FirstOrDefault(x => Guid.TryParse(parts[0].Raw, out var id) && x.MetadataId == id);
            if (a is null)
            {
                throw new DataverseError(404, "0x80040217", $"Could not find attribute with key '{childKey}' on entity '{s.LogicalName}'.");
            }

            return Json(200, Project(AttributeJson(s, a, true), q.GetValueOrDefault("$select")));
        }

        IEnumerable<AttributeSchema> attributes = s.Attributes.Values;
        var cast = segments.Count > 2 ? segments[2] : null;
        if (cast is not null)
        {
            var typeName = cast.Replace("Microsoft.Dynamics.CRM.", string.Empty, StringComparison.Ordinal);
            attributes = attributes.Where(a => MetadataTypeName(a) == typeName);
        }

        return JsonList(r, $"EntityDefinitions('{s.LogicalName}')/Attributes", attributes.Select(a => AttributeJson(s, a, cast is not null)), q);
    }

    private ApiResponse CreateAttribute(ApiRequest r, EntitySchema s)
    {
        var body = ParseBody(r);
        var type = body["@odata.type"]?.GetValue<string>()?.Replace("#", string.Empty, StringComparison.Ordinal).Replace("Microsoft.Dynamics.CRM.", string.Empty, StringComparison.Ordinal);
        if (type is null || !TypeByMetadata.TryGetValue(type, out var attributeType))
        {
            throw new DataverseError(400, "0x80048d19", $"The attribute type '{type}' is not supported by the emulator.");
        }

        if (attributeType == "DateTime" && body["Format"]?.GetValue<string>() == "DateOnly")
        {
            attributeType = "DateOnly";
        }

        var schemaName = body["SchemaName"]?.GetValue<string>() ?? throw new DataverseError(400, "0x80048d19", "SchemaName is required.");
        var logical = schemaName.ToLowerInvariant();
        if (s.Attributes.ContainsKey(logical))
        {
            throw new DataverseError(400, "0x80047013", $"An attribute with the specified name {logical} already exists.");
        }

        int? maxLength = body["MaxLength"] is { } m ? m.GetValue<int>() : (attributeType == "String" ? 100 : null);
        IReadOnlyList<int>? options = attributeType == "Picklist"
            ? [.. (body["OptionSet"]?["Options"] as JsonArray ?? []).Select(o => o?["Value"]?.GetValue<int>()).OfType<int>()]
            : null;
        var a = new AttributeSchema(logical, attributeType, MaxLength: maxLength, IsCustom: true) { SchemaName = schemaName, Options = options };
        s.Add(a);
        foreach (var row in store.Rows(s.LogicalName))
        {
            row.Values[a.PropertyName] = null;
        }

        return new ApiResponse { Status = 204 }.With("OData-EntityId", Root(r.Url) + $"EntityDefinitions({s.MetadataId})/Attributes({a.MetadataId})");
    }
}
