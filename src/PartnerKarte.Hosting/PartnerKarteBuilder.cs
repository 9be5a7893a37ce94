using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Returned by <c>AddPartnerKarte</c>; connector packages extend it (<c>AddSqliteStore</c>, <c>AddSalesforce</c>, <c>AddDataverse</c>).</summary>
/// <remarks>
/// <para>Which connector the sync uses: the one named by <c>PartnerKarte:Connector</c> (<see cref="PartnerKarteOptions.Connector"/>)
/// when it is set; otherwise the one CRM connector added (<c>AddSalesforce</c> or <c>AddDataverse</c>), or the embedded
/// SQLite store when no other connector is added. Adding two or more CRM connectors without naming one fails at startup
/// with a message naming <c>PartnerKarte:Connector</c>.</para>
/// </remarks>
public sealed class PartnerKarteBuilder
{
    internal PartnerKarteBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a connector under its name (a keyed <see cref="KarteConnector"/> singleton); the sync uses the selected one
    /// (see <see cref="PartnerKarteOptions.Connector"/>). Connector packages call this from their <c>AddXxx</c> method.
    /// </summary>
    /// <typeparam name="TConnector">The connector type.</typeparam>
    /// <param name="name">The connector's <see cref="KarteConnector.Name"/>, lower case.</param>
    /// <param name="factory">Creates the connector.</param>
    /// <returns>This builder.</returns>
    public PartnerKarteBuilder AddConnector<TConnector>(string name, Func<IServiceProvider, TConnector> factory)
        where TConnector : KarteConnector => Add(name, factory, null);

    /// <summary>
    /// Like <see cref="AddConnector{TConnector}(string, Func{IServiceProvider, TConnector})"/> for a connector with options:
    /// its <typeparamref name="TOptions"/> are validated at startup when, and only when, it is the selected connector, so a
    /// host can register every connector and pick one from configuration.
    /// </summary>
    /// <typeparam name="TConnector">The connector type.</typeparam>
    /// <typeparam name="TOptions">The connector's options type; register its <see cref="IValidateOptions{TOptions}"/> without <c>ValidateOnStart</c>.</typeparam>
    /// <param name="name">The connector's <see cref="KarteConnector.Name"/>, lower case.</param>
    /// <param name="factory">Creates the connector.</param>
    /// <returns>This builder.</returns>
    public PartnerKarteBuilder AddConnector<TConnector, TOptions>(string name, Func<IServiceProvider, TConnector> factory)
        where TConnector : KarteConnector
        where TOptions : class =>
        Add(name, factory, sp => sp.GetRequiredService<IOptions<TOptions>>().Value);

    private PartnerKarteBuilder Add<TConnector>(string name, Func<IServiceProvider, TConnector> factory, Func<IServiceProvider, object>? readOptions)
        where TConnector : KarteConnector
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        var key = name.Trim().ToLowerInvariant();
        if (Services.Any(d => d.ServiceType == typeof(ConnectorRegistration) && d.ImplementationInstance is ConnectorRegistration r && r.Name == key))
        {
            return this;
        }

        Services.AddSingleton(new ConnectorRegistration(key, readOptions));
        Services.AddSingleton(factory);
        Services.AddKeyedSingleton<KarteConnector>(key, (sp, _) => sp.GetRequiredService<TConnector>());
        return this;
    }
}
