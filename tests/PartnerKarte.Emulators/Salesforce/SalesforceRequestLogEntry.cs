namespace PartnerKarte.Emulators.Salesforce;

/// <summary>One request the emulator answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query string.</param>
/// <param name="StatusCode">The status sent.</param>
/// <param name="Kind">What kind of call it was.</param>
/// <param name="CountedAsApiCall">Whether it counted toward the daily API usage.</param>
public sealed record SalesforceRequestLogEntry(string Method, string Path, int StatusCode, SalesforceApiCallKind Kind, bool CountedAsApiCall)
{
    /// <summary>For a collections write: the sObject types of its records (<c>attributes.type</c>), distinct, in order.</summary>
    public IReadOnlyList<string> RecordTypes { get; init; } = [];

    /// <summary>For a query page: the number of records it carried.</summary>
    public int Records { get; init; }
}
