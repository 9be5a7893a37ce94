using System.Text;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>A Web API query URL (relative to <c>/api/data/v9.2/</c>); every option value is URL-encoded.</summary>
/// <param name="EntitySet">The entity set, e.g. <c>contacts</c>.</param>
internal sealed record ODataQuery(string EntitySet)
{
    /// <summary>Columns to return.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    /// <summary>The filter, built from <see cref="ODataLiteral"/> values.</summary>
    public string? Filter { get; init; }

    /// <summary>Sort order, e.g. <c>modifiedon asc</c>.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary>Maximum rows.</summary>
    public int? Top { get; init; }

    /// <summary>The relative URL.</summary>
    /// <returns>E.g. <c>contacts?$select=a,b&amp;$filter=…</c>.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(EntitySet);
        var sep = '?';
        void Add(string name, string value)
        {
            sb.Append(sep).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            sep = '&';
        }

        if (Select.Count > 0)
        {
            Add("$select", string.Join(',', Select));
        }

        if (!string.IsNullOrEmpty(Filter))
        {
            Add("$filter", Filter);
        }

        if (OrderBy.Count > 0)
        {
            Add("$orderby", string.Join(',', OrderBy));
        }

        if (Top is int top)
        {
            Add("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary><c>column eq v1 or column eq v2 …</c> for string values, or null when empty.</summary>
    /// <param name="column">A logical name.</param>
    /// <param name="values">Values.</param>
    /// <returns>The filter.</returns>
    public static string? AnyOf(string column, IEnumerable<string> values)
    {
        var parts = values.Select(v => column + " eq " + ODataLiteral.String(v)).ToList();
        return parts.Count == 0 ? null : string.Join(" or ", parts);
    }

    /// <summary><c>column eq g1 or column eq g2 …</c> for GUIDs, or null when empty.</summary>
    /// <param name="column">A logical name.</param>
    /// <param name="values">GUIDs.</param>
    /// <returns>The filter.</returns>
    public static string? AnyOf(string column, IEnumerable<Guid> values)
    {
        var parts = values.Select(v => column + " eq " + ODataLiteral.Guid(v)).ToList();
        return parts.Count == 0 ? null : string.Join(" or ", parts);
    }
}
