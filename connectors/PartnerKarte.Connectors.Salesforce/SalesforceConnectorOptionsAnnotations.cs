using Microsoft.Extensions.Options;
using PartnerKarte.Hosting;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>The attributes of <see cref="SalesforceConnectorOptions"/>, source-generated.</summary>
[OptionsValidator]
internal sealed partial class SalesforceConnectorOptionsAnnotations : IValidateOptions<SalesforceConnectorOptions>
{
    /// <summary>
    /// The one validator of the options, in a host (startup) and in <see cref="SalesforceConnectorOptions.Validate"/> (constructors,
    /// the console): the attributes plus the rules across fields, every message naming the configuration key.
    /// </summary>
    public static KeyedOptionsValidator<SalesforceConnectorOptions> Keyed { get; } = new(
        SalesforceConnectorOptions.SectionName,
        new SalesforceConnectorOptionsAnnotations(),
        o => o.CrossFieldProblems().Select(p => SalesforceConnectorOptions.SectionName + ":" + p));
}
