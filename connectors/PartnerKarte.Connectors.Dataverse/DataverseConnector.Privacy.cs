using System.Text.Json;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Disclosure requests: the contact columns PartnerKarte maps for one rep, as the environment holds them.</summary>
public sealed partial class DataverseConnector
{
    /// <inheritdoc />
    public override async Task<IReadOnlyDictionary<string, string?>?> ReadRepFieldsAsync(RepId repId, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var rep = _options.Mapping.Rep;
        var enrichment = new[] { rep.TrustScore, rep.TrustRank, rep.TrustConfidence, rep.TrustTrend, rep.LastContactDate, rep.FollowUpPriority, rep.TrustReasons }.Where(c => c.Length > 0);
        var url = new ODataQuery(LookupCache.SetOf("contact"))
        {
            Select = [.. _mapper.Columns("contact").Concat(enrichment).Distinct(StringComparer.Ordinal)],
            Filter = ByKarteIds("contact", [repId.Value]),
        }.ToString();
        await foreach (var page in _api.QueryAsync(url, "read contact", false, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (name, value) in row)
                {
                    if (!name.Contains('@', StringComparison.Ordinal)) // annotations (formatted values, lookup names) are not held values
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
