using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>Recognises and migrates the store's PostgreSQL schema, and hands out connections whose search path is that schema.</summary>
internal sealed class PostgreSqlDatabase
{
    /// <summary>Advisory lock key serialising migrations of any PartnerKarte store on the server ("PKar").</summary>
    private const long MigrationLockKey = 0x504B6172_00000001;

    private readonly NpgsqlDataSource dataSource;
    private readonly string searchPath;

    private PostgreSqlDatabase(NpgsqlDataSource dataSource, string schema)
    {
        this.dataSource = dataSource;
        Schema = schema;
        searchPath = "SET search_path TO " + Identifier(schema);
        var cs = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Location = string.Create(CultureInfo.InvariantCulture, $"{cs.Host}:{cs.Port}/{cs.Database} schema {schema}");
    }

    /// <summary>The store's schema.</summary>
    public string Schema { get; }

    /// <summary>Host, port, database and schema, for messages (no credentials).</summary>
    public string Location { get; }

    /// <summary>The store's own identity (a random id created with its schema).</summary>
    public string StoreId { get; private set; } = string.Empty;

    /// <summary>Opens the store, creating its schema when missing, and migrates it to <paramref name="targetVersion"/> (default: current).</summary>
    public static PostgreSqlDatabase Open(NpgsqlDataSource dataSource, PostgreSqlStoreOptions options, int? targetVersion = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        PostgreSqlStoreOptionsAnnotations.Keyed.ThrowIfInvalid(options);
        var db = new PostgreSqlDatabase(dataSource, options.Schema);
        try
        {
            db.Migrate(options.CreateIfMissing, targetVersion ?? PostgreSqlSchema.CurrentVersion);
        }
        catch (NpgsqlException ex)
        {
            throw db.Translate(ex);
        }

        return db;
    }

