namespace PartnerKarte.Emulators.Dataverse;

/// <summary>A column of an emulated table, as EntityDefinitions/Attributes describes it.</summary>
/// <param name="LogicalName">Lower-case logical name (the Web API property name, except lookups: <c>_x_value</c>).</param>
/// <param name="AttributeType">Dataverse AttributeType: String, Memo, Integer, BigInt, Decimal, Double, Money, Boolean, DateTime, DateOnly, Picklist, State, Status, Lookup, Customer, Owner, Uniqueidentifier.</param>
/// <param name="Targets">For lookups: the tables the lookup can point at.</param>
/// <param name="MaxLength">For strings: the maximum length.</param>
/// <param name="IsCustom">Whether an admin added it (pk_ columns).</param>
/// <param name="ReadOnly">Computed or system column that a client cannot set.</param>
public sealed record AttributeSchema(
    string LogicalName,
    string AttributeType,
    IReadOnlyList<string>? Targets = null,
    int? MaxLength = null,
    bool IsCustom = false,
    bool ReadOnly = false)
{
    /// <summary>Stable metadata id.</summary>
    public Guid MetadataId { get; init; } = Guid.NewGuid();

    /// <summary>Schema name (mixed case for custom columns).</summary>
    public string SchemaName { get; init; } = LogicalName;

    /// <summary>For choice columns: the option values of the option set; null accepts any integer.</summary>
    public IReadOnlyList<int>? Options { get; init; }

    /// <summary>Whether the column is a lookup (stored as <c>_x_value</c>).</summary>
    public bool IsLookup => AttributeType is "Lookup" or "Customer" or "Owner";

    /// <summary>The Web API property that carries the value.</summary>
    public string PropertyName => IsLookup ? "_" + LogicalName + "_value" : LogicalName;

    /// <summary>The EDM type name used in messages.</summary>
    public string EdmType => AttributeType switch
    {
        "String" or "Memo" => "Edm.String",
        "Integer" or "Picklist" or "State" or "Status" => "Edm.Int32",
        "BigInt" => "Edm.Int64",
        "Decimal" or "Money" => "Edm.Decimal",
        "Double" => "Edm.Double",
        "Boolean" => "Edm.Boolean",
        "DateTime" => "Edm.DateTimeOffset",
        "DateOnly" => "Edm.Date",
        _ => "Edm.Guid",
    };
}

/// <summary>An alternate key of a table.</summary>
/// <param name="SchemaName">The key's name.</param>
/// <param name="KeyAttributes">The columns that make up the key.</param>
public sealed record AlternateKeySchema(string SchemaName, IReadOnlyList<string> KeyAttributes)
{
    /// <summary>
    /// <c>EntityKeyIndexStatus</c>: Pending, InProgress, Active or Failed. Dataverse builds the key's index in a background
    /// job after the key is created; only an Active key can be used.
    /// </summary>
    public string IndexStatus { get; set; } = "Active";
}

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
