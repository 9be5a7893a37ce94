namespace PartnerKarte.Emulators.Salesforce;

/// <summary>A SOQL statement the emulator rejects, with the Salesforce error code to send.</summary>
public sealed class SoqlException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE.</param>
    /// <param name="message">The message.</param>
    public SoqlException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception (MALFORMED_QUERY).</summary>
    public SoqlException()
        : this("MALFORMED_QUERY", "malformed query")
    {
    }

    /// <summary>Creates the exception (MALFORMED_QUERY).</summary>
    /// <param name="message">The message.</param>
    public SoqlException(string message)
        : this("MALFORMED_QUERY", message)
    {
    }

    /// <summary>Creates the exception (MALFORMED_QUERY).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SoqlException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "MALFORMED_QUERY";
    }

    /// <summary>The Salesforce error code.</summary>
    public string ErrorCode { get; } = "MALFORMED_QUERY";
}
