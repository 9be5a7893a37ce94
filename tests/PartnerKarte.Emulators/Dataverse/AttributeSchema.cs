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
