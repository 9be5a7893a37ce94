using System.Globalization;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Builds OData literals for <c>$filter</c> and keys. Every value goes through here: nothing is concatenated raw.</summary>
public static class ODataLiteral
{
    /// <summary>A string literal: single quotes, embedded quotes doubled (<c>O'Neil</c> → <c>'O''Neil'</c>).</summary>
    /// <param name="value">Any text.</param>
    /// <returns>The literal, not yet URL-encoded.</returns>
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A GUID literal (unquoted, lower case).</summary>
    /// <param name="value">The GUID.</param>
    /// <returns>The literal.</returns>
    public static string Guid(Guid value) => value.ToString("D");

    /// <summary>A DateTimeOffset literal in UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The literal.</returns>
    public static string DateTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A number literal (invariant culture).</summary>
    /// <param name="value">The number.</param>
    /// <returns>The literal.</returns>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A key segment for a record: a GUID, or the alternate key <paramref name="keyColumn"/> = the value.</summary>
    /// <param name="keyColumn">The alternate key column (a logical name).</param>
    /// <param name="id">A karte id; a GUID addresses the record directly.</param>
    /// <returns>The URL-encoded segment between the parentheses.</returns>
    public static string Key(string keyColumn, string id) =>
        System.Guid.TryParse(id, out var g) ? Guid(g) : keyColumn + "=" + Uri.EscapeDataString(String(id));
}
