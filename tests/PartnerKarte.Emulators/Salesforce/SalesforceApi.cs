using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>The REST handlers. Every method runs under the org lock.</summary>
internal sealed partial class SalesforceApi(SalesforceOrg org, SalesforceFaults faults, Func<double> random)
{
    private const int DefaultBatchSize = 2000;
    private readonly Dictionary<string, QueryCursor> _cursors = new(StringComparer.Ordinal);
    private long _cursorSequence;

    public int ApiUsed { get; set; }

    private sealed record QueryCursor(int TotalSize, IReadOnlyList<JsonObject> Rows, int BatchSize);

    public EmulatorResponse Dispatch(EmulatorRequest r, string version)
    {
        var s = r.Segments;
        var m = r.Method;
        try
        {
            switch (s.Count)
            {
                case 0 when m == "GET":
                    return Kind(Resources(version), SalesforceApiCallKind.Metadata);
                case 1 when s[0] == "limits" && m == "GET":
                    return Kind(Limits(), SalesforceApiCallKind.Metadata);
                case 1 when (s[0] == "query" || s[0] == "queryAll") && m == "GET":
                    return Kind(Query(r, version, s[0] == "queryAll"), SalesforceApiCallKind.Query);
                case 2 when (s[0] == "query" || s[0] == "queryAll") && m == "GET":
                    return Kind(QueryMore(s[1], version), SalesforceApiCallKind.Query);
                case 1 when s[0] == "sobjects" && m == "GET":
                    return Kind(DescribeGlobal(version), SalesforceApiCallKind.Metadata);
                case 2 when s[0] == "sobjects" && m == "GET":
                    return Kind(BasicInfo(s[1], version), SalesforceApiCallKind.Metadata);
                case 2 when s[0] == "sobjects" && m == "POST":
                    return Kind(CreateOne(s[1], r.Body, version), SalesforceApiCallKind.Write);
                case 3 when s[0] == "sobjects" && s[2] == "describe" && m == "GET":
                    return Kind(Describe(s[1], version, org), SalesforceApiCallKind.Metadata);
                case 3 when s[0] == "sobjects" && m == "GET":
                    return Kind(Retrieve(s[1], s[2], r.Query.GetValueOrDefault("fields"), version), SalesforceApiCallKind.Read);
                case 3 when s[0] == "sobjects" && m == "PATCH":
                    return Kind(UpdateOne(s[1], s[2], r.Body), SalesforceApiCallKind.Write);
                case 3 when s[0] == "sobjects" && m == "DELETE":
                    return Kind(DeleteOne(s[1], s[2]), SalesforceApiCallKind.Write);
                case 4 when s[0] == "sobjects" && m == "GET":
                    return Kind(RetrieveByExternalId(s[1], s[2], s[3], version), SalesforceApiCallKind.Read);
                case 4 when s[0] == "sobjects" && m is "PATCH" or "POST":
                    return Kind(UpsertOne(s[1], s[2], s[3], r.Body, version), SalesforceApiCallKind.Write);
                case 1 when s[0] == "composite" && m == "POST":
                    return Kind(Composite(r.Body), SalesforceApiCallKind.Write);
                case 2 when s[0] == "composite" && s[1] == "sobjects" && m is "POST" or "PATCH":
                    return Kind(CollectionSave(r.Body, m == "POST"), SalesforceApiCallKind.Write);
                case 2 when s[0] == "composite" && s[1] == "sobjects" && m == "DELETE":
                    return Kind(CollectionDelete(r.Query), SalesforceApiCallKind.Write);
                case 3 when s[0] == "composite" && s[1] == "sobjects" && m is "GET" or "POST":
                    return Kind(CollectionRetrieve(s[2], r, version), SalesforceApiCallKind.Read);
                case 4 when s[0] == "composite" && s[1] == "sobjects" && m == "PATCH":
                    return Kind(CollectionUpsert(s[2], s[3], r.Body), SalesforceApiCallKind.Write);
                case >= 2 when s[0] == "jobs" && s[1] == "ingest":
                    return Ingest(r, version);
                case >= 2 when s[0] == "jobs" && s[1] == "query":
                    return BulkQuery(r, version);
                default:
                    return EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
            }
        }
        catch (SoqlException e)
        {
            return Kind(EmulatorResponse.Error(400, e.ErrorCode, e.Message), SalesforceApiCallKind.Query);
        }
        catch (JsonException e)
        {
            return EmulatorResponse.Error(400, "JSON_PARSER_ERROR", e.Message);
        }
        catch (InvalidOperationException e)
        {
            return EmulatorResponse.Error(400, "JSON_PARSER_ERROR", e.Message);
        }
    }

