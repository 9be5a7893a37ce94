using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Stores;

/// <summary>The store behind a connector: SQLite and PostgreSQL are stores; a CRM is not.</summary>
internal static class KarteStores
{
    /// <summary>The connector as a store, or null when it is a CRM.</summary>
    public static IKarteStore? For(KarteConnector connector) => connector switch
    {
        SqliteKarteConnector sqlite => new SqliteStore(sqlite),
        PostgreSqlKarteConnector postgres => new PostgreSqlStore(postgres),
        _ => null,
    };
}
