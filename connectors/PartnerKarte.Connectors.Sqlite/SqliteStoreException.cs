namespace PartnerKarte.Connectors.Sqlite;

/// <summary>A store file could not be opened; the file was left untouched.</summary>
public sealed class SqliteStoreException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The store file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="message">A message naming the file and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SqliteStoreException(string path, SqliteStoreProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public SqliteStoreProblem Problem { get; }
}
