namespace PartnerKarte.Connectors.Dataverse;

/// <summary>A Web API call failed after retries (or could not be retried); carries the status and Dataverse's error code.</summary>
public sealed class DataverseRequestFailedException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="errorCode">Dataverse error code (e.g. <c>0x80040217</c>), or empty.</param>
    /// <param name="message">The service's message (never a token or secret).</param>
    public DataverseRequestFailedException(int status, string errorCode, string message)
        : base($"Dataverse answered {status} {errorCode}: {message}")
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The connector name.</summary>
    public string Connector => "dataverse";

    /// <summary>HTTP status.</summary>
    public int Status { get; }

    /// <summary>Dataverse error code.</summary>
    public string ErrorCode { get; }
}
