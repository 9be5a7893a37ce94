namespace PartnerKarte.Emulators.Salesforce;

/// <summary>One field of an emulated sObject.</summary>
/// <param name="Name">API name in canonical casing.</param>
/// <param name="Type">Field type.</param>
public sealed record SalesforceField(string Name, SalesforceFieldType Type)
{
    /// <summary>Label shown in describe.</summary>
    public string Label { get; init; } = Name;

    /// <summary>Settable on create.</summary>
    public bool Createable { get; init; } = true;

    /// <summary>Settable on update.</summary>
    public bool Updateable { get; init; } = true;

    /// <summary>May be null (required fields are not nillable and not defaulted).</summary>
    public bool Nillable { get; init; } = true;

    /// <summary>Has a default on create (required but not needed in the request).</summary>
    public bool DefaultedOnCreate { get; init; }

    /// <summary>Marked as external id.</summary>
    public bool ExternalId { get; init; }

    /// <summary>Unique values only.</summary>
    public bool Unique { get; init; }

    /// <summary>A custom field (<c>__c</c>).</summary>
    public bool Custom => Name.EndsWith("__c", StringComparison.OrdinalIgnoreCase);

    /// <summary>Maximum length for text fields.</summary>
    public int Length { get; init; }

    /// <summary>Precision of number fields.</summary>
    public int Precision { get; init; }

    /// <summary>Scale of number fields.</summary>
    public int Scale { get; init; }

    /// <summary>Target objects of a reference.</summary>
    public IReadOnlyList<string> ReferenceTo { get; init; } = [];

    /// <summary>Relationship name of a reference (Account for AccountId).</summary>
    public string? RelationshipName { get; init; }

    /// <summary>Picklist values.</summary>
    public IReadOnlyList<string> PicklistValues { get; init; } = [];

    /// <summary>The record's name field.</summary>
    public bool NameField { get; init; }

    /// <summary>Computed by the server (read-only).</summary>
    public bool Calculated { get; init; }
}
