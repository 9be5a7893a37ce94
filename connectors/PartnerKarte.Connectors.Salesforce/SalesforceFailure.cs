namespace PartnerKarte.Connectors.Salesforce;

/// <summary>Builds the <see cref="CrmRequestException"/> of a failed Salesforce call.</summary>
internal static class SalesforceFailure
{
    /// <summary>The connector name the exceptions carry.</summary>
    public const string Connector = "salesforce";

    /// <summary>The exception for a failed call.</summary>
    /// <param name="message">The message (never a token or record data).</param>
    /// <param name="statusCode">The HTTP status, 0 when there was no response.</param>
    /// <param name="errorCode">The Salesforce error code (errorCode / error).</param>
    /// <param name="resource">The resource path without query string.</param>
    public static CrmRequestException Create(string message, int statusCode = 0, string? errorCode = null, string? resource = null) =>
        new(message, Connector, statusCode, errorCode, resource, IsConfigurationProblem(errorCode));

    /// <summary>
    /// <see langword="true"/> for errors only the org's setup or our settings can fix: a field or object the query names
    /// is missing or hidden by permissions (<c>INVALID_FIELD</c>, <c>INVALID_TYPE</c>, <c>INSUFFICIENT_ACCESS…</c>), or the
    /// credentials are refused (<c>invalid_client</c>, <c>invalid_grant</c>).
    /// </summary>
    public static bool IsConfigurationProblem(string? errorCode) => errorCode is "INVALID_FIELD" or "INVALID_TYPE" or "INVALID_FIELD_FOR_INSERT_UPDATE"
        or "INSUFFICIENT_ACCESS" or "INSUFFICIENT_ACCESS_OR_READONLY" or "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY"
        or "invalid_client" or "invalid_client_id" or "invalid_grant" or "unauthorized_client";
}
