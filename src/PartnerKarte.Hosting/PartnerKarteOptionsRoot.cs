using Microsoft.Extensions.Options;

namespace PartnerKarte.Hosting;

/// <summary>
/// The one bound and configured <see cref="PartnerKarteOptions"/> instance, not yet validated: each section (and the root's
/// own connector check) validates its part of it, so one bad section does not hide the failures of the others.
/// </summary>
internal sealed class PartnerKarteOptionsRoot(IEnumerable<IConfigureOptions<PartnerKarteOptions>> setups, IEnumerable<IPostConfigureOptions<PartnerKarteOptions>> postConfigures)
{
    private readonly Lazy<PartnerKarteOptions> value = new(() => new OptionsFactory<PartnerKarteOptions>(setups, postConfigures, []).Create(Microsoft.Extensions.Options.Options.DefaultName));

    public PartnerKarteOptions Value => value.Value;
}
