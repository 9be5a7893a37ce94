namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>Why the PostgreSQL store could not be opened or written.</summary>
public enum PostgreSqlStoreProblem
{
    /// <summary>The server cannot be reached or refused the login.</summary>
    Unavailable = 0,

    /// <summary>The PostgreSQL schema holds tables of another application, not a PartnerKarte store.</summary>
    ForeignSchema = 1,

    /// <summary>The store's schema version is newer than this version of PartnerKarte understands.</summary>
    NewerSchema = 2,

    /// <summary>The store holds a value that cannot be read (written by hand or by a damaged tool).</summary>
    Corrupt = 3,

    /// <summary>The PostgreSQL schema does not exist and <see cref="PostgreSqlStoreOptions.CreateIfMissing"/> is off.</summary>
    NotFound = 4,

    /// <summary>The database role may not create or write the store's tables.</summary>
    PermissionDenied = 5,

    /// <summary>The server's disk is full.</summary>
    DiskFull = 6,
}
