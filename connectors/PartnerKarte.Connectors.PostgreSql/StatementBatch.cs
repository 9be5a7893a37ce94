using Npgsql;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>
/// Statements queued in order and sent <see cref="Size"/> at a time in one round trip (an <see cref="NpgsqlBatch"/>), in
/// the transaction the connection has open. <see cref="Flush"/> sends what is queued; call it before the commit.
/// </summary>
internal sealed class StatementBatch(NpgsqlConnection connection) : IDisposable
{
    /// <summary>Statements per round trip.</summary>
    public const int Size = 1000;

    private readonly NpgsqlBatch batch = new(connection);

    /// <summary>Queues a statement with copies of the parameters' current values; sends the queue when it is full.</summary>
    public void Add(string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(p.ParameterName, p.Value ?? DBNull.Value));
        }

        batch.BatchCommands.Add(command);
        if (batch.BatchCommands.Count >= Size)
        {
            Flush();
        }
    }

    /// <summary>Sends the queued statements.</summary>
    public void Flush()
    {
        if (batch.BatchCommands.Count == 0)
        {
            return;
        }

        batch.ExecuteNonQuery();
        batch.BatchCommands.Clear();
    }

    public void Dispose() => batch.Dispose();
}
