namespace PartnerKarte.Connectors.Salesforce;

/// <summary>A Salesforce call failed for good (after retries and, for 401, one re-authentication).</summary>
public class SalesforceRequestException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    public SalesforceRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public SalesforceRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SalesforceRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the failed call's data.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The Salesforce error code (errorCode / error).</param>
    /// <param name="resource">The resource path without query string (never contains data).</param>
    public SalesforceRequestException(string message, int statusCode, string? errorCode, string resource)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Resource = resource;
    }

    /// <summary>The HTTP status (0 when no response).</summary>
    public int StatusCode { get; }

    /// <summary>The Salesforce error code, such as INVALID_FIELD.</summary>
    public string? ErrorCode { get; }

    /// <summary>The resource path, without query string.</summary>
    public string Resource { get; } = string.Empty;

    /// <summary>
    /// <see langword="true"/> for errors only the org's setup or our settings can fix: a field or object the query names
    /// is missing or hidden by permissions (<c>INVALID_FIELD</c>, <c>INVALID_TYPE</c>, <c>INSUFFICIENT_ACCESS…</c>), or the
    /// credentials are refused (<c>invalid_client</c>, <c>invalid_grant</c>).
    /// </summary>
    public override bool IsConfigurationProblem => ErrorCode is "INVALID_FIELD" or "INVALID_TYPE" or "INVALID_FIELD_FOR_INSERT_UPDATE"
        or "INSUFFICIENT_ACCESS" or "INSUFFICIENT_ACCESS_OR_READONLY" or "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY"
        or "invalid_client" or "invalid_client_id" or "invalid_grant" or "unauthorized_client";
}
