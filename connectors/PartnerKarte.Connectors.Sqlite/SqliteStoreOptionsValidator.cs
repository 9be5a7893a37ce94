using Microsoft.Extensions.Options;
using PartnerKarte.Hosting;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>The attributes of <see cref="SqliteStoreOptions"/>, source-generated.</summary>
[OptionsValidator]
internal sealed partial class SqliteStoreOptionsAnnotations : IValidateOptions<SqliteStoreOptions>
{
    /// <summary>The one validator of the options, in a host and in <see cref="SqliteDatabase.Open"/>; messages name the configuration key.</summary>
    public static KeyedOptionsValidator<SqliteStoreOptions> Keyed { get; } = new(SqliteStoreOptions.SectionName, new SqliteStoreOptionsAnnotations());
}
