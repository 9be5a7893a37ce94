namespace PartnerKarte.Connectors.Sqlite;

/// <summary>Why a store file could not be opened.</summary>
public enum SqliteStoreProblem
{
    /// <summary>The file is not a SQLite database (another kind of file, or a damaged header).</summary>
    NotADatabase = 0,

    /// <summary>The file is a SQLite database that belongs to another application.</summary>
    ForeignDatabase = 1,

    /// <summary>The file is a PartnerKarte store whose schema is newer than this version understands.</summary>
    NewerSchema = 2,

    /// <summary>The file is a PartnerKarte store but its content is damaged.</summary>
    Corrupt = 3,

    /// <summary>The file does not exist and <see cref="SqliteStoreOptions.CreateIfMissing"/> is off.</summary>
    NotFound = 4,

    /// <summary>Another process holds the store's write lock for longer than the busy timeout.</summary>
    Locked = 5,

    /// <summary>The store file or its folder cannot be written (permissions, a read-only file system).</summary>
    ReadOnly = 6,

    /// <summary>The disk holding the store is full.</summary>
    DiskFull = 7,
}
