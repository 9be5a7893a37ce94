namespace PartnerKarte.Connectors.Dataverse;

/// <summary>The connector's settings or the environment's tables do not fit; every problem is listed, each naming the option or column.</summary>
public sealed class DataverseConfigurationException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">One sentence per problem; no secrets.</param>
    public DataverseConfigurationException(IReadOnlyList<string> problems)
        : base("Dataverse connector configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
    {
        Problems = problems;
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <inheritdoc/>
    public override bool IsConfigurationProblem => true;
}
