using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>
/// A statement prepared once on an open connection and run per row with its parameters bound by position: the
/// bulk write path. <see cref="SqliteCommand"/> looks every parameter up by name on every execution, which was
/// about half the time of a large upsert. Values are read from <see cref="Parameters"/>, so the row mappers of
/// <see cref="KarteTables"/> serve both paths; they bind as <see cref="SqliteCommand"/> would (text, integer,
/// real, blob, null). The statement joins whatever transaction the connection has open.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt stmt;
    private readonly int[] indexes;

    /// <summary>Prepares <paramref name="sql"/>, whose parameters are <c>$name</c> for each of <paramref name="parameterNames"/>.</summary>
    public PreparedStatement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out stmt), db);
        Parameters = new SqliteParameter[parameterNames.Length];
        indexes = new int[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            var name = "$" + parameterNames[i];
            Parameters[i] = new SqliteParameter(name, null);
            indexes[i] = raw.sqlite3_bind_parameter_index(stmt, name);
            if (indexes[i] == 0)
            {
                stmt.Dispose();
                throw new InvalidOperationException($"The statement has no parameter {name}: {sql}");
            }
        }
    }

    /// <summary>The values bound on each <see cref="Execute"/>, in the order of the names given.</summary>
    public SqliteParameter[] Parameters { get; }

    /// <summary>Binds the current parameter values, runs the statement and resets it for the next row.</summary>
    /// <returns>Whether the statement produced a row (for existence checks).</returns>
    public bool Execute()
    {
        for (var i = 0; i < indexes.Length; i++)
        {
            Bind(indexes[i], Parameters[i].Value);
        }

        var rc = raw.sqlite3_step(stmt);
        if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            try
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
            finally
            {
                raw.sqlite3_reset(stmt);
            }
        }

        raw.sqlite3_reset(stmt);
        return rc == raw.SQLITE_ROW;
    }

    public void Dispose() => stmt.Dispose();

    private void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(stmt, index),
            string text => raw.sqlite3_bind_text(stmt, index, text),
            int n => raw.sqlite3_bind_int64(stmt, index, n),
            long n => raw.sqlite3_bind_int64(stmt, index, n),
            double d => raw.sqlite3_bind_double(stmt, index, d),
            bool b => raw.sqlite3_bind_int64(stmt, index, b ? 1 : 0),
            byte[] bytes => raw.sqlite3_bind_blob(stmt, index, bytes),
            _ => throw new InvalidOperationException($"A {value.GetType().Name} cannot be bound to a SQLite parameter; convert it in KarteTables."),
        };
        SqliteException.ThrowExceptionForRC(rc, db);
    }
}
