using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>The in-memory org behind the emulator. Thread-safe: every operation takes the org lock.</summary>
public sealed class SalesforceOrg
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, object?>>> _tables =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly TimeProvider _time;
    private readonly Stack<int> _savepoints = new();
    private List<(string Type, string Id, Dictionary<string, object?>? Before)>? _undo;
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _keyIndex = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence = 1000;

    internal SalesforceOrg(TimeProvider time)
    {
        _time = time;
        foreach (var type in SalesforceSchema.Objects.Values)
        {
            _tables[type.Name] = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        }

        OrganizationId = SalesforceIds.Create("00D", 1);
        UserId = SalesforceIds.Create("005", 1);
        var now = Now();
        _tables["User"][UserId] = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = UserId, ["IsDeleted"] = false, ["CreatedDate"] = now, ["LastModifiedDate"] = now, ["SystemModstamp"] = now,
            ["CreatedById"] = UserId, ["LastModifiedById"] = UserId, ["Username"] = "integration@partnerkarte.example",
            ["FirstName"] = "Integration", ["LastName"] = "User", ["Name"] = "Integration User", ["IsActive"] = true,
            ["Alias"] = "integ", ["Email"] = "integration@partnerkarte.example",
        };
        foreach (var field in SalesforceSchema.Find("User")!.Fields)
        {
            _tables["User"][UserId].TryAdd(field.Name, field.Type == SalesforceFieldType.Boolean ? false : null);
        }
    }

    /// <summary>The org id (00D…).</summary>
    public string OrganizationId { get; }

    /// <summary>The integration user every token runs as (005…).</summary>
    public string UserId { get; }

    internal object Sync { get; } = new();

    private readonly HashSet<string> _hidden = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Field-level security: the integration user cannot see this field. Describe leaves it out, SOQL answers
    /// INVALID_FIELD for it and writes to it fail, as in an org where the permission set does not grant it.
    /// </summary>
    /// <param name="type">The object type.</param>
    /// <param name="field">The field.</param>
    public void HideField(string type, string field)
    {
        lock (Sync)
        {
            _hidden.Add(type + "." + field);
        }
    }

    internal bool IsHidden(string type, string field) => _hidden.Count > 0 && _hidden.Contains(type + "." + field);

    /// <summary>Inserts a record with the same validation as the API; throws when it is invalid.</summary>
    /// <param name="type">The object type.</param>
    /// <param name="fields">Field values (JSON-compatible: string, number, bool, null).</param>
    /// <returns>The new id.</returns>
    public string Insert(string type, IReadOnlyDictionary<string, object?> fields)
    {
        var json = ToJson(fields);
        lock (Sync)
        {
            var result = Create(type, json);
            return result.Errors.Count == 0
                ? result.Id!
                : throw new InvalidOperationException($"Insert {type} failed: {string.Join("; ", result.Errors.Select(e => $"{e.StatusCode}: {e.Message}"))}");
        }
    }

    /// <summary>Upserts a record by an external-id field with the same validation as the API; throws when it is invalid.</summary>
    /// <param name="type">The object type.</param>
    /// <param name="externalIdField">The external-id field.</param>
    /// <param name="fields">Field values including the external id.</param>
    /// <returns>The record id.</returns>
    public string Upsert(string type, string externalIdField, IReadOnlyDictionary<string, object?> fields)
    {
        var json = ToJson(fields);
        lock (Sync)
        {
            var (result, matches) = Upsert(type, externalIdField, null, json);
            return result.Errors.Count == 0 && matches.Count <= 1
                ? result.Id!
                : throw new InvalidOperationException($"Upsert {type} failed: {string.Join("; ", result.Errors.Select(e => $"{e.StatusCode}: {e.Message}"))}");
        }
    }

    /// <summary>Updates fields of a record as a user would (moves SystemModstamp), with the same validation as the API; throws when it is invalid.</summary>
    /// <param name="type">The object type.</param>
    /// <param name="id">The record id.</param>
    /// <param name="fields">The fields to set.</param>
    public void Update(string type, string id, IReadOnlyDictionary<string, object?> fields)
    {
        var json = ToJson(fields);
        lock (Sync)
        {
            var result = Update(type, id, json);
            if (result.Errors.Count > 0)
            {
                throw new InvalidOperationException($"Update {type} {id} failed: {string.Join("; ", result.Errors.Select(e => $"{e.StatusCode}: {e.Message}"))}");
            }
        }
    }

    /// <summary>Deletes a record as a user would (to the recycle bin: <c>IsDeleted</c> true, seen by queryAll); throws when it cannot.</summary>
    /// <param name="id">The record id.</param>
    public void SoftDelete(string id)
    {
        lock (Sync)
        {
            var result = Delete(id);
            if (result.Errors.Count > 0)
            {
                throw new InvalidOperationException($"Delete {id} failed: {result.Errors[0].StatusCode}");
            }
        }
    }

    /// <summary>A copy of a record (including soft-deleted ones), or <see langword="null"/>.</summary>
    /// <param name="type">The object type.</param>
    /// <param name="id">The id (15 or 18 characters).</param>
    /// <returns>The field values by canonical name.</returns>
    public IReadOnlyDictionary<string, object?>? Get(string type, string id)
    {
        lock (Sync)
        {
            var key = SalesforceIds.Normalize(id);
            return key is not null && Table(type).TryGetValue(key, out var record)
                ? new Dictionary<string, object?>(record, StringComparer.OrdinalIgnoreCase)
                : null;
        }
    }

    /// <summary>Copies of all live (not deleted) records of a type.</summary>
    /// <param name="type">The object type.</param>
    /// <param name="includeDeleted">Include soft-deleted records.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Records(string type, bool includeDeleted = false)
    {
        lock (Sync)
        {
            return Table(type).Values.Where(r => includeDeleted || !IsDeleted(r))
                .Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(r, StringComparer.OrdinalIgnoreCase))
                .ToList();
        }
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, object?> fields)
    {
        var json = new JsonObject();
        foreach (var (key, value) in fields)
        {
            json[key] = value switch
            {
                null => null,
                DateTimeOffset t => JsonValue.Create(SalesforceValues.FormatDateTime(t)),
                DateOnly d => JsonValue.Create(SalesforceValues.FormatDate(d)),
                _ => JsonValue.Create(value),
            };
        }

        return json;
    }

    internal static bool IsDeleted(Dictionary<string, object?> record) => record["IsDeleted"] is true;

    internal Dictionary<string, Dictionary<string, object?>> Table(string type) =>
        _tables.TryGetValue(type, out var table) ? table : throw new ArgumentException($"Unknown sObject type {type}", nameof(type));

    internal Dictionary<string, object?>? Find(string id)
    {
        var type = SalesforceSchema.ForId(id);
        return type is not null && _tables[type.Name].TryGetValue(id, out var record) ? record : null;
    }

    internal DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    internal string NewId(string keyPrefix) => SalesforceIds.Create(keyPrefix, Interlocked.Increment(ref _sequence));

    /// <summary>Starts a (possibly nested) transaction: allOrNone collections, composite, their nesting.</summary>
    internal void BeginTransaction()
    {
        _undo ??= [];
        _savepoints.Push(_undo.Count);
    }

    internal void Commit()
    {
        _savepoints.Pop();
        if (_savepoints.Count == 0)
        {
            _undo = null;
        }
    }

    internal void Rollback()
    {
        var savepoint = _savepoints.Pop();
        for (var i = _undo!.Count - 1; i >= savepoint; i--)
        {
            var (type, id, before) = _undo[i];
            Store(type, id, before);
        }

        _undo.RemoveRange(savepoint, _undo.Count - savepoint);
        if (_savepoints.Count == 0)
        {
            _undo = null;
        }
    }

    private void Remember(string type, string id)
    {
        if (_undo is null)
        {
            return;
        }

        var from = _savepoints.Peek();
        for (var i = from; i < _undo.Count; i++)
        {
            if (_undo[i].Type == type && _undo[i].Id == id)
            {
                return;
            }
        }

        _undo.Add((type, id, _tables[type].TryGetValue(id, out var r) ? new Dictionary<string, object?>(r, StringComparer.OrdinalIgnoreCase) : null));
    }

    internal SaveOutcome Create(string typeName, JsonObject body)
    {
        var type = SalesforceSchema.Find(typeName);
        if (type is null)
        {
            return SaveOutcome.Fail(new SalesforceError("INVALID_TYPE", $"sObject type '{typeName}' is not supported."));
        }

        var values = Convert(type, body, creating: true, out var errors);
        if (errors.Count > 0)
        {
            return SaveOutcome.Fail(errors);
        }

        var now = Now();
        var record = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in type.Fields)
        {
            record[field.Name] = field.Type == SalesforceFieldType.Boolean ? false : null;
        }

        foreach (var (name, value) in values)
        {
            record[name] = value;
        }

        if (type.Field("OwnerId") is not null && record["OwnerId"] is null)
        {
            record["OwnerId"] = UserId;
        }

        if (type.Name == "Task")
        {
            record["Status"] ??= "Not Started";
            record["Priority"] ??= "Normal";
        }

        if (type.Name == "AccountContactRelation" && !values.ContainsKey("IsActive"))
        {
            record["IsActive"] = true;
        }

        var missing = type.Fields.Where(f => !f.Nillable && f.Createable && !f.DefaultedOnCreate && record[f.Name] is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            return SaveOutcome.Fail(new SalesforceError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing));
        }

        var id = NewId(type.KeyPrefix);
        record["Id"] = id;
        record["IsDeleted"] = false;
        record["CreatedDate"] = now;
        record["CreatedById"] = UserId;
        var check = CheckAndStamp(type, id, record, now);
        if (check is not null)
        {
            return SaveOutcome.Fail(check);
        }

        Remember(type.Name, id);
        Store(type.Name, id, record);
        return new SaveOutcome(id, true, []);
    }

    internal SaveOutcome Update(string typeName, string rawId, JsonObject body)
    {
        var type = SalesforceSchema.Find(typeName);
        if (type is null)
        {
            return SaveOutcome.Fail(new SalesforceError("INVALID_TYPE", $"sObject type '{typeName}' is not supported."));
        }

        var id = SalesforceIds.Normalize(rawId);
        if (id is null || !_tables[type.Name].TryGetValue(id, out var existing))
        {
            return SaveOutcome.Fail(new SalesforceError(id is null ? "MALFORMED_ID" : "INVALID_CROSS_REFERENCE_KEY", id is null ? $"malformed id {rawId}" : "invalid cross reference id") { }, rawId);
        }

        if (IsDeleted(existing))
        {
            return SaveOutcome.Fail(new SalesforceError("ENTITY_IS_DELETED", "entity is deleted"), id);
        }

        var values = Convert(type, body, creating: false, out var errors, existing);
        if (errors.Count > 0)
        {
            return SaveOutcome.Fail(errors, id);
        }

        var updated = new Dictionary<string, object?>(existing, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            updated[name] = value;
        }

        var missing = type.Fields.Where(f => !f.Nillable && f.Updateable && updated[f.Name] is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            return SaveOutcome.Fail(new SalesforceError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing), id);
        }

        var check = CheckAndStamp(type, id, updated, Now());
        if (check is not null)
        {
            return SaveOutcome.Fail(check, id);
        }

        Remember(type.Name, id);
        Store(type.Name, id, updated);
        return new SaveOutcome(id, false, []);
    }

    internal SaveOutcome Delete(string rawId, string? expectedType = null)
    {
        var id = SalesforceIds.Normalize(rawId);
        var type = SalesforceSchema.ForId(id);
        if (id is null || type is null || (expectedType is not null && !type.Name.Equals(expectedType, StringComparison.OrdinalIgnoreCase)))
        {
            return SaveOutcome.Fail(new SalesforceError("MALFORMED_ID", $"malformed id {rawId}"), rawId);
        }

        if (!_tables[type.Name].TryGetValue(id, out var record))
        {
            return SaveOutcome.Fail(new SalesforceError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"), id);
        }

        if (IsDeleted(record))
        {
            return SaveOutcome.Fail(new SalesforceError("ENTITY_IS_DELETED", "entity is deleted"), id);
        }

        Remember(type.Name, id);
        var deleted = new Dictionary<string, object?>(record, StringComparer.OrdinalIgnoreCase)
        {
            ["IsDeleted"] = true,
            ["SystemModstamp"] = Now(),
            ["LastModifiedDate"] = Now(),
        };
        Store(type.Name, id, deleted);
        return new SaveOutcome(id, false, []);
    }

    /// <summary>Upsert by external id (or Id). Created → 201, updated → 200, several matches → 300.</summary>
    internal (SaveOutcome Outcome, IReadOnlyList<string> Matches) Upsert(string typeName, string fieldName, string? value, JsonObject body)
    {
        var type = SalesforceSchema.Find(typeName);
        if (type is null)
        {
            return (SaveOutcome.Fail(new SalesforceError("INVALID_TYPE", $"sObject type '{typeName}' is not supported.")), []);
        }

        var field = type.Field(fieldName);
        if (field is null || !(field.ExternalId || field.Name == "Id"))
        {
            return (SaveOutcome.Fail(new SalesforceError("NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}")), []);
        }

        var bodyCopy = (JsonObject)body.DeepClone();
        var inBody = bodyCopy.FirstOrDefault(p => p.Key.Equals(field.Name, StringComparison.OrdinalIgnoreCase));
        if (inBody.Key is not null)
        {
            value ??= inBody.Value?.ToString();
            bodyCopy.Remove(inBody.Key);
        }

        if (string.IsNullOrEmpty(value))
        {
            return (SaveOutcome.Fail(new SalesforceError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{field.Name}]", [field.Name])), []);
        }

        List<string> matches;
        if (field.Name == "Id")
        {
            var id = SalesforceIds.Normalize(value);
            matches = id is not null && _tables[type.Name].TryGetValue(id, out var r) && !IsDeleted(r) ? [id] : [];
        }
        else
        {
            matches = [.. Lookup(type.Name, field.Name, value)];
        }

        if (matches.Count > 1)
        {
            return (SaveOutcome.Fail(new SalesforceError("MULTIPLE_RECORDS_FOUND", $"More than one record found for external id field: {field.Name}")), matches);
        }

        if (matches.Count == 1)
        {
            return (Update(type.Name, matches[0], bodyCopy), matches);
        }

        if (field.Name != "Id")
        {
            bodyCopy[field.Name] = value;
        }

        return (Create(type.Name, bodyCopy), matches);
    }

    /// <summary>Live record ids whose external-id field has the value (case-insensitive), from the index.</summary>
    private IEnumerable<string> Lookup(string type, string field, string value) =>
        _keyIndex.TryGetValue(type + "." + field, out var index) && index.TryGetValue(value.ToUpperInvariant(), out var ids) ? ids : [];

    /// <summary>Every write goes through here so the external-id index stays in step (including rollbacks).</summary>
    private void Store(string type, string id, Dictionary<string, object?>? record)
    {
        var schema = SalesforceSchema.Find(type)!;
        _tables[type].TryGetValue(id, out var old);
        foreach (var field in schema.Fields.Where(f => f.ExternalId || f.Unique))
        {
            var key = type + "." + field.Name;
            if (!_keyIndex.TryGetValue(key, out var index))
            {
                _keyIndex[key] = index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            }

            if (old is not null && !IsDeleted(old) && old[field.Name] is string oldValue && index.TryGetValue(oldValue.ToUpperInvariant(), out var oldSet))
            {
                oldSet.Remove(id);
            }

            if (record is not null && !IsDeleted(record) && record[field.Name] is string newValue)
            {
                var upper = newValue.ToUpperInvariant();
                if (!index.TryGetValue(upper, out var set))
                {
                    index[upper] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(id);
            }
        }

        if (record is null)
        {
            _tables[type].Remove(id);
        }
        else
        {
            _tables[type][id] = record;
        }
    }

    private Dictionary<string, object?> Convert(SalesforceObjectType type, JsonObject body, bool creating, out List<SalesforceError> errors, Dictionary<string, object?>? existing = null)
    {
        errors = [];
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, node) in body)
        {
            if (key.Equals("attributes", StringComparison.OrdinalIgnoreCase) || (!creating && key.Equals("Id", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var field = IsHidden(type.Name, key) ? null : type.Field(key);
            if (field is null && node is JsonObject reference && type.Fields.FirstOrDefault(f => f.Type == SalesforceFieldType.Reference && key.Equals(f.RelationshipName, StringComparison.OrdinalIgnoreCase)) is { } lookup)
            {
                // A parent given by its external id: "Account": {"PK_ExternalId__c": "C-001"}; polymorphic ones name the type in attributes.
                var resolved = ResolveReference(lookup, reference, out var referenceError);
                if (referenceError is not null)
                {
                    errors.Add(referenceError);
                }
                else if (creating ? !lookup.Createable : !lookup.Updateable)
                {
                    // Same parent as before is accepted on update (migration tools resend it); a different one is not.
                    if (creating || existing is null || !Equals(resolved, existing[lookup.Name]))
                    {
                        errors.Add(new SalesforceError("INVALID_FIELD_FOR_INSERT_UPDATE", $"Unable to {(creating ? "create" : "update")} fields: {lookup.Name}.", [lookup.Name]));
                    }
                }
                else
                {
                    values[lookup.Name] = resolved;
                }

                continue;
            }

            if (field is null)
            {
                errors.Add(new SalesforceError("INVALID_FIELD", $"No such column '{key}' on sobject of type {type.Name}", [key]));
                continue;
            }

            if (creating ? !field.Createable : !field.Updateable)
            {
                errors.Add(new SalesforceError(
                    "INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to {(creating ? "create" : "update")} fields: {field.Name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    [field.Name]));
                continue;
            }

            var value = SalesforceValues.FromJson(field, node, out var error);
            if (error is not null)
            {
                var code = error.Contains("too large", StringComparison.Ordinal) ? "STRING_TOO_LONG" : "INVALID_TYPE_ON_FIELD_IN_RECORD";
                errors.Add(new SalesforceError(code, error, [field.Name]));
                continue;
            }

            values[field.Name] = value;
        }

        return values;
    }

    /// <summary>Resolves <c>{"attributes":{"type":"Contact"},"PK_ExternalId__c":"R-1"}</c> to the parent's Id.</summary>
    private string? ResolveReference(SalesforceField lookup, JsonObject reference, out SalesforceError? error)
    {
        error = null;
        var targetName = reference["attributes"]?["type"]?.GetValue<string>() ?? (lookup.ReferenceTo.Count == 1 ? lookup.ReferenceTo[0] : null);
        var target = targetName is null ? null : SalesforceSchema.Find(targetName);
        if (target is null || !lookup.ReferenceTo.Contains(target.Name, StringComparer.OrdinalIgnoreCase))
        {
            error = new SalesforceError("INVALID_FIELD", $"Polymorphic relationship {lookup.RelationshipName} needs attributes.type, one of {string.Join(", ", lookup.ReferenceTo)}", [lookup.Name]);
            return null;
        }

        var pair = reference.FirstOrDefault(p => !p.Key.Equals("attributes", StringComparison.OrdinalIgnoreCase));
        var keyField = pair.Key is null ? null : target.Field(pair.Key);
        if (keyField is null || !(keyField.ExternalId || keyField.Name == "Id"))
        {
            error = new SalesforceError("INVALID_FIELD", $"Foreign key external ID field {pair.Key} does not exist or is not an external id on {target.Name}", [lookup.Name]);
            return null;
        }

        var value = pair.Value?.ToString() ?? string.Empty;
        var matches = keyField.Name == "Id" ? (SalesforceIds.Normalize(value) is { } id && Find(id) is { } r && !IsDeleted(r) ? [id] : []) : Lookup(target.Name, keyField.Name, value).ToList();
        if (matches.Count != 1)
        {
            error = new SalesforceError(
                matches.Count == 0 ? "INVALID_FIELD" : "DUPLICATE_EXTERNAL_ID",
                matches.Count == 0 ? $"Foreign key external ID: {value} not found for field {keyField.Name} in entity {target.Name}" : $"Foreign key external ID: {value} matches more than one {target.Name}",
                [lookup.Name]);
            return null;
        }

        return matches[0];
    }

    private SalesforceError? CheckAndStamp(SalesforceObjectType type, string id, Dictionary<string, object?> record, DateTimeOffset now)
    {
        foreach (var field in type.Fields)
        {
            if (field.Type == SalesforceFieldType.Reference && field.Createable && record[field.Name] is string target)
            {
                var targetRecord = Find(target);
                var targetType = SalesforceSchema.ForId(target);
                if (targetRecord is null || IsDeleted(targetRecord) || targetType is null || !field.ReferenceTo.Contains(targetType.Name))
                {
                    return new SalesforceError("INVALID_CROSS_REFERENCE_KEY", $"invalid cross reference id: {field.Name}", [field.Name]);
                }
            }

            if (field.Unique && record[field.Name] is string unique)
            {
                var clash = Lookup(type.Name, field.Name, unique).FirstOrDefault(other => other != id);
                if (clash is not null)
                {
                    return new SalesforceError("DUPLICATE_VALUE", $"duplicate value found: {field.Name} duplicates value on record with id: {clash}", [field.Name]);
                }
            }
        }

        switch (type.Name)
        {
            case "Contact" or "User":
                record["Name"] = string.Join(' ', new[] { record["FirstName"] as string, record["LastName"] as string }.Where(s => !string.IsNullOrEmpty(s)));
                break;
            case "Opportunity":
                var stage = record["StageName"] as string;
                record["IsClosed"] = stage is "Closed Won" or "Closed Lost";
                record["IsWon"] = stage is "Closed Won";
                break;
            case "Task":
                record["IsClosed"] = record["Status"] as string == "Completed";
                record["AccountId"] = DeriveAccount(record);
                break;
            case "Event":
                record["AccountId"] = DeriveAccount(record);
                break;
            case "AccountContactRelation":
                record["IsDirect"] = record["ContactId"] is string c && Find(c)?["AccountId"] as string == record["AccountId"] as string;
                break;
        }

        record["LastModifiedDate"] = now;
        record["LastModifiedById"] = UserId;
        record["SystemModstamp"] = now;
        return null;
    }

    private string? DeriveAccount(Dictionary<string, object?> record)
    {
        if (record["WhatId"] is string what)
        {
            var target = Find(what);
            if (what.StartsWith("001", StringComparison.Ordinal))
            {
                return what;
            }

            if (target?["AccountId"] is string viaWhat)
            {
                return viaWhat;
            }
        }

        return record["WhoId"] is string who ? Find(who)?["AccountId"] as string : null;
    }
}
