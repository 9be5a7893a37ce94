using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Adds the embedded SQLite store to PartnerKarte.</summary>
public static class SqlitePartnerKarteBuilderExtensions
{
    /// <summary>
    /// Registers the embedded store: the <c>sqlite</c> connector and the <see cref="ISyncStateStore"/> (kept in the
    /// same file; it also serves the Salesforce and Dataverse connectors). Options are validated at startup; the file
    /// is opened on first use, and a foreign or damaged file fails with <see cref="SqliteStoreException"/>, untouched.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (at least <see cref="SqliteStoreOptions.Path"/>; in a host, a relative path is resolved against the content root).</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddSqliteStore(this PartnerKarteBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SqliteStoreOptions>().Configure(configure);
        return Register(builder);
    }

    /// <summary>Like <see cref="AddSqliteStore(PartnerKarteBuilder, Action{SqliteStoreOptions})"/>, binding the options from a configuration section (normally <c>PartnerKarte:Sqlite</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section.</param>
    /// <returns>The builder.</returns>
    public static PartnerKarteBuilder AddSqliteStore(this PartnerKarteBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<SqliteStoreOptions>().Bind(section);
        return Register(builder);
    }

    /// <summary>A relative path in a host is the content root's (not the working directory's, which a scheduler sets anywhere).</summary>
    internal static string ResolvePath(string path, string? contentRoot) =>
        string.IsNullOrWhiteSpace(path) || path == SqliteDatabase.InMemory || contentRoot is null || System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, path));

    private static PartnerKarteBuilder Register(PartnerKarteBuilder builder)
    {
        builder.Services.AddOptions<SqliteStoreOptions>()
            .PostConfigure<IServiceProvider>((o, sp) => o.Path = ResolvePath(o.Path, sp.GetService<IHostEnvironment>()?.ContentRootPath))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>>(SqliteStoreOptionsAnnotations.Keyed));
        builder.Services.TryAddSingleton(sp => SqliteDatabase.Open(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        builder.AddConnector("sqlite", sp => new SqliteKarteConnector(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        builder.Services.TryAddSingleton(sp => new SqliteSyncStateStore(sp.GetRequiredService<SqliteDatabase>()));
        builder.Services.TryAddSingleton<ISyncStateStore>(sp => sp.GetRequiredService<SqliteSyncStateStore>());
        return builder;
    }
}
