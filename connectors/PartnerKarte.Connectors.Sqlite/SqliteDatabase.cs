using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>Opens, recognises and migrates a store file (or an in-memory store), and hands out connections to it.</summary>
internal sealed class SqliteDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>The <see cref="SqliteStoreOptions.Path"/> of a store kept in memory for the life of the process's store object.</summary>
    public const string InMemory = ":memory:";

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    private readonly string connectionString;

    /// <summary>Keeps an in-memory store alive between connections; <see langword="null"/> for a file.</summary>
    private SqliteConnection? keepAlive;

    private SqliteDatabase(string path, int busyTimeoutSeconds, string? memoryName = null, string? readOnlySource = null)
    {
        Path = path;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = memoryName ?? readOnlySource ?? path,
            Mode = memoryName is not null ? SqliteOpenMode.Memory : readOnlySource is not null ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Cache = memoryName is null ? SqliteCacheMode.Default : SqliteCacheMode.Shared,
            Pooling = true,
            DefaultTimeout = busyTimeoutSeconds, // also SQLite's busy timeout: how long a write waits for another process
        }.ToString();
    }

    /// <summary>The page cache of every connection: 32 MB.</summary>
    public const string CacheSizePragma = "PRAGMA cache_size = -32000;";

    public string Path { get; }

    /// <summary>Serialises write transactions inside this process; other processes wait on SQLite's lock (busy timeout).</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>Opens the store, creating it when missing, and migrates it to <paramref name="targetVersion"/> (default: current).</summary>
    public static SqliteDatabase Open(SqliteStoreOptions options, int? targetVersion = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqliteStoreOptionsAnnotations.Keyed.ThrowIfInvalid(options);
        if (options.Path == InMemory)
        {
            // A private shared-cache memory database: every connection of this store sees it, nothing else does.
            var memory = new SqliteDatabase(InMemory, options.BusyTimeoutSeconds, "partnerkarte-" + Guid.NewGuid().ToString("N"));
            memory.keepAlive = memory.OpenConnection();
            memory.Migrate(0, targetVersion ?? SqliteSchema.CurrentVersion);
            memory.StoreId = memory.ReadStoreId();
            return memory;
        }

        var path = System.IO.Path.GetFullPath(options.Path);
        if (options.ReadOnly)
        {
            return OpenReadOnly(path, options.BusyTimeoutSeconds);
        }

        var target = targetVersion ?? SqliteSchema.CurrentVersion;
        var exists = File.Exists(path) && new FileInfo(path).Length > 0;
        if (!File.Exists(path) && !options.CreateIfMissing)
        {
            throw new SqliteStoreException(path, SqliteStoreProblem.NotFound, $"The PartnerKarte store '{path}' does not exist. Check PartnerKarte:Sqlite:Path (a relative path is resolved against the host's content root), or set PartnerKarte:Sqlite:CreateIfMissing to true to create it.");
        }

        var version = 0;
        if (exists)
        {
            version = Inspect(path);
        }

        var db = new SqliteDatabase(path, options.BusyTimeoutSeconds);
        if (!exists)
        {
            var dir = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            using var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            try
            {
                create.Open();
            }
            catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) is 8 or 14)
            {
                throw ReadOnly(path, ex);
            }
        }

        db.Migrate(version, target);
        db.StoreId = db.ReadStoreId();
        return db;
    }

    private static SqliteDatabase OpenReadOnly(string path, int busyTimeoutSeconds)
    {
        if (!File.Exists(path))
        {
            throw new SqliteStoreException(path, SqliteStoreProblem.NotFound, $"The PartnerKarte store '{path}' does not exist. Check PartnerKarte:Sqlite:Path (a relative path is resolved against the host's content root).");
        }

        var source = path;
        int version;
        try
        {
            version = Inspect(path, source);
        }
        catch (SqliteStoreException ex) when (ex.Problem == SqliteStoreProblem.ReadOnly && !(new FileInfo(path + "-wal") is { Exists: true, Length: > 0 }))
        {
            // A read-only folder: SQLite cannot create the -shm file that reading a WAL-mode store goes through. With no
            // -wal file beside it every committed page is in the file, and nobody can change a read-only file, so it is
            // read as immutable (no locks, no -shm).
            source = new Uri(path).AbsoluteUri + "?immutable=1";
            version = Inspect(path, source);
        }

        if (version != SqliteSchema.CurrentVersion)
        {
            throw ReadOnly(path, null); // an older schema is upgraded on the first writable open
        }

        var db = new SqliteDatabase(path, busyTimeoutSeconds, readOnlySource: source);
        db.StoreId = db.ReadStoreId();
        return db;
    }

    /// <summary>Opens the store like <see cref="Open"/>, off the caller's thread (opening may migrate a large file).</summary>
    public static Task<SqliteDatabase> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken = default) =>
        Task.Run(() => Open(options), cancellationToken);

    /// <summary>Closes the store: an in-memory store is dropped, a file's pooled connections are closed.</summary>
    public void Dispose()
    {
        var connection = Interlocked.Exchange(ref keepAlive, null);
        if (connection is not null)
        {
            SqliteConnection.ClearPool(connection);
            connection.Dispose();
            return;
        }

        using var probe = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(probe);
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The store's own identity (a random id created with its schema), or <see langword="null"/> before schema 5.</summary>
    public string? StoreId { get; private set; }

    private string? ReadStoreId()
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = 'store_id'";
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Opens a pooled connection with the per-connection settings.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            // NORMAL is durable against process crashes in WAL mode (the crash-safety guarantee); only an OS crash may lose the last commit.
            cmd.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384; " + CacheSizePragma;
            cmd.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Translate(ex);
        }
    }

    /// <summary>Turns SQLite's corruption and environment codes (locked, read-only, disk full) into a clear store error.</summary>
    public Exception Translate(SqliteException ex) => Translate(Path, ex);

    /// <summary>As <see cref="Translate(SqliteException)"/>, for a store at <paramref name="path"/>.</summary>
    public static Exception Translate(string path, SqliteException ex) => (ex.SqliteErrorCode & 0xFF) switch
    {
        5 or 6 => new SqliteStoreException(path, SqliteStoreProblem.Locked, $"The PartnerKarte store '{path}' is locked by another process (another sync, import or migration?) for longer than the busy timeout. Run again when it has finished; nothing was changed by this step.", ex),
        8 => ReadOnly(path, ex),
        // CANTOPEN: SQLite could not create the file or the -wal/-shm files beside it (a read-only folder or disk).
        14 => ReadOnly(path, ex),
        11 => new SqliteStoreException(path, SqliteStoreProblem.Corrupt, $"The PartnerKarte store '{path}' is damaged (SQLite: {ex.Message}). Restore it from a backup; the file was not changed further.", ex),
        13 => new SqliteStoreException(path, SqliteStoreProblem.DiskFull, $"The disk holding the PartnerKarte store '{path}' is full. Free space and run again; what was committed before stays.", ex),
        26 => new SqliteStoreException(path, SqliteStoreProblem.NotADatabase, $"'{path}' is not a SQLite database. Point PartnerKarte:Sqlite:Path at a PartnerKarte store; the file was left untouched.", ex),
        _ => ex,
    };

    private static SqliteStoreException ReadOnly(string path, SqliteException? ex)
    {
        var name = System.IO.Path.GetFileName(path);
        return new SqliteStoreException(
            path,
            SqliteStoreProblem.ReadOnly,
            $"PartnerKarte ストア '{path}' に書き込めません（ファイルかフォルダーが読み取り専用です）。ファイルとフォルダーを書き込み可能にするか、書き込めるフォルダーにコピーして再実行してください。何も変更していません / "
            + $"The PartnerKarte store '{path}' cannot be written: the file or its folder is read-only (SQLite creates {name}-wal and {name}-shm beside the file, so the folder must be writable too). Make both writable, or copy the store to a writable folder, and run again; nothing was changed.",
            ex);
    }

    /// <summary>Checks an existing file read-only and returns its schema version; throws when it is not ours.</summary>
    private static int Inspect(string path, string? source = null)
    {
        var header = new byte[SqliteHeader.Length];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
            {
                throw new SqliteStoreException(path, SqliteStoreProblem.NotADatabase, $"'{path}' is not a SQLite database (wrong file header). Point PartnerKarte:Sqlite:Path at a PartnerKarte store; the file was left untouched.");
            }
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source ?? path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var applicationId = Scalar(connection, "PRAGMA application_id");
            var version = Scalar(connection, "PRAGMA user_version");
            var objects = Scalar(connection, "SELECT count(*) FROM sqlite_master");
            if (applicationId == 0 && version == 0 && objects == 0)
            {
                return 0; // An empty SQLite file: safe to initialise.
            }

            if (applicationId != SqliteSchema.ApplicationId)
            {
                throw new SqliteStoreException(path, SqliteStoreProblem.ForeignDatabase, $"'{path}' is a SQLite database of another application (application_id {applicationId.ToString(CultureInfo.InvariantCulture)}), not a PartnerKarte store. Choose another file; this one was left untouched.");
            }

            if (version > SqliteSchema.CurrentVersion)
            {
                throw new SqliteStoreException(path, SqliteStoreProblem.NewerSchema, $"The PartnerKarte store '{path}' has schema version {version.ToString(CultureInfo.InvariantCulture)}, newer than this version understands ({SqliteSchema.CurrentVersion.ToString(CultureInfo.InvariantCulture)}). Upgrade PartnerKarte; the file was left untouched.");
            }

            return (int)version;
        }
        catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) is 8 or 14)
        {
            throw ReadOnly(path, ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            throw new SqliteStoreException(path, ex.SqliteErrorCode == 11 ? SqliteStoreProblem.Corrupt : SqliteStoreProblem.NotADatabase, $"The file '{path}' is damaged or not a SQLite database (SQLite: {ex.Message}). Restore it from a backup; the file was left untouched.", ex);
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Migrate(int from, int to)
    {
        using var connection = OpenConnection();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        if (from >= to)
        {
            return;
        }

        using var tx = connection.BeginTransaction();
        // Re-read inside the write transaction: another process may have migrated meanwhile.
        var current = (int)Scalar(connection, "PRAGMA user_version");
        for (var v = current + 1; v <= to; v++)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = SqliteSchema.Migrations[v - 1] + $"\nPRAGMA user_version = {v.ToString(CultureInfo.InvariantCulture)}; PRAGMA application_id = {SqliteSchema.ApplicationId.ToString(CultureInfo.InvariantCulture)};";
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }
}
