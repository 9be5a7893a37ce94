namespace PartnerKarte.Emulators.Dataverse;

/// <summary>An emulated table.</summary>
public sealed class EntitySchema
{
    private readonly Dictionary<string, AttributeSchema> _attributes = new(StringComparer.Ordinal);
    private readonly List<AlternateKeySchema> _keys = [];

    /// <summary>Creates a table definition.</summary>
    public EntitySchema(string logicalName, string entitySetName, string primaryId, string? primaryName)
    {
        LogicalName = logicalName;
        EntitySetName = entitySetName;
        PrimaryIdAttribute = primaryId;
        PrimaryNameAttribute = primaryName;
    }

    /// <summary>Logical name, e.g. <c>contact</c>.</summary>
    public string LogicalName { get; }

    /// <summary>Entity set name, e.g. <c>contacts</c>.</summary>
    public string EntitySetName { get; }

    /// <summary>Primary key column.</summary>
    public string PrimaryIdAttribute { get; }

    /// <summary>Primary name column.</summary>
    public string? PrimaryNameAttribute { get; }

    /// <summary>Whether change tracking is enabled on the table.</summary>
    public bool ChangeTrackingEnabled { get; set; } = true;

    /// <summary>Metadata id.</summary>
    public Guid MetadataId { get; } = Guid.NewGuid();

    /// <summary>Columns by logical name.</summary>
    public IReadOnlyDictionary<string, AttributeSchema> Attributes => _attributes;

    /// <summary>Alternate keys.</summary>
    public IReadOnlyList<AlternateKeySchema> AlternateKeys => _keys;

    /// <summary>Adds or replaces a column.</summary>
    public EntitySchema Add(AttributeSchema attribute)
    {
        _attributes[attribute.LogicalName] = attribute;
        return this;
    }

    /// <summary>Adds an alternate key.</summary>
    public void AddKey(AlternateKeySchema key) => _keys.Add(key);

    /// <summary>Finds the column behind a Web API property name (<c>_x_value</c> or a plain column).</summary>
    public AttributeSchema? FindProperty(string propertyName)
    {
        if (propertyName.StartsWith('_') && propertyName.EndsWith("_value", StringComparison.Ordinal))
        {
            var name = propertyName[1..^6];
            return _attributes.TryGetValue(name, out var lookup) && lookup.IsLookup ? lookup : null;
        }

        return _attributes.TryGetValue(propertyName, out var a) && !a.IsLookup ? a : null;
    }

    /// <summary>Resolves a single-valued navigation property to its lookup column and target table.</summary>
    public (AttributeSchema Lookup, string Target)? FindNavigation(string navigationProperty)
    {
        foreach (var a in _attributes.Values)
        {
            if (!a.IsLookup || a.Targets is null)
            {
                continue;
            }

            foreach (var t in a.Targets)
            {
                if (NavigationName(a, t) == navigationProperty)
                {
                    return (a, t);
                }
            }
        }

        return null;
    }

    /// <summary>The navigation property name of a lookup for one target table.</summary>
    public string NavigationName(AttributeSchema lookup, string target)
    {
        if (lookup.Targets is { Count: 1 } && lookup.AttributeType != "Customer" && lookup.LogicalName != "regardingobjectid")
        {
            return lookup.LogicalName;
        }

        return lookup.LogicalName == "regardingobjectid"
            ? $"regardingobjectid_{target}_{LogicalName}"
            : $"{lookup.LogicalName}_{target}";
    }
}
