using Npgsql;
using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>
/// Registers <c>--connector postgres</c> (and <c>--from</c>/<c>--to postgres</c> of <c>migrate</c> and <c>import</c>): the
/// PostgreSQL store, which keeps the sync state of its own runs in the same schema. Settings, later ones winning:
/// <c>PostgreSql:*</c> keys in appsettings.json, environment variables such as <c>PARTNERKARTE_PostgreSql__ConnectionString</c>
/// (or user secrets), then the flag <c>--connection-string</c> (<c>Host=…;Port=5432;Database=…;Username=…;Password=…</c>).
/// Keys: <c>ConnectionString</c>, <c>Schema</c> (default <c>partnerkarte</c>), <c>PageSize</c>, <c>WriteBatchSize</c>,
/// <c>MaxParallelism</c>. The connection string is never written to output or logs.
/// </summary>
internal sealed class PostgreSqlConnectorModule
{
    public const string ConnectionStringKey = "PartnerKarte:PostgreSql:ConnectionString";


    public static PostgreSqlKarteConnector Create(ConnectorContext context)
    {
        var c = context.Configuration;
        var connectionString = context.Flags.ConnectionString ?? c.GetString(ConnectionStringKey)
            ?? throw CliException.BadInput($"The postgres connector needs a connection string: --connection-string \"Host=…;Database=…;Username=…\" or {ConnectionStringKey} ({CliConfiguration.EnvironmentName(ConnectionStringKey)}).");
        var options = new PostgreSqlStoreOptions();
        if (c.GetString("PartnerKarte:PostgreSql:Schema") is { } schema)
        {
            options.Schema = schema;
        }

        if (c.GetInt("PartnerKarte:PostgreSql:PageSize", 1, 100_000) is int page)
        {
            options.PageSize = page;
        }

        if (c.GetInt("PartnerKarte:PostgreSql:WriteBatchSize", 1, 100_000) is int write)
        {
            options.WriteBatchSize = write;
        }

        if (c.GetInt("PartnerKarte:PostgreSql:MaxParallelism", 1, 64) is int parallel)
        {
            options.MaxParallelism = parallel;
        }

        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException)
        {
            // The message of a malformed connection string may quote it (and its password): say what is wrong without it.
            throw CliException.BadInput($"The PostgreSQL connection string (--connection-string or {ConnectionStringKey}) is not valid: expected keys such as Host, Port, Database, Username, Password.");
        }

        var validation = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), validation, validateAllProperties: true))
        {
            throw CliException.BadInput(string.Join(" ", validation.Select(v => v.ErrorMessage)));
        }

        return new PostgreSqlKarteConnector(dataSource, options);
    }
}
