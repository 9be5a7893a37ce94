using Microsoft.Extensions.Options;
using PartnerKarte.Hosting;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>The attributes of <see cref="DataverseOptions"/>, source-generated; <see cref="DataverseOptions.Validate"/> adds the rules across fields.</summary>
[OptionsValidator]
internal sealed partial class DataverseOptionsAnnotations : IValidateOptions<DataverseOptions>
{
    /// <summary>The attribute checks with messages naming the configuration key (<c>PartnerKarte:Dataverse:BatchSize must be …</c>).</summary>
    public static KeyedOptionsValidator<DataverseOptions> Keyed { get; } = new(DataverseOptions.SectionName, new DataverseOptionsAnnotations());
}
