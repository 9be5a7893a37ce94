namespace PartnerKarte.Emulators.Salesforce;

/// <summary>A Salesforce error: code, message and the fields concerned.</summary>
/// <param name="StatusCode">The code (REQUIRED_FIELD_MISSING…).</param>
/// <param name="Message">The message.</param>
/// <param name="Fields">The fields concerned.</param>
public sealed record SalesforceError(string StatusCode, string Message, IReadOnlyList<string> Fields)
{
    /// <summary>Creates an error without fields.</summary>
    /// <param name="statusCode">The code.</param>
    /// <param name="message">The message.</param>
    public SalesforceError(string statusCode, string message)
        : this(statusCode, message, [])
    {
    }
}
