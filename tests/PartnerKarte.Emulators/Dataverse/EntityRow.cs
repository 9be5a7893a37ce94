using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>One stored row: Web API property values (lookups as <c>_x_value</c>), version and lookup targets.</summary>
public sealed class EntityRow
{
    /// <summary>Creates a row.</summary>
    public EntityRow(Guid id, JsonObject values)
    {
        Id = id;
        Values = values;
    }

    /// <summary>Primary key.</summary>
    public Guid Id { get; }

    /// <summary>Property values by Web API property name.</summary>
    public JsonObject Values { get; }

    /// <summary>Row version (also the ETag and the change-tracking version).</summary>
    public long Version { get; set; }

    /// <summary>Target table of each set lookup, by lookup logical name.</summary>
    public Dictionary<string, string> LookupTargets { get; } = new(StringComparer.Ordinal);

    /// <summary>The weak ETag.</summary>
    public string ETag => $"W/\"{Version}\"";

    internal EntityRow Clone()
    {
        var copy = new EntityRow(Id, (JsonObject)Values.DeepClone()) { Version = Version };
        foreach (var kv in LookupTargets)
        {
            copy.LookupTargets[kv.Key] = kv.Value;
        }

        return copy;
    }
}
