namespace PartnerKarte.Handover;

/// <summary>A handover was requested for a rep or user that is not in the karte.</summary>
public sealed class HandoverSubjectNotFoundException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    public HandoverSubjectNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public HandoverSubjectNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HandoverSubjectNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The missing subject, e.g. <c>rep:r9</c>.</summary>
    public string? Subject { get; init; }
}
