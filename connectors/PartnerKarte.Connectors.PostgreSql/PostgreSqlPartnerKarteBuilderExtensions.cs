using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Adds the PostgreSQL store to PartnerKarte.</summary>
public static class PostgreSqlPartnerKarteBuilderExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store: the <c>postgres</c> connector and the <see cref="ISyncStateStore"/> (kept in the same
    /// schema; it also serves the Salesforce and Dataverse connectors). The server comes from the <see cref="NpgsqlDataSource"/>
    /// registered in the service collection (for example with <c>services.AddSingleton(NpgsqlDataSource.Create(connectionString))</c>).
    /// Options are validated at startup; the schema is created or migrated on first use, and a foreign or newer schema fails
    /// with <see cref="PostgreSqlStoreException"/>, untouched.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddPostgreSqlStore(this PartnerKarteBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PostgreSqlStoreOptions>().Configure(configure);
        return Register(builder);
    }

    /// <summary>Like <see cref="AddPostgreSqlStore(PartnerKarteBuilder, Action{PostgreSqlStoreOptions})"/>, binding the options from a configuration section (normally <c>PartnerKarte:PostgreSql</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddPostgreSqlStore(this PartnerKarteBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<PostgreSqlStoreOptions>().Bind(section);
        return Register(builder);
    }

    private static PartnerKarteBuilder Register(PartnerKarteBuilder builder)
    {
        builder.Services.AddOptions<PostgreSqlStoreOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>>(PostgreSqlStoreOptionsAnnotations.Keyed));
        builder.Services.TryAddSingleton(sp => PostgreSqlDatabase.Open(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value));
        builder.AddConnector("postgres", sp => new PostgreSqlKarteConnector(sp.GetRequiredService<PostgreSqlDatabase>(), sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value));
        builder.Services.TryAddSingleton(sp => new PostgreSqlSyncStateStore(sp.GetRequiredService<PostgreSqlDatabase>()));
        builder.Services.TryAddSingleton<ISyncStateStore>(sp => sp.GetRequiredService<PostgreSqlSyncStateStore>());
        return builder;
    }
}
