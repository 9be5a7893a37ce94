using System.ComponentModel.DataAnnotations;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>Options of the embedded SQLite store (configuration section <c>PartnerKarte:Sqlite</c>).</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Sqlite";

    /// <summary>
    /// The database file, for example <c>partnerkarte.db</c>. Required. In a host (with an <c>IHostEnvironment</c>) a relative
    /// path is resolved against the content root, not the working directory; elsewhere against the working directory.
    /// <c>:memory:</c> keeps the store in memory for as long as the store object lives (tests, one-off runs).
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} is required: the SQLite store file, for example partnerkarte.db.")]
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Whether a missing file is created (<c>PartnerKarte:Sqlite:CreateIfMissing</c>). Default <see langword="true"/>; set it to
    /// <see langword="false"/> in a service whose store must already exist, so a wrong path fails instead of starting empty.
    /// </summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// Opens an existing store for reading only: nothing is created or upgraded, and writes fail with
    /// <see cref="SqliteStoreProblem.ReadOnly"/>. A store on a read-only file or folder can be read this way as long as no
    /// <c>-wal</c> file beside it holds pages not yet in the file. Default <see langword="false"/>.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>Records per page of a change read. Default 5000.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 5000;

    /// <summary>Enrichment records per write call (one transaction each). Default 2000.</summary>
    [Range(1, 100_000)]
    public int WriteBatchSize { get; set; } = 2000;

    /// <summary>
    /// How long a write waits for another process (another sync, import or migration) to release the store, in
    /// seconds, before it fails with <see cref="SqliteStoreProblem.Locked"/>. Default 60.
    /// </summary>
    [Range(1, 3600)]
    public int BusyTimeoutSeconds { get; set; } = 60;
}
