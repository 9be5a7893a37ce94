namespace PartnerKarte.Emulators.Dataverse;

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
