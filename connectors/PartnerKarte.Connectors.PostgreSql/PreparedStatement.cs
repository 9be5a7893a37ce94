using Npgsql;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>
/// A statement run once per row (the bulk write path): each <see cref="Execute"/> appends the statement with the current
/// values of <see cref="Parameters"/> to a shared <see cref="StatementBatch"/>, which sends the rows of every statement in
/// the order they were added, many per round trip. The row mappers of <see cref="KarteTables"/> set the values.
/// </summary>
internal sealed class PreparedStatement
{
    private readonly StatementBatch batch;
    private readonly string sql;

    /// <summary>Creates the statement; its parameters are <c>@name</c> for each of <paramref name="parameterNames"/>.</summary>
    public PreparedStatement(StatementBatch batch, string sql, params string[] parameterNames)
    {
        this.batch = batch;
        this.sql = sql;
        Parameters = [.. parameterNames.Select(n => new NpgsqlParameter(n, null))];
    }

    /// <summary>The values used by the next <see cref="Execute"/>, in the order of the names given.</summary>
    public NpgsqlParameter[] Parameters { get; }

    /// <summary>Queues the statement with the current parameter values.</summary>
    public void Execute() => batch.Add(sql, Parameters);
}
