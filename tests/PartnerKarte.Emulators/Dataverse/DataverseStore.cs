using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>The in-memory environment: tables, rows, deleted-row log for change tracking, and an undo log for change sets.</summary>
public sealed class DataverseStore
{
    private readonly Dictionary<string, EntitySchema> _byLogical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntitySchema> _bySet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<Guid, EntityRow>> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Guid Id, long Version)>> _deleted = new(StringComparer.Ordinal);
    private List<Action>? _undo;
    private long _version = 1000;

    /// <summary>Creates a store with the given tables.</summary>
    public DataverseStore(IEnumerable<EntitySchema> schemas)
    {
        foreach (var s in schemas)
        {
            _byLogical[s.LogicalName] = s;
            _bySet[s.EntitySetName] = s;
            _rows[s.LogicalName] = [];
            _deleted[s.LogicalName] = [];
        }
    }

    /// <summary>The lock every reader and writer holds.</summary>
    public object Gate { get; } = new();

    /// <summary>The current change version.</summary>
    public long CurrentVersion => Interlocked.Read(ref _version);

    /// <summary>All tables.</summary>
    public IEnumerable<EntitySchema> Schemas => _byLogical.Values;

    /// <summary>A table by logical name, or null.</summary>
    public EntitySchema? Schema(string logicalName) => _byLogical.GetValueOrDefault(logicalName);

    /// <summary>A table by entity set name, or null.</summary>
    public EntitySchema? SchemaBySet(string entitySetName) => _bySet.GetValueOrDefault(entitySetName);

    /// <summary>The rows of a table (caller holds <see cref="Gate"/>).</summary>
    public IReadOnlyCollection<EntityRow> Rows(string logicalName) => _rows[logicalName].Values;

    /// <summary>One row or null (caller holds <see cref="Gate"/>).</summary>
    public EntityRow? Find(string logicalName, Guid id) => _rows[logicalName].GetValueOrDefault(id);

    /// <summary>Rows deleted after a version (caller holds <see cref="Gate"/>).</summary>
    public IEnumerable<(Guid Id, long Version)> DeletedSince(string logicalName, long version) =>
        _deleted[logicalName].Where(d => d.Version > version);

    /// <summary>Takes the next version number.</summary>
    public long NextVersion() => Interlocked.Increment(ref _version);

    /// <summary>Finds a row by alternate key values (caller holds <see cref="Gate"/>), through an index per key.</summary>
    public EntityRow? FindByKey(EntitySchema schema, IReadOnlyDictionary<string, JsonNode?> key)
    {
        var index = Index(schema, key.Keys);
        if (index is null)
        {
            return _rows[schema.LogicalName].Values.FirstOrDefault(row => key.All(kv => SameValue(row.Values[kv.Key], kv.Value)));
        }

        return index.TryGetValue(KeyText(key.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Value)), out var id)
            ? _rows[schema.LogicalName].GetValueOrDefault(id)
            : null;
    }

    private readonly Dictionary<string, (int KeyCount, Dictionary<string, Dictionary<string, Guid>> ByKey)> _indexes = new(StringComparer.Ordinal);

    private static string KeyText(IEnumerable<JsonNode?> values) =>
        string.Join("\u0001", values.Select(v => v is JsonValue jv && jv.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? "s:" + jv.GetValue<string>().ToUpperInvariant()
            : "j:" + v?.ToJsonString()));

    private static string? RowKeyText(EntitySchema schema, AlternateKeySchema k, EntityRow row)
    {
        var props = k.KeyAttributes.Select(a => schema.FindProperty(a)?.PropertyName ?? a).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var values = props.Select(p => row.Values[p]).ToList();
        return values.Any(v => v is null) ? null : KeyText(values);
    }

    /// <summary>The index of the key made of exactly these properties, rebuilt when keys were added.</summary>
    private Dictionary<string, Guid>? Index(EntitySchema schema, IEnumerable<string> properties)
    {
        var wanted = properties.OrderBy(p => p, StringComparer.Ordinal).ToList();
        var key = schema.AlternateKeys.FirstOrDefault(k =>
            k.KeyAttributes.Select(a => schema.FindProperty(a)?.PropertyName ?? a).OrderBy(p => p, StringComparer.Ordinal).SequenceEqual(wanted));
        if (key is null)
        {
            return null;
        }

        if (!_indexes.TryGetValue(schema.LogicalName, out var entry) || entry.KeyCount != schema.AlternateKeys.Count)
        {
            entry = (schema.AlternateKeys.Count, new Dictionary<string, Dictionary<string, Guid>>(StringComparer.Ordinal));
            foreach (var k in schema.AlternateKeys)
            {
                var map = new Dictionary<string, Guid>(StringComparer.Ordinal);
                foreach (var row in _rows[schema.LogicalName].Values)
                {
                    if (RowKeyText(schema, k, row) is { } text)
                    {
                        map[text] = row.Id;
                    }
                }

                entry.ByKey[k.SchemaName] = map;
            }

            _indexes[schema.LogicalName] = entry;
        }

        return entry.ByKey[key.SchemaName];
    }

    private void IndexRow(string logicalName, EntityRow? remove, EntityRow? add)
    {
        if (!_indexes.TryGetValue(logicalName, out var entry))
        {
            return;
        }

        var schema = _byLogical[logicalName];
        foreach (var k in schema.AlternateKeys)
        {
            if (!entry.ByKey.TryGetValue(k.SchemaName, out var map))
            {
                continue;
            }

            if (remove is not null && RowKeyText(schema, k, remove) is { } oldText && map.TryGetValue(oldText, out var id) && id == remove.Id)
            {
                map.Remove(oldText);
            }

            if (add is not null && RowKeyText(schema, k, add) is { } newText)
            {
                map[newText] = add.Id;
            }
        }
    }

    internal static bool SameValue(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is JsonValue va && b is JsonValue vb && va.TryGetValue<string>(out var sa) && vb.TryGetValue<string>(out var sb))
        {
            return string.Equals(sa, sb, StringComparison.OrdinalIgnoreCase);
        }

        return JsonNode.DeepEquals(a, b);
    }

    /// <summary>Adds a row (caller holds <see cref="Gate"/>).</summary>
    public void Insert(string logicalName, EntityRow row)
    {
        _rows[logicalName].Add(row.Id, row);
        IndexRow(logicalName, null, row);
        _undo?.Add(() =>
        {
            _rows[logicalName].Remove(row.Id);
            IndexRow(logicalName, row, null);
        });
    }

    /// <summary>Replaces a row with a changed copy (caller holds <see cref="Gate"/>).</summary>
    public void Replace(string logicalName, EntityRow row)
    {
        var old = _rows[logicalName][row.Id];
        _rows[logicalName][row.Id] = row;
        IndexRow(logicalName, old, row);
        _undo?.Add(() =>
        {
            _rows[logicalName][row.Id] = old;
            IndexRow(logicalName, row, old);
        });
    }

    /// <summary>Deletes a row and logs it for change tracking (caller holds <see cref="Gate"/>).</summary>
    public void Delete(string logicalName, Guid id)
    {
        var old = _rows[logicalName][id];
        _rows[logicalName].Remove(id);
        IndexRow(logicalName, old, null);
        var entry = (id, NextVersion());
        _deleted[logicalName].Add(entry);
        _undo?.Add(() =>
        {
            _rows[logicalName][id] = old;
            IndexRow(logicalName, null, old);
            _deleted[logicalName].Remove(entry);
        });
    }

    /// <summary>Starts recording an undo log (change set).</summary>
    internal void BeginTransaction() => _undo = [];

    /// <summary>Keeps the changes.</summary>
    internal void Commit() => _undo = null;

    /// <summary>Undoes every change since <see cref="BeginTransaction"/>.</summary>
    internal void Rollback()
    {
        if (_undo is null)
        {
            return;
        }

        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo = null;
    }
}