    /// <summary>What a request would be if answered: refused requests (401, 403, 503) are logged under their kind too.</summary>
    public static SalesforceApiCallKind KindOf(EmulatorRequest r)
    {
        var s = r.Segments;
        return s switch
        {
            [] or ["limits"] or ["sobjects"] or ["sobjects", _] or ["sobjects", _, "describe"] when r.Method == "GET" => SalesforceApiCallKind.Metadata,
            ["query" or "queryAll", ..] => SalesforceApiCallKind.Query,
            ["jobs", "ingest", _] when r.Method == "GET" => SalesforceApiCallKind.BulkPoll,
            ["jobs", "ingest", ..] => SalesforceApiCallKind.BulkIngest,
            ["jobs", "query", ..] => SalesforceApiCallKind.BulkQuery,
            ["sobjects", ..] or ["composite", "sobjects", _] when r.Method == "GET" => SalesforceApiCallKind.Read,
            ["sobjects", ..] or ["composite", ..] => SalesforceApiCallKind.Write,
            _ => SalesforceApiCallKind.Other,
        };
    }

    private static EmulatorResponse Kind(EmulatorResponse response, SalesforceApiCallKind kind)
    {
        response.Kind = kind;
        return response;
    }

    private static JsonObject ParseObject(string body) =>
        JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body) as JsonObject
        ?? throw new JsonException("Expected a JSON object");

    private static EmulatorResponse Resources(string version)
    {
        var json = new JsonObject();
        foreach (var name in new[] { "sobjects", "query", "queryAll", "composite", "limits", "jobs" })
        {
            json[name] = $"/services/data/v{version}/{name}";
        }

        return EmulatorResponse.Ok(json);
    }

    private EmulatorResponse Limits() => EmulatorResponse.Ok(new JsonObject
    {
        ["DailyApiRequests"] = new JsonObject { ["Max"] = faults.DailyApiLimit, ["Remaining"] = Math.Max(0, faults.DailyApiLimit - ApiUsed) },
        ["DailyBulkApiBatches"] = new JsonObject { ["Max"] = 15000, ["Remaining"] = 15000 },
        ["DailyBulkV2QueryJobs"] = new JsonObject { ["Max"] = 10000, ["Remaining"] = 10000 },
        ["DataStorageMB"] = new JsonObject { ["Max"] = 5, ["Remaining"] = 5 },
    });

    // ---- query ----
    private EmulatorResponse Query(EmulatorRequest r, string version, bool all)
    {
        if (!r.Query.TryGetValue("q", out var soql))
        {
            return EmulatorResponse.Error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        var query = SoqlQuery.Parse(soql);
        var engine = new SoqlEngine(org, version);
        var result = engine.Execute(query, all);
        if (query.IsCount)
        {
            return EmulatorResponse.Ok(new JsonObject { ["totalSize"] = result.TotalSize, ["done"] = true, ["records"] = new JsonArray() });
        }

        var batchSize = DefaultBatchSize;
        var options = r.Header("Sforce-Query-Options");
        if (options is not null)
        {
            foreach (var part in options.Split(',', StringSplitOptions.TrimEntries))
            {
                var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (kv.Length == 2 && kv[0].Equals("batchSize", StringComparison.OrdinalIgnoreCase) && int.TryParse(kv[1], out var size))
                {
                    batchSize = Math.Clamp(size, 200, 2000);
                }
            }
        }

        var rows = result.Rows.Select(row => engine.ToJson(result.Type, row, query.SelectPaths)).ToList();
        var cursorId = SalesforceIds.Create("01g", ++_cursorSequence)[..15];
        _cursors[cursorId] = new QueryCursor(result.TotalSize, rows, batchSize);
        return Page(cursorId, 0, version);
    }

    private EmulatorResponse QueryMore(string locator, string version)
    {
        var dash = locator.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(locator.AsSpan(dash + 1), out var offset) || !_cursors.ContainsKey(locator[..dash]))
        {
            return EmulatorResponse.Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        return Page(locator[..dash], offset, version);
    }

    private EmulatorResponse Page(string cursorId, int offset, string version)
    {
        var cursor = _cursors[cursorId];
        var page = cursor.Rows.Skip(offset).Take(cursor.BatchSize).Select(j => (JsonNode?)j.DeepClone()).ToArray();
        var next = offset + page.Length;
        var done = next >= cursor.Rows.Count;
        var json = new JsonObject { ["totalSize"] = cursor.TotalSize, ["done"] = done };
        if (!done)
        {
            json["nextRecordsUrl"] = $"/services/data/v{version}/query/{cursorId}-{next}";
        }

        json["records"] = new JsonArray(page);
        return EmulatorResponse.Ok(json);
    }

    // ---- describe ----
    private static EmulatorResponse DescribeGlobal(string version)
    {
        var list = new JsonArray();
        foreach (var type in SalesforceSchema.Objects.Values)
        {
            list.Add(ObjectSummary(type, version));
        }

        return EmulatorResponse.Ok(new JsonObject { ["encoding"] = "UTF-8", ["maxBatchSize"] = 200, ["sobjects"] = list });
    }

    private static JsonObject ObjectSummary(SalesforceObjectType type, string version) => new()
    {
        ["name"] = type.Name,
        ["label"] = type.Name,
        ["labelPlural"] = type.Name + "s",
        ["keyPrefix"] = type.KeyPrefix,
        ["custom"] = false,
        ["createable"] = true,
        ["updateable"] = true,
        ["deletable"] = true,
        ["queryable"] = true,
        ["searchable"] = true,
        ["retrieveable"] = true,
        ["layoutable"] = true,
        ["replicateable"] = true,
        ["triggerable"] = true,
        ["urls"] = new JsonObject
        {
            ["sobject"] = $"/services/data/v{version}/sobjects/{type.Name}",
            ["describe"] = $"/services/data/v{version}/sobjects/{type.Name}/describe",
            ["rowTemplate"] = $"/services/data/v{version}/sobjects/{type.Name}/{{ID}}",
        },
    };

    private static EmulatorResponse BasicInfo(string typeName, string version)
    {
        var type = SalesforceSchema.Find(typeName);
        return type is null
            ? EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist")
            : EmulatorResponse.Ok(new JsonObject { ["objectDescribe"] = ObjectSummary(type, version), ["recentItems"] = new JsonArray() });
    }

    private static EmulatorResponse Describe(string typeName, string version, SalesforceOrg org)
    {
        var type = SalesforceSchema.Find(typeName);
        if (type is null)
        {
            return EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var json = ObjectSummary(type, version);
        var fields = new JsonArray();
        foreach (var f in type.Fields.Where(f => !org.IsHidden(type.Name, f.Name)))
        {
            fields.Add(new JsonObject
            {
                ["name"] = f.Name,
                ["label"] = f.Label,
                ["type"] = f.Type switch
                {
                    SalesforceFieldType.TextArea => "textarea",
                    SalesforceFieldType.MultiPicklist => "multipicklist",
                    SalesforceFieldType.DateTime => "datetime",
                    _ => f.Type.ToString().ToLowerInvariant(),
                },
                ["length"] = f.Length,
                ["byteLength"] = f.Length * 3,
                ["precision"] = f.Precision,
                ["scale"] = f.Scale,
                ["digits"] = f.Type == SalesforceFieldType.Int ? f.Precision : 0,
                ["createable"] = f.Createable,
                ["updateable"] = f.Updateable,
                ["nillable"] = f.Nillable,
                ["defaultedOnCreate"] = f.DefaultedOnCreate || f.Name is "Id" or "IsDeleted" or "CreatedDate" or "LastModifiedDate" or "SystemModstamp",
                ["defaultValue"] = null,
                ["externalId"] = f.ExternalId,
                ["idLookup"] = f.ExternalId || f.Name == "Id",
                ["unique"] = f.Unique,
                ["caseSensitive"] = false,
                ["nameField"] = f.NameField,
                ["namePointing"] = f.ReferenceTo.Count > 1,
                ["autoNumber"] = false,
                ["calculated"] = f.Calculated,
                ["calculatedFormula"] = null,
                ["custom"] = f.Custom,
                ["filterable"] = f.Type != SalesforceFieldType.TextArea,
                ["sortable"] = f.Type != SalesforceFieldType.TextArea,
                ["groupable"] = f.Type is not (SalesforceFieldType.TextArea or SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent),
                ["aggregatable"] = true,
                ["referenceTo"] = new JsonArray(f.ReferenceTo.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                ["relationshipName"] = f.RelationshipName,
                ["relationshipOrder"] = null,
                ["picklistValues"] = new JsonArray(f.PicklistValues.Select(v => (JsonNode?)new JsonObject
                {
                    ["active"] = true, ["defaultValue"] = false, ["label"] = v, ["validFor"] = null, ["value"] = v,
                }).ToArray()),
                ["restrictedPicklist"] = false,
                ["dependentPicklist"] = false,
                ["controllerName"] = null,
                ["soapType"] = f.Type switch
                {
                    SalesforceFieldType.Id or SalesforceFieldType.Reference => "tns:ID",
                    SalesforceFieldType.Boolean => "xsd:boolean",
                    SalesforceFieldType.Int => "xsd:int",
                    SalesforceFieldType.Double or SalesforceFieldType.Currency or SalesforceFieldType.Percent => "xsd:double",
                    SalesforceFieldType.Date => "xsd:date",
                    SalesforceFieldType.DateTime => "xsd:dateTime",
                    _ => "xsd:string",
                },
                ["htmlFormatted"] = false,
                ["inlineHelpText"] = null,
                ["deprecatedAndHidden"] = false,
            });
        }

        json["fields"] = fields;
        json["childRelationships"] = new JsonArray();
        json["recordTypeInfos"] = new JsonArray();
        return EmulatorResponse.Ok(json);
    }

    // ---- single-record CRUD ----
    private JsonObject Render(SalesforceObjectType type, Dictionary<string, object?> record, string? fields, string version)
    {
        var names = fields is null
            ? type.Fields.Select(f => f.Name)
            : fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var paths = names.Select(n => new SoqlPath(n.Split('.'))).ToList();
        return new SoqlEngine(org, version).ToJson(type, record, paths);
    }

    private static string? InvalidField(SalesforceObjectType type, string? fields) =>
        fields?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(f => !f.Contains('.', StringComparison.Ordinal) && type.Field(f) is null);

    private EmulatorResponse Retrieve(string typeName, string rawId, string? fields, string version)
    {
        var type = SalesforceSchema.Find(typeName);
        if (type is null)
        {
            return EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (InvalidField(type, fields) is { } bad)
        {
            return EmulatorResponse.Error(400, "INVALID_FIELD", $"No such column '{bad}' on entity '{type.Name}'");
        }

        var id = SalesforceIds.Normalize(rawId);
        if (id is null || !org.Table(type.Name).TryGetValue(id, out var record) || SalesforceOrg.IsDeleted(record))
        {
            return EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        return EmulatorResponse.Ok(Render(type, record, fields, version));
    }

    private EmulatorResponse RetrieveByExternalId(string typeName, string field, string value, string version)
    {
        var type = SalesforceSchema.Find(typeName);
        if (type?.Field(field) is not { ExternalId: true } f)
        {
            return EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var matches = org.Table(type.Name).Values
            .Where(r => !SalesforceOrg.IsDeleted(r) && r[f.Name] is string s && s.Equals(value, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            0 => EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist"),
            1 => EmulatorResponse.Ok(Render(type, matches[0], null, version)),
            _ => EmulatorResponse.Ok(new JsonArray(matches.Select(r => (JsonNode?)JsonValue.Create($"/services/data/v{version}/sobjects/{type.Name}/{r["Id"]}")).ToArray()), 300),
        };
    }

    private static EmulatorResponse SingleError(SaveOutcome outcome)
    {
        var e = outcome.Errors[0];
        var status = e.StatusCode switch
        {
            "NOT_FOUND" or "ENTITY_IS_DELETED" => 404,
            "INVALID_TYPE" => 404,
            _ => 400,
        };
        var list = new JsonArray(outcome.Errors.Select(x => (JsonNode?)new JsonObject
        {
            ["message"] = x.Message,
            ["errorCode"] = x.StatusCode,
            ["fields"] = new JsonArray(x.Fields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        }).ToArray());
        return new EmulatorResponse { Status = status, Json = list };
    }

    private static JsonObject SaveJson(SaveOutcome outcome, bool withCreated)
    {
        var json = new JsonObject();
        if (outcome.Id is not null)
        {
            json["id"] = outcome.Id;
        }

        json["success"] = outcome.Success;
        json["errors"] = new JsonArray(outcome.Errors.Select(e => (JsonNode?)new JsonObject
        {
            ["statusCode"] = e.StatusCode,
            ["message"] = e.Message,
            ["fields"] = new JsonArray(e.Fields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        }).ToArray());
        if (withCreated)
        {
            json["created"] = outcome.Created;
        }

        return json;
    }

    private EmulatorResponse CreateOne(string typeName, string body, string version)
    {
        var outcome = org.Create(typeName, ParseObject(body));
        if (!outcome.Success)
        {
            return SingleError(outcome);
        }

        var response = EmulatorResponse.Ok(SaveJson(outcome with { Created = false }, withCreated: false), 201);
        response.Headers["Location"] = $"/services/data/v{version}/sobjects/{SalesforceSchema.ForId(outcome.Id)!.Name}/{outcome.Id}";
        return response;
    }

    private EmulatorResponse UpdateOne(string typeName, string id, string body)
    {
        var outcome = org.Update(typeName, id, ParseObject(body));
        return outcome.Success ? EmulatorResponse.NoContent() : SingleError(outcome);
    }

    private EmulatorResponse DeleteOne(string typeName, string id)
    {
        var outcome = org.Delete(id, typeName);
        return outcome.Success ? EmulatorResponse.NoContent() : SingleError(outcome);
    }

    private EmulatorResponse UpsertOne(string typeName, string field, string value, string body, string version)
    {
        var (outcome, matches) = org.Upsert(typeName, field, value, ParseObject(body));
        if (matches.Count > 1)
        {
            return EmulatorResponse.Ok(new JsonArray(matches.Select(id => (JsonNode?)JsonValue.Create($"/services/data/v{version}/sobjects/{typeName}/{id}")).ToArray()), 300);
        }

        if (!outcome.Success)
        {
            return SingleError(outcome);
        }

        var response = EmulatorResponse.Ok(SaveJson(outcome, withCreated: true), outcome.Created ? 201 : 200);
        if (outcome.Created)
        {
            response.Headers["Location"] = $"/services/data/v{version}/sobjects/{typeName}/{outcome.Id}";
        }

        return response;
    }

    // ---- collections ----
    private SalesforceError? InjectedRecordError(string type, JsonObject record)
    {
        if (faults.LockRowRate > 0 && random() < faults.LockRowRate)
        {
            return new SalesforceError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + (record["id"] ?? record["Id"])?.ToString());
        }

        if (faults.RecordError is { } rule)
        {
            var view = record.Where(p => p.Key != "attributes")
                .ToDictionary(p => p.Key, p => p.Value is null ? null : p.Value.GetValueKind() == JsonValueKind.String ? p.Value.GetValue<string>() : p.Value.ToJsonString(), StringComparer.OrdinalIgnoreCase);
            return rule(type, view);
        }

        return null;
    }

    private EmulatorResponse CollectionSave(string body, bool create)
    {
        var json = ParseObject(body);
        var allOrNone = json["allOrNone"]?.GetValue<bool>() ?? false;
        var records = json["records"] as JsonArray ?? [];
        if (records.Count > 200)
        {
            return EmulatorResponse.Error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }

        return RunCollection(records.Count, allOrNone, i =>
        {
            var record = records[i] as JsonObject ?? [];
            var type = record["attributes"]?["type"]?.GetValue<string>();
            var id = (record["id"] ?? record["Id"])?.GetValue<string>();
            if (type is null && !create && id is not null)
            {
                type = SalesforceSchema.ForId(SalesforceIds.Normalize(id))?.Name;
            }

            if (type is null)
            {
                return SaveOutcome.Fail(new SalesforceError("INVALID_TYPE", "Must specify a type in attributes"));
            }

            if (!create && id is null)
            {
                return SaveOutcome.Fail(new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update call", ["Id"]));
            }

            if (InjectedRecordError(type, record) is { } injected)
            {
                return SaveOutcome.Fail(injected, id);
            }

            var body1 = (JsonObject)record.DeepClone();
            body1.Remove("id");
            return create ? org.Create(type, body1) : org.Update(type, id!, body1);
        }, withCreated: false);
    }

    private EmulatorResponse CollectionUpsert(string typeName, string field, string body)
    {
        var json = ParseObject(body);
        var allOrNone = json["allOrNone"]?.GetValue<bool>() ?? false;
        var records = json["records"] as JsonArray ?? [];
        if (records.Count > 200)
        {
            return EmulatorResponse.Error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records.OfType<JsonObject>())
        {
            var key = record.FirstOrDefault(p => p.Key.Equals(field, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
            if (key is not null && !seen.Add(key))
            {
                duplicates.Add(key);
            }
        }

        return RunCollection(records.Count, allOrNone, i =>
        {
            var record = records[i] as JsonObject ?? [];
            var key = record.FirstOrDefault(p => p.Key.Equals(field, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
            if (key is not null && duplicates.Contains(key))
            {
                return SaveOutcome.Fail(new SalesforceError("DUPLICATE_EXTERNAL_ID", $"Duplicate external id specified: {key}", [field]));
            }

            if (InjectedRecordError(typeName, record) is { } injected)
            {
                return SaveOutcome.Fail(injected);
            }

            var (outcome, matches) = org.Upsert(typeName, field, null, record);
            return matches.Count > 1
                ? SaveOutcome.Fail(new SalesforceError("DUPLICATE_EXTERNAL_ID", $"Duplicate external id found: {key}", [field]))
                : outcome;
        }, withCreated: true);
    }

    private EmulatorResponse CollectionDelete(IReadOnlyDictionary<string, string> query)
    {
        var ids = query.GetValueOrDefault("ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (ids.Length > 200)
        {
            return EmulatorResponse.Error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }

        var allOrNone = query.GetValueOrDefault("allOrNone")?.Equals("true", StringComparison.OrdinalIgnoreCase) ?? false;
        return RunCollection(ids.Length, allOrNone, i => org.Delete(ids[i]), withCreated: false);
    }

    private EmulatorResponse RunCollection(int count, bool allOrNone, Func<int, SaveOutcome> operation, bool withCreated)
    {
        var outcomes = new SaveOutcome[count];
        org.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            outcomes[i] = operation(i);
        }

        if (allOrNone && outcomes.Any(o => !o.Success))
        {
            org.Rollback();
            var rolledBack = new SalesforceError(
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "Record rolled back because not all records were valid and the request was using AllOrNone header");
            for (var i = 0; i < count; i++)
            {
                if (outcomes[i].Success)
                {
                    outcomes[i] = new SaveOutcome(null, false, [rolledBack]);
                }
            }
        }
        else
        {
            org.Commit();
        }

        return EmulatorResponse.Ok(new JsonArray(outcomes.Select(o => (JsonNode?)SaveJson(o, withCreated)).ToArray()));
    }

    private EmulatorResponse CollectionRetrieve(string typeName, EmulatorRequest r, string version)
    {
        var type = SalesforceSchema.Find(typeName);
        if (type is null)
        {
            return EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        string[] ids;
        string? fields;
        if (r.Method == "POST")
        {
            var json = ParseObject(r.Body);
            ids = (json["ids"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? string.Empty).ToArray();
            fields = json["fields"] is JsonArray f ? string.Join(',', f.Select(n => n?.GetValue<string>())) : null;
        }
        else
        {
            ids = r.Query.GetValueOrDefault("ids")?.Split(',') ?? [];
            fields = r.Query.GetValueOrDefault("fields");
        }

        if (fields is null)
        {
            return EmulatorResponse.Error(400, "MISSING_ARGUMENT", "fields parameter is required");
        }

        if (InvalidField(type, fields) is { } bad)
        {
            return EmulatorResponse.Error(400, "INVALID_FIELD", $"No such column '{bad}' on entity '{type.Name}'");
        }

        var list = new JsonArray();
        foreach (var raw in ids)
        {
            var id = SalesforceIds.Normalize(raw);
            list.Add(id is not null && org.Table(type.Name).TryGetValue(id, out var record) && !SalesforceOrg.IsDeleted(record)
                ? Render(type, record, fields, version)
                : null);
        }

        return EmulatorResponse.Ok(list);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
