using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// The run stopped because the org's daily API allocation is used up (REQUEST_LIMIT_EXCEEDED) or the
/// configured API budget for this run is spent. Nothing is half-written: <see cref="CompletedResults"/> holds the
/// records committed in the interrupted call so a checkpoint can record them; rerun later to finish.
/// </summary>
public sealed class SalesforceLimitExceededException : CrmRequestException
{
    /// <summary>Creates the exception.</summary>
    public SalesforceLimitExceededException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public SalesforceLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SalesforceLimitExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the usage figures.</summary>
    /// <param name="message">The message.</param>
    /// <param name="isBudgetGuard">True when the run's own budget stopped it, false when Salesforce refused.</param>
    /// <param name="apiUsed">API calls used in the org's 24-hour window, when known.</param>
    /// <param name="apiLimit">The org's daily allocation, when known.</param>
    public SalesforceLimitExceededException(string message, bool isBudgetGuard, int? apiUsed, int? apiLimit)
        : base(message, SalesforceFailure.Connector, isBudgetGuard ? 0 : 403, isBudgetGuard ? "PK_API_BUDGET_EXHAUSTED" : "REQUEST_LIMIT_EXCEEDED")
    {
        IsBudgetGuard = isBudgetGuard;
        ApiUsed = apiUsed;
        ApiLimit = apiLimit;
    }

    /// <summary>True when the run's own budget guard stopped it; false when Salesforce refused the call.</summary>
    public bool IsBudgetGuard { get; }

    /// <summary>API calls used in the org's 24-hour window, when known.</summary>
    public int? ApiUsed { get; }

    /// <summary>The org's daily allocation, when known.</summary>
    public int? ApiLimit { get; }

    /// <summary>Results of the records already committed by the interrupted write call.</summary>
    public IReadOnlyList<EnrichmentWriteResult> CompletedResults { get; init; } = [];
}
