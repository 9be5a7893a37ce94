using NpgsqlTypes;
using Npgsql;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>
/// Rows of one table upserted a few thousand at a time by one statement over column arrays
/// (<c>INSERT … SELECT * FROM unnest(@c0, @c1, …) ON CONFLICT (id) DO UPDATE …</c>): the bulk path of proposals and
/// interactions. Rows are taken from <see cref="Parameters"/> (set by the row mappers of <see cref="KarteTables"/>); a row
/// whose id is already queued sends the queue first, since one statement may not update a row twice.
/// </summary>
internal sealed class ColumnBatch
{
    /// <summary>Rows per statement.</summary>
    public const int Size = 5000;

    private readonly NpgsqlConnection connection;
    private readonly string sql;
    private readonly NpgsqlDbType[] types;
    private readonly List<object?>[] values;
    private readonly HashSet<string> queued = new(StringComparer.Ordinal);

    /// <summary>Creates the batch for <paramref name="table"/>; <paramref name="types"/> are the column types, <c>seq</c> last.</summary>
    public ColumnBatch(NpgsqlConnection connection, string table, string[] columns, NpgsqlDbType[] types)
    {
        this.connection = connection;
        this.types = types;
        var all = columns.Append("seq").ToArray();
        Parameters = [.. all.Select(c => new NpgsqlParameter(c, null))];
        values = [.. all.Select(_ => new List<object?>(Size))];
        var arrays = string.Join(", ", all.Select((c, i) => $"@p{i}"));
        sql = $"INSERT INTO {table} ({string.Join(", ", all)}) SELECT * FROM unnest({arrays}) " +
              $"ON CONFLICT (id) DO UPDATE SET {string.Join(", ", all.Skip(1).Select(c => $"{c} = excluded.{c}"))}";
    }

    /// <summary>The next row's values, in column order with <c>seq</c> last.</summary>
    public NpgsqlParameter[] Parameters { get; }

    /// <summary>Queues the row whose values are in <see cref="Parameters"/> (its id first).</summary>
    public void Add()
    {
        if (!queued.Add((string)Parameters[0].Value!))
        {
            Flush();
            queued.Add((string)Parameters[0].Value!);
        }

        for (var i = 0; i < Parameters.Length; i++)
        {
            values[i].Add(Parameters[i].Value is DBNull ? null : Parameters[i].Value);
        }

        if (values[0].Count >= Size)
        {
            Flush();
        }
    }

    /// <summary>Sends the queued rows.</summary>
    public void Flush()
    {
        if (values[0].Count == 0)
        {
            return;
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters.Add(new NpgsqlParameter($"p{i}", NpgsqlDbType.Array | types[i]) { Value = ToArray(values[i], types[i]) });
            values[i].Clear();
        }

        cmd.ExecuteNonQuery();
        queued.Clear();
    }

    private static Array ToArray(List<object?> column, NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Integer => column.Select(v => v is null ? (int?)null : Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        NpgsqlDbType.Bigint => column.Select(v => v is null ? (long?)null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        NpgsqlDbType.Double => column.Select(v => v is null ? (double?)null : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ => column.Select(v => (string?)v).ToArray(),
    };
}
