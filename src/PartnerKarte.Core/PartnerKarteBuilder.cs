using Microsoft.Extensions.DependencyInjection;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Returned by <c>AddPartnerKarte</c>; connector packages extend it (<c>AddSqliteStore</c>, <c>AddSalesforce</c>, <c>AddDataverse</c>).</summary>
public sealed class PartnerKarteBuilder
{
    internal PartnerKarteBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a connector under its name (a keyed <see cref="KarteConnector"/> singleton); the sync uses the one
    /// named by <see cref="PartnerKarteOptions.Connector"/>. Connector packages call this from their <c>AddXxx</c> method.
    /// </summary>
    /// <typeparam name="TConnector">The connector type.</typeparam>
    /// <param name="name">The connector's <see cref="KarteConnector.Name"/>, lower case.</param>
    /// <param name="factory">Creates the connector.</param>
    /// <returns>This builder.</returns>
    public PartnerKarteBuilder AddConnector<TConnector>(string name, Func<IServiceProvider, TConnector> factory)
        where TConnector : KarteConnector
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddSingleton(factory);
        Services.AddKeyedSingleton<KarteConnector>(name.ToLowerInvariant(), (sp, _) => sp.GetRequiredService<TConnector>());
        return this;
    }
}
