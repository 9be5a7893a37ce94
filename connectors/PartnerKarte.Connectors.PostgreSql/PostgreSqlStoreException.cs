namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>The PostgreSQL store could not be opened or written; nothing was changed by the failed step.</summary>
public sealed class PostgreSqlStoreException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="location">Where the store is (host, database and schema; never a password).</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="message">A message naming the store and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PostgreSqlStoreException(string location, PostgreSqlStoreProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Location = location;
        Problem = problem;
    }

    /// <summary>Where the store is: host, port, database and schema (never a password).</summary>
    public string Location { get; }

    /// <summary>What is wrong.</summary>
    public PostgreSqlStoreProblem Problem { get; }
}
