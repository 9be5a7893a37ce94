namespace PartnerKarte.Emulators.Salesforce;

/// <summary>An emulated sObject type with its fields.</summary>
public sealed class SalesforceObjectType
{
    private readonly Dictionary<string, SalesforceField> _byName;
    private readonly Dictionary<string, SalesforceField> _byRelationship;

    /// <summary>Creates the type.</summary>
    /// <param name="name">API name.</param>
    /// <param name="keyPrefix">Id key prefix.</param>
    /// <param name="fields">The fields.</param>
    public SalesforceObjectType(string name, string keyPrefix, IReadOnlyList<SalesforceField> fields)
    {
        Name = name;
        KeyPrefix = keyPrefix;
        Fields = fields;
        _byName = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _byRelationship = fields.Where(f => f.RelationshipName is not null)
            .ToDictionary(f => f.RelationshipName!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>API name.</summary>
    public string Name { get; }

    /// <summary>Id key prefix.</summary>
    public string KeyPrefix { get; }

    /// <summary>The fields in describe order.</summary>
    public IReadOnlyList<SalesforceField> Fields { get; }

    /// <summary>Finds a field by name, case-insensitively.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field or <see langword="null"/>.</returns>
    public SalesforceField? Field(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Finds a reference field by relationship name (Account for AccountId).</summary>
    /// <param name="relationshipName">The relationship name.</param>
    /// <returns>The field or <see langword="null"/>.</returns>
    public SalesforceField? Relationship(string relationshipName) => _byRelationship.GetValueOrDefault(relationshipName);
}
