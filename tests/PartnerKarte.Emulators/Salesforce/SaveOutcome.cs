namespace PartnerKarte.Emulators.Salesforce;

/// <summary>The result of one DML operation on one record.</summary>
internal sealed record SaveOutcome(string? Id, bool Created, IReadOnlyList<SalesforceError> Errors)
{
    public bool Success => Errors.Count == 0;

    public static SaveOutcome Fail(SalesforceError error, string? id = null) => new(id, false, [error]);

    public static SaveOutcome Fail(IReadOnlyList<SalesforceError> errors, string? id = null) => new(id, false, errors);
}
