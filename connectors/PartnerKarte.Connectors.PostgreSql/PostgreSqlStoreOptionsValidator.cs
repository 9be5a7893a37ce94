using Microsoft.Extensions.Options;
using PartnerKarte.Hosting;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>The attributes of <see cref="PostgreSqlStoreOptions"/>, source-generated.</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlStoreOptionsAnnotations : IValidateOptions<PostgreSqlStoreOptions>
{
    /// <summary>The one validator of the options, in a host and in <see cref="PostgreSqlDatabase.Open"/>; messages name the configuration key.</summary>
    public static KeyedOptionsValidator<PostgreSqlStoreOptions> Keyed { get; } = new(PostgreSqlStoreOptions.SectionName, new PostgreSqlStoreOptionsAnnotations());
}
