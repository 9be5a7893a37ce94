using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>Disclosure requests: the Contact fields PartnerKarte maps for one rep, as the org holds them.</summary>
public sealed partial class SalesforceConnector
{
    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, string?>?> ReadRepFieldsAsync(RepId repId, CancellationToken cancellationToken = default)
    {
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        var select = Fields("Contact", [
            "Id", "FirstName", "LastName", "Title", "Department", "Email", "Phone", "AccountId", "OwnerId", Ext, KarteField,
            .. _options.Fields.ContactFields]);
        var soql = $"SELECT {select} FROM Contact WHERE {ByKarteId("Contact", [repId.Value])} LIMIT 1";
        await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.OfType<JsonObject>())
            {
                var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (name, value) in row)
                {
                    if (name != "attributes")
                    {
                        fields[name] = value is null ? null : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                    }
                }

                return fields;
            }
        }

        return null;
    }
}
