using System.Globalization;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Builds OData literals for <c>$filter</c> and keys. Every value goes through here: nothing is concatenated raw.</summary>
internal static class ODataLiteral
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

    /// <summary>An alternate-key segment for a record: <paramref name="keyColumn"/> = the value as a string literal.</summary>
    /// <param name="keyColumn">The alternate key column (a logical name).</param>
    /// <param name="id">A karte id. A GUID-shaped id is a key value like any other (ids migrated from another CRM often are GUIDs).</param>
    /// <returns>The URL-encoded segment between the parentheses.</returns>
    public static string Key(string keyColumn, string id) => keyColumn + "=" + Uri.EscapeDataString(String(id));
}
