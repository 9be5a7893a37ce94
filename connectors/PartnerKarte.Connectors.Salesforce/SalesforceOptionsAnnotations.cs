using Microsoft.Extensions.Options;
using PartnerKarte.Hosting;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>The attributes of <see cref="SalesforceOptions"/>, source-generated.</summary>
[OptionsValidator]
internal sealed partial class SalesforceOptionsAnnotations : IValidateOptions<SalesforceOptions>
{
    /// <summary>
    /// The one validator of the options, in a host (startup) and in <see cref="SalesforceOptions.Validate"/> (constructors,
    /// the console): the attributes plus the rules across fields, every message naming the configuration key.
    /// </summary>
    public static KeyedOptionsValidator<SalesforceOptions> Keyed { get; } = new(
        SalesforceOptions.SectionName,
        new SalesforceOptionsAnnotations(),
        o => o.CrossFieldProblems().Select(p => SalesforceOptions.SectionName + ":" + p));
}
