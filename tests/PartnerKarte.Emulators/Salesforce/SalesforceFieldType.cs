namespace PartnerKarte.Emulators.Salesforce;

/// <summary>The field types the emulator models (describe's <c>type</c> values).</summary>
public enum SalesforceFieldType
{
    /// <summary>Record id.</summary>
    Id,

    /// <summary>Short text.</summary>
    String,

    /// <summary>Long text.</summary>
    TextArea,

    /// <summary>Boolean.</summary>
    Boolean,

    /// <summary>Integer.</summary>
    Int,

    /// <summary>Floating-point number.</summary>
    Double,

    /// <summary>Currency amount.</summary>
    Currency,

    /// <summary>Percentage.</summary>
    Percent,

    /// <summary>Date without time.</summary>
    Date,

    /// <summary>Instant.</summary>
    DateTime,

    /// <summary>Single-select picklist.</summary>
    Picklist,

    /// <summary>Multi-select picklist.</summary>
    MultiPicklist,

    /// <summary>Lookup to another record.</summary>
    Reference,

    /// <summary>Email address.</summary>
    Email,

    /// <summary>Phone number.</summary>
    Phone,

    /// <summary>URL.</summary>
    Url,
}
