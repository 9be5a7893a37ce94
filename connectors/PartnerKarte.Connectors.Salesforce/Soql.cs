using System.Globalization;
using System.Text;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>SOQL literals. Every value that goes into a statement passes through here; nothing is concatenated raw.</summary>
internal static class Soql
{
    /// <summary>A quoted string literal: backslash, quotes and control characters are escaped.</summary>
    /// <param name="value">Any text.</param>
    /// <returns>The literal including its quotes.</returns>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>A LIKE pattern matching <paramref name="value"/> literally, with an optional trailing wildcard.</summary>
    /// <param name="value">The text to match.</param>
    /// <param name="prefix">Append <c>%</c> to match values starting with the text.</param>
    /// <returns>The literal including its quotes.</returns>
    public static string LikeLiteral(string value, bool prefix = false)
    {
        var quoted = Literal(value);
        var escaped = quoted[1..^1].Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return "'" + escaped + (prefix ? "%" : string.Empty) + "'";
    }

    /// <summary>A datetime literal in UTC with seconds precision (SOQL accepts no fractional seconds reliably).</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The unquoted literal.</returns>
    public static string Literal(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A date literal.</summary>
    /// <param name="value">The date.</param>
    /// <returns>The unquoted literal.</returns>
    public static string Literal(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A number literal.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The literal.</returns>
    public static string Literal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A boolean literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns><c>true</c> or <c>false</c>.</returns>
    public static string Literal(bool value) => value ? "true" : "false";

    /// <summary>An IN list of string literals: <c>('a', 'b')</c>.</summary>
    /// <param name="values">The values (at least one).</param>
    /// <returns>The list including parentheses.</returns>
    public static string InList(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(Literal)) + ")";

    /// <summary>Checks that a name is a plain API name (object, field or relationship path), so it can be written unquoted.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The name contains anything but letters, digits, underscore and dots.</exception>
    public static string Name(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') && char.IsAsciiLetter(name[0])
            ? name
            : throw new ArgumentException($"'{name}' is not a valid Salesforce API name.", nameof(name));
    }
}
