using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Connectors;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Cli;

/// <summary>What every command gets: configuration, settings, output, connectors and the clock.</summary>
internal sealed class CommandContext
{
    public required CliEnvironment Environment { get; init; }

    public required CliOutput Output { get; init; }

    public required CliConfiguration Configuration { get; init; }

    public required ConsoleSettings Settings { get; init; }

    public required ConnectorRegistry Connectors { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    /// <summary>The wall clock: when runs start and finish.</summary>
    public TimeProvider Clock => Environment.Time;

    /// <summary>The instant kartes are evaluated at: <see cref="ConsoleSettings.AsOf"/> (<c>--as-of</c>) when given, so results are reproducible, otherwise now.</summary>
    public DateTimeOffset AsOf => Settings.AsOf ?? Environment.Time.GetUtcNow();

    /// <summary>Connection flags (<c>--connection-string</c>, <c>--url</c>, …) given on the command line.</summary>
    public ConnectorFlags Flags { get; init; } = ConnectorFlags.None;

    public ConnectorContext ConnectorContext => new(Configuration, Settings, Environment) { Flags = Flags };

    /// <summary>Opens the SQLite store; a missing file is bad input unless <paramref name="create"/>.</summary>
    public SqliteKarteConnector OpenStore(bool create = false) => OpenStore(create, readOnly: false);

    /// <summary>
    /// Opens the SQLite store for a command that only reads it. A store that cannot be written (a read-only disk or folder)
    /// is opened read-only instead; a writable one opens as usual, so an older schema is still upgraded.
    /// </summary>
    public SqliteKarteConnector OpenStoreForReading()
    {
        try
        {
            return OpenStore(create: false, readOnly: false);
        }
        catch (SqliteStoreException ex) when (ex.Problem == SqliteStoreProblem.ReadOnly)
        {
            return OpenStore(create: false, readOnly: true);
        }
    }

    private SqliteKarteConnector OpenStore(bool create, bool readOnly)
    {
        if (!create && !File.Exists(Settings.DatabasePath))
        {
            throw CliException.BadInput($"No database at {Settings.DatabasePath}. Run 'partnerkarte demo' first, or set --db / {ConsoleSettings.DatabasePathKey}.");
        }

        return SqliteConnectorModule.Open(ConnectorContext, create, readOnly);
    }

    /// <summary>The connector named by <c>--connector</c> or <see cref="ConsoleSettings.Connector"/>.</summary>
    public KarteConnector CreateConnector(string? name) => Connectors.Create(name ?? Settings.Connector, ConnectorContext);
}
