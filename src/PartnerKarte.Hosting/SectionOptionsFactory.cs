using Microsoft.Extensions.Options;

namespace PartnerKarte.Hosting;

/// <summary>
/// Creates <c>IOptions&lt;T&gt;</c> of a sub-section as the very instance bound into <see cref="PartnerKarteOptions"/>, then runs
/// the usual configure, post-configure and validate steps on it: <c>AddPartnerKarte(o =&gt; o.Sync.BatchSize = 200)</c> and
/// <c>services.Configure&lt;EnrichmentSyncOptions&gt;(…)</c> change the same object, and <c>ValidateOnStart</c> checks it.
/// </summary>
internal sealed class SectionOptionsFactory<TOptions>(
    PartnerKarteOptionsRoot root,
    Func<PartnerKarteOptions, TOptions> select,
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations)
    : OptionsFactory<TOptions>(setups, postConfigures, validations)
    where TOptions : class
{
    protected override TOptions CreateInstance(string name) =>
        name == Microsoft.Extensions.Options.Options.DefaultName ? select(root.Value) : base.CreateInstance(name);
}
