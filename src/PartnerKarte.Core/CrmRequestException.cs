namespace PartnerKarte;

/// <summary>
/// A call to a CRM (Salesforce, Dataverse) failed for good: after the retries the service calls transient and, for an
/// expired token, one re-authentication. Carries the HTTP status and the service's own error code, so a caller can act
/// on the failure without parsing the message; the message never contains a token, a secret or record data.
/// </summary>
public class CrmRequestException : PartnerKarteException
{
    /// <summary>Creates the exception with no message.</summary>
    public CrmRequestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CrmRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CrmRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the failed call's data.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="connector">The connector's name, such as <c>salesforce</c> or <c>dataverse</c>.</param>
    /// <param name="statusCode">The HTTP status, or 0 when there was no response.</param>
    /// <param name="errorCode">The service's error code (Salesforce <c>INVALID_FIELD</c>, Dataverse <c>0x80040217</c>), or <see langword="null"/>.</param>
    /// <param name="resource">The resource path without query string (never contains data), or <see langword="null"/>.</param>
    /// <param name="isConfigurationProblem">Whether only the CRM's setup or the settings can fix the failure.</param>
    public CrmRequestException(string message, string connector, int statusCode, string? errorCode, string? resource = null, bool isConfigurationProblem = false)
        : base(message)
    {
        Connector = connector;
        StatusCode = statusCode;
        ErrorCode = string.IsNullOrEmpty(errorCode) ? null : errorCode;
        Resource = resource ?? string.Empty;
        ConfigurationProblem = isConfigurationProblem;
    }

    /// <summary>The connector's name, such as <c>salesforce</c> or <c>dataverse</c>; empty when unknown.</summary>
    public string Connector { get; } = string.Empty;

    /// <summary>The HTTP status; 0 when the service gave no response.</summary>
    public int StatusCode { get; }

    /// <summary>The service's error code, such as <c>INVALID_FIELD</c> or <c>0x80040217</c>; <see langword="null"/> when it gave none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The resource path of the failed call, without query string; empty when unknown.</summary>
    public string Resource { get; } = string.Empty;

    /// <inheritdoc />
    public override bool IsConfigurationProblem => ConfigurationProblem;

    private bool ConfigurationProblem { get; }
}
