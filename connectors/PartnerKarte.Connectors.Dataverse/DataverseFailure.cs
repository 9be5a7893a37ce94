namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Builds the <see cref="CrmRequestException"/> of a failed Dataverse Web API call.</summary>
internal static class DataverseFailure
{
    /// <summary>The connector name the exceptions carry.</summary>
    public const string Connector = "dataverse";

    /// <summary>The exception for a call that failed after retries (or could not be retried).</summary>
    /// <param name="status">HTTP status, 0 when there was no response.</param>
    /// <param name="errorCode">Dataverse error code (e.g. <c>0x80040217</c>), or empty.</param>
    /// <param name="message">The service's message (never a token or secret).</param>
    public static CrmRequestException Create(int status, string errorCode, string message) =>
        new($"Dataverse answered {status} {errorCode}: {message}", Connector, status, errorCode);
}
