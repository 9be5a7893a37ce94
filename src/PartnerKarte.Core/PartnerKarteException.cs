namespace PartnerKarte;

/// <summary>The base of every exception PartnerKarte throws on purpose. Subtypes carry the data needed to act on the error.</summary>
public class PartnerKarteException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public PartnerKarteException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public PartnerKarteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The cause.</param>
    public PartnerKarteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the failure is one of configuration, credentials or field mapping: nothing will succeed until someone fixes
    /// the settings or the CRM's setup (a rerun alone does not help). Subtypes that know say so; the default is <see langword="false"/>.
    /// </summary>
    public virtual bool IsConfigurationProblem => false;
}
