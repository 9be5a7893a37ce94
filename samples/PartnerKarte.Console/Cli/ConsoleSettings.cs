namespace PartnerKarte.Console.Cli;

/// <summary>The console's own settings, read and checked once at start (connectors bind their own sections).</summary>
internal sealed record ConsoleSettings
{
    /// <summary>The SQLite store: the karte for the <c>sqlite</c> connector and the sync state for every connector.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The connector <c>sync</c> uses by default.</summary>
    public required string Connector { get; init; }

    /// <summary>Enrichment records per write batch, or <see langword="null"/> for the connector's maximum.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Concurrent write batches, or <see langword="null"/> for the connector's maximum.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>A pause before each write batch in milliseconds (spares a CRM's API limits), or <see langword="null"/> for none.</summary>
    public int? WritePauseMs { get; init; }

    /// <summary>Days between automatic full refreshes of the sync's local state, or <see langword="null"/> for none.</summary>
    public int? FullRefreshEveryDays { get; init; }

    /// <summary>The retention period in months for statements, concerns and personality data of inactive reps, or <see langword="null"/> (off).</summary>
    public int? RetentionMonths { get; init; }

    /// <summary>Whether <c>sync</c> writes follow-up tasks into the CRM (<c>Sync:FollowUpTasks</c>, off by default).</summary>
    public bool FollowUpTasks { get; init; }

    /// <summary>A fixed "now" for scoring (reproducible runs), or <see langword="null"/> for the clock.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The seed of the demo data.</summary>
    public int DemoSeed { get; init; }

    public const string DatabasePathKey = "PartnerKarte:Sqlite:Path";
    public const string ConnectorKey = "PartnerKarte:Connector";
    public const string BatchSizeKey = "PartnerKarte:Sync:BatchSize";
    public const string MaxParallelismKey = "PartnerKarte:Sync:MaxParallelism";
    public const string AsOfKey = "PartnerKarte:Sync:AsOf";
    public const string WritePauseMsKey = "PartnerKarte:Sync:WritePauseMs";
    public const string FullRefreshEveryDaysKey = "PartnerKarte:Sync:FullRefreshEveryDays";
    public const string RetentionMonthsKey = "PartnerKarte:Sync:RetentionMonths";
    public const string FollowUpTasksKey = "PartnerKarte:Sync:FollowUpTasks";
    public const string DemoSeedKey = "PartnerKarte:Demo:Seed";

    public static ConsoleSettings Read(CliConfiguration config, IReadOnlyCollection<string> connectors, CliEnvironment env) => new()
    {
        DatabasePath = env.ResolvePath(config.GetString(DatabasePathKey, "partnerkarte.db")!),
        Connector = config.GetChoice(ConnectorKey, connectors) ?? "sqlite",
        BatchSize = config.GetInt(BatchSizeKey, 1, 100_000),
        MaxParallelism = config.GetInt(MaxParallelismKey, 1, 64),
        AsOf = config.GetInstant(AsOfKey),
        WritePauseMs = config.GetInt(WritePauseMsKey, 0, 600_000),
        FullRefreshEveryDays = config.GetInt(FullRefreshEveryDaysKey, 1, 3650),
        RetentionMonths = config.GetInt(RetentionMonthsKey, 1, 1200),
        FollowUpTasks = config.GetBool(FollowUpTasksKey) ?? false,
        DemoSeed = config.GetInt(DemoSeedKey, int.MinValue, int.MaxValue) ?? new SampleData.SampleKarteOptions().Seed,
    };
}
