using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Cli;
using PartnerKarte.Console.Connectors;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Migration;

/// <summary>Opens the connectors of <c>import</c> and <c>migrate</c>; a sqlite end may name its own file.</summary>
internal static class MigrationConnectors
{
    /// <summary>A connector by name; for sqlite, the store at <paramref name="sqlitePath"/> (default <c>--db</c>), created when <paramref name="create"/>.</summary>
    public static KarteConnector Open(CommandContext ctx, string name, string? sqlitePath, bool create)
    {
        if (string.Equals(name, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = sqlitePath is null ? ctx.Settings.DatabasePath : ctx.Environment.ResolvePath(sqlitePath);
            return SqliteConnectorModule.Open(ctx.ConnectorContext with { Settings = ctx.Settings with { DatabasePath = path } }, create);
        }

        if (sqlitePath is not null)
        {
            throw CliException.BadInput($"A database path was given for the {name} connector; it applies to sqlite only.");
        }

        return ctx.CreateConnector(name);
    }

    /// <summary>Whether <paramref name="name"/> is sqlite and its store file does not exist yet.</summary>
    public static bool IsMissingSqliteStore(CommandContext ctx, string name, string? sqlitePath) =>
        string.Equals(name, "sqlite", StringComparison.OrdinalIgnoreCase)
        && !File.Exists(sqlitePath is null ? ctx.Settings.DatabasePath : ctx.Environment.ResolvePath(sqlitePath));

    public static KarteConnector OpenTarget(CommandContext ctx, string name, string? sqlitePath)
    {
        var target = Open(ctx, name, sqlitePath, create: true);
        if (!target.Capabilities.SupportsKarteUpsert)
        {
            throw CliException.BadInput($"The {target.Name} connector cannot be written to (it does not support karte upserts in this build).");
        }

        return target;
    }

    /// <summary>The companies and reps already in a connector (for dedup against the target).</summary>
    public static async Task<KarteDataSet> LoadCompaniesAndRepsAsync(KarteConnector connector, CancellationToken cancellationToken)
    {
        var companies = new Dictionary<CompanyId, PartnerCompany>();
        var reps = new Dictionary<RepId, PartnerRep>();
        await foreach (var page in connector.ReadChangesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var c in page.Companies)
            {
                companies[c.Id] = c;
            }

            foreach (var r in page.Reps)
            {
                reps[r.Id] = r;
            }
        }

        var team = await connector.ReadTeamAsync(cancellationToken).ConfigureAwait(false);
        return new KarteDataSet { Companies = [.. companies.Values], Reps = [.. reps.Values], TeamMembers = team };
    }

    /// <summary>The sync-state store: in the <c>--db</c> file, shared with a sqlite end on the same file.</summary>
    public static SqliteSyncStateStore StateStore(CommandContext ctx, params KarteConnector[] ends)
    {
        foreach (var end in ends)
        {
            if (end is SqliteKarteConnector sqlite && string.Equals(Path.GetFullPath(sqlite.Path), ctx.Settings.DatabasePath, StringComparison.Ordinal))
            {
                return sqlite.CreateSyncStateStore();
            }
        }

        return ctx.OpenStore(create: true).CreateSyncStateStore();
    }
}
