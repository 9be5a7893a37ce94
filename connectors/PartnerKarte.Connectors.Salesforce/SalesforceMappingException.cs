namespace PartnerKarte.Connectors.Salesforce;

/// <summary>The configured field mapping does not match the org: fields are missing or not writable.</summary>
public sealed class SalesforceMappingException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    public SalesforceMappingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public SalesforceMappingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SalesforceMappingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception listing every problem.</summary>
    /// <param name="problems">One entry per field, such as <c>Contact.PK_TrustScore__c: missing</c>.</param>
    public SalesforceMappingException(IReadOnlyList<string> problems)
        : base("The Salesforce field mapping does not match the org (deploy connectors/PartnerKarte.Connectors.Salesforce/metadata or fix PartnerKarte:Salesforce:Fields): "
            + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>The problems, one per object and field.</summary>
    public IReadOnlyList<string> Problems { get; } = [];

    /// <inheritdoc/>
    public override bool IsConfigurationProblem => true;
}
