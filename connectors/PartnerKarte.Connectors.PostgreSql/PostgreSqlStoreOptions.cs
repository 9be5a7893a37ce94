using System.ComponentModel.DataAnnotations;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>
/// Options of the PostgreSQL store (configuration section <c>PartnerKarte:PostgreSql</c>). The server and credentials
/// come from the <see cref="Npgsql.NpgsqlDataSource"/> registered in the service collection.
/// </summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:PostgreSql";

    /// <summary>The PostgreSQL schema (namespace) holding the store's tables. Default <c>partnerkarte</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} is required: the PostgreSQL schema holding the store, for example partnerkarte.")]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "{0} must be a lower-case PostgreSQL identifier (letters, digits, underscores; at most 63 characters).")]
    public string Schema { get; set; } = "partnerkarte";

    /// <summary>Whether a missing schema is created (with its tables). Default <see langword="true"/>.</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>Records per page of a change read. Default 5000.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 5000;

    /// <summary>Enrichment records per write call (one transaction each). Default 2000.</summary>
    [Range(1, 100_000)]
    public int WriteBatchSize { get; set; } = 2000;

    /// <summary>Parallel calls the sync may make (each on its own pooled connection). Default 4.</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = 4;
}