    /// <summary>Opens a pooled connection on the store's schema.</summary>
    public NpgsqlConnection OpenConnection()
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = dataSource.OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = searchPath;
            cmd.ExecuteNonQuery();
            return connection;
        }
        catch (NpgsqlException ex)
        {
            connection?.Dispose();
            throw Translate(ex);
        }
    }

    /// <summary>Opens a pooled connection on the store's schema.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var cmd = connection.CreateCommand();
            cmd.CommandText = searchPath;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (NpgsqlException ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw Translate(ex);
        }
    }

    /// <summary>Turns the server's environment errors (unreachable, permissions, disk full) into a clear store error.</summary>
    public Exception Translate(NpgsqlException ex) => ex switch
    {
        PostgresException { SqlState: "42501" } => new PostgreSqlStoreException(Location, PostgreSqlStoreProblem.PermissionDenied, $"The database role may not use the PartnerKarte store at {Location} ({ex.Message}). Grant it the rights on the schema, or use the role that created it; nothing was changed.", ex),
        PostgresException { SqlState: "53100" } => new PostgreSqlStoreException(Location, PostgreSqlStoreProblem.DiskFull, $"The disk of the PostgreSQL server holding {Location} is full. Free space and run again; what was committed before stays.", ex),
        PostgresException { SqlState: "28P01" or "28000" or "3D000" } => new PostgreSqlStoreException(Location, PostgreSqlStoreProblem.Unavailable, $"The PostgreSQL server refused the login or the database for {Location} ({ex.Message}). Check the connection string.", ex),
        PostgresException => ex,
        _ => new PostgreSqlStoreException(Location, PostgreSqlStoreProblem.Unavailable, $"The PostgreSQL server of {Location} cannot be reached ({ex.Message}). Check the connection string and that the server runs.", ex),
    };

    /// <summary>Quotes an identifier (the schema name is validated too, this keeps any name safe).</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void Migrate(bool createIfMissing, int target)
    {
        using var connection = dataSource.OpenConnection();
        var version = Inspect(connection, createIfMissing);
        if (version < target)
        {
            using var tx = connection.BeginTransaction();
            // Another process may be migrating the same store: wait for it, then re-read inside this transaction.
            Execute(connection, "SELECT pg_advisory_xact_lock(@key)", ("key", MigrationLockKey));
            version = Inspect(connection, createIfMissing);
            if (version == 0)
            {
                Execute(connection, "CREATE SCHEMA IF NOT EXISTS " + Identifier(Schema));
            }

            Execute(connection, searchPath);
            for (var v = version + 1; v <= target; v++)
            {
                Execute(connection, PostgreSqlSchema.Migrations[v - 1]);
                if (v == 1)
                {
                    Execute(
                        connection,
                        "INSERT INTO meta (key, value) VALUES ('application', @app), ('store_id', @id), ('erasure_key', @erasure), ('schema_version', '0')",
                        ("app", PostgreSqlSchema.ApplicationMarker),
                        ("id", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
                        ("erasure", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
                }

                Execute(connection, "UPDATE meta SET value = @v WHERE key = 'schema_version'", ("v", v.ToString(CultureInfo.InvariantCulture)));
            }

            tx.Commit();
        }

        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT value FROM " + Identifier(Schema) + ".meta WHERE key = 'store_id'";
            StoreId = cmd.ExecuteScalar() as string ?? string.Empty;
        }
    }

    /// <summary>Reads the schema's version without changing anything; throws when the schema is not a PartnerKarte store or is newer.</summary>
    private int Inspect(NpgsqlConnection connection, bool createIfMissing)
    {
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema), (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind IN ('r', 'v', 'm', 'p', 'f')), EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relname = 'meta' AND c.relkind = 'r')";
            cmd.Parameters.AddWithValue("schema", Schema);
            using var r = cmd.ExecuteReader();
            r.Read();
            var schemaExists = r.GetBoolean(0);
            var tables = r.GetInt64(1);
            var hasMeta = r.GetBoolean(2);
            if (!schemaExists && !createIfMissing)
            {
                throw new PostgreSqlStoreException(Location, PostgreSqlStoreProblem.NotFound, $"The PartnerKarte store {Location} does not exist. Create it with 'partnerkarte migrate' or allow creation (PartnerKarte:PostgreSql:CreateIfMissing).");
            }

            if (tables == 0)
            {
                return 0; // A missing or empty schema: safe to initialise.
            }

            if (!hasMeta)
            {
                throw Foreign();
            }
        }

        string? application;
        string? versionText;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT (SELECT value FROM " + Identifier(Schema) + ".meta WHERE key = 'application'), (SELECT value FROM " + Identifier(Schema) + ".meta WHERE key = 'schema_version')";
            try
            {
                using var r = cmd.ExecuteReader();
                r.Read();
                application = r.IsDBNull(0) ? null : r.GetString(0);
                versionText = r.IsDBNull(1) ? null : r.GetString(1);
            }
            catch (PostgresException ex) when (ex.SqlState is "42703" or "42883" or "42804")
            {
                throw Foreign(ex);
            }
        }

        if (application != PostgreSqlSchema.ApplicationMarker || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw Foreign();
        }

        if (version > PostgreSqlSchema.CurrentVersion)
        {
            throw new PostgreSqlStoreException(Location, PostgreSqlStoreProblem.NewerSchema, $"The PartnerKarte store {Location} has schema version {version.ToString(CultureInfo.InvariantCulture)}, newer than this version understands ({PostgreSqlSchema.CurrentVersion.ToString(CultureInfo.InvariantCulture)}). Upgrade PartnerKarte; the store was left untouched.");
        }

        return version;
    }

    private PostgreSqlStoreException Foreign(Exception? inner = null) =>
        new(Location, PostgreSqlStoreProblem.ForeignSchema, $"The PostgreSQL schema {Location} holds tables of another application, not a PartnerKarte store. Choose another schema (PartnerKarte:PostgreSql:Schema); this one was left untouched.", inner);

    private static void Execute(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
    }
}
