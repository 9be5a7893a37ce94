using Npgsql;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>
/// A statement run once per row with its parameters bound by position (the bulk write path). Values are set on <see cref="Parameters"/>, so the row mappers of <see cref="KarteTables"/>
/// serve every path. The statement runs in whatever transaction the connection has open.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly NpgsqlCommand command;

    /// <summary>Creates the statement; its parameters are <c>@name</c> for each of <paramref name="parameterNames"/>.</summary>
    public PreparedStatement(NpgsqlConnection connection, string sql, params string[] parameterNames)
    {
        command = connection.CreateCommand();
        command.CommandText = sql;
        Parameters = new NpgsqlParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            Parameters[i] = command.Parameters.Add(new NpgsqlParameter(parameterNames[i], null));
        }
    }

    /// <summary>The values bound on each <see cref="Execute"/>, in the order of the names given.</summary>
    public NpgsqlParameter[] Parameters { get; }

    /// <summary>Runs the statement with the current parameter values.</summary>
    /// <returns>Whether the statement produced a row (for existence checks).</returns>
    public bool Execute()
    {
        using var reader = command.ExecuteReader();
        return reader.Read();
    }

    public void Dispose() => command.Dispose();
}
