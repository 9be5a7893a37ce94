using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>The embedded SQLite store (section <c>Sqlite</c>): the default connector and the sync-state store of all.</summary>
internal sealed class SqliteConnectorModule
{
    public const string PageSizeKey = "PartnerKarte:Sqlite:PageSize";
    public const string WriteBatchSizeKey = "PartnerKarte:Sqlite:WriteBatchSize";


    /// <summary>Opens the store; <paramref name="readOnly"/> for commands that only read it (they work on a read-only disk too).</summary>
    public static SqliteKarteConnector Open(ConnectorContext context, bool create, bool readOnly = false)
    {
        var options = new SqliteStoreOptions
        {
            Path = context.Settings.DatabasePath,
            CreateIfMissing = create,
            ReadOnly = readOnly,
        };
        if (context.Configuration.GetInt(PageSizeKey, 1, 1_000_000) is int page)
        {
            options.PageSize = page;
        }

        if (context.Configuration.GetInt(WriteBatchSizeKey, 1, 1_000_000) is int write)
        {
            options.WriteBatchSize = write;
        }

        if (!create && !File.Exists(options.Path))
        {
            throw CliException.BadInput($"No database at {options.Path}. Run 'partnerkarte demo' first, or set --db / {ConsoleSettings.DatabasePathKey}.");
        }

        return new SqliteKarteConnector(options);
    }
}
