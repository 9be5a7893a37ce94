using System.Globalization;
using System.Text;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// Per-object high-water marks (SystemModstamp, Id) as a compact string: <c>sf1;Account=2026-04-01T00:00:00.000Z,001…;…</c>.
/// Rows are read ordered by (SystemModstamp, Id), so the pair of the last row processed is an exact resume point.
/// </summary>
internal sealed class SalesforceWatermark
{
    private const string Prefix = "sf1";
    private readonly Dictionary<string, (DateTimeOffset Stamp, string Id)> _marks = new(StringComparer.Ordinal);

    public static SalesforceWatermark Parse(string? text)
    {
        var watermark = new SalesforceWatermark();
        if (string.IsNullOrEmpty(text))
        {
            return watermark;
        }

        var parts = text.Split(';');
        if (parts[0] != Prefix)
        {
            throw new FormatException($"Not a Salesforce watermark: '{text}'.");
        }

        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (eq <= 0 || comma <= eq)
            {
                throw new FormatException($"Not a Salesforce watermark entry: '{part}'.");
            }

            var stamp = DateTimeOffset.Parse(part[(eq + 1)..comma], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            watermark._marks[part[..eq]] = (stamp, part[(comma + 1)..]);
        }

        return watermark;
    }

    public (DateTimeOffset Stamp, string Id)? Get(string objectName) => _marks.TryGetValue(objectName, out var mark) ? mark : null;

    public void Set(string objectName, DateTimeOffset stamp, string id) => _marks[objectName] = (stamp, id);

    public override string ToString()
    {
        var sb = new StringBuilder(Prefix);
        foreach (var (name, (stamp, id)) in _marks.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            sb.Append(';').Append(name).Append('=')
                .Append(stamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append(',').Append(id);
        }

        return sb.ToString();
    }
}
