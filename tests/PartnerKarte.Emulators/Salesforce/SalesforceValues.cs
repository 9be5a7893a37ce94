using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>
/// Converts field values between the wire (JSON, CSV) and the stored form: string, decimal, bool,
/// <see cref="DateTimeOffset"/> (UTC) or <see cref="DateOnly"/>.
/// </summary>
internal static class SalesforceValues
{
    public static string FormatDateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        // Salesforce writes "+0000" (no colon); ISO forms with "Z" or "+09:00" are accepted too.
        var normalized = text.Length > 5 && (text[^5] is '+' or '-') && text[^3] != ':' && text.Contains('T', StringComparison.Ordinal)
            ? text[..^2] + ":" + text[^2..]
            : text;
        var ok = DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        if (ok)
        {
            value = value.ToUniversalTime();
        }

        return ok;
    }

    /// <summary>Converts an incoming JSON value for a field; returns an error message on bad input.</summary>
    public static object? FromJson(SalesforceField field, JsonNode? node, out string? error)
    {
        error = null;
        if (node is null)
        {
            return null;
        }

        var kind = node.GetValueKind();
        if (kind == JsonValueKind.Null)
        {
            return null;
        }

        if (kind is JsonValueKind.Object or JsonValueKind.Array)
        {
            error = $"Cannot deserialize instance of {field.Type.ToString().ToLowerInvariant()} from {kind} value";
            return null;
        }

        var text = kind == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        return FromText(field, text, out error);
    }

    /// <summary>Converts a text value (JSON string, CSV cell) for a field.</summary>
    public static object? FromText(SalesforceField field, string text, out string? error)
    {
        error = null;
        switch (field.Type)
        {
            case SalesforceFieldType.Boolean:
                if (bool.TryParse(text, out var b))
                {
                    return b;
                }

                error = $"'{text}' is not a valid value for the type xsd:boolean";
                return null;
            case SalesforceFieldType.Int:
            case SalesforceFieldType.Double:
            case SalesforceFieldType.Currency:
            case SalesforceFieldType.Percent:
                if (text.Length == 0)
                {
                    return null;
                }

                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return d;
                }

                error = $"'{text}' is not a valid value for the type xsd:double";
                return null;
            case SalesforceFieldType.Date:
                if (text.Length == 0)
                {
                    return null;
                }

                if (DateOnly.TryParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                error = $"'{text}' is not a valid value for the type xsd:date";
                return null;
            case SalesforceFieldType.DateTime:
                if (text.Length == 0)
                {
                    return null;
                }

                if (TryParseDateTime(text, out var dt))
                {
                    return dt;
                }

                error = $"'{text}' is not a valid value for the type xsd:dateTime";
                return null;
            case SalesforceFieldType.Id:
            case SalesforceFieldType.Reference:
                if (text.Length == 0)
                {
                    return null;
                }

                var id = SalesforceIds.Normalize(text);
                if (id is null)
                {
                    error = $"{field.Name}: id value of incorrect type: {text}";
                }

                return id;
            default:
                if (field.Length > 0 && text.Length > field.Length)
                {
                    error = $"{field.Label}: data value too large: {Truncate(text)} (max length={field.Length})";
                    return null;
                }

                return text.Length == 0 ? null : text;
        }
    }

    public static JsonNode? ToJson(SalesforceField field, object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        decimal d when field.Type == SalesforceFieldType.Int => JsonValue.Create((long)d),
        decimal d => JsonValue.Create(d),
        DateTimeOffset t => JsonValue.Create(FormatDateTime(t)),
        DateOnly date => JsonValue.Create(FormatDate(date)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    public static string ToCsv(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => FormatDateTime(t),
        DateOnly date => FormatDate(date),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Compares two stored values the way SOQL does: text case-insensitively, nulls first.</summary>
    public static int Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        return (left, right) switch
        {
            (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            (decimal a, decimal b) => a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
            (DateOnly a, DateOnly b) => a.CompareTo(b),
            (DateTimeOffset a, DateOnly b) => DateOnly.FromDateTime(a.UtcDateTime).CompareTo(b),
            (DateOnly a, DateTimeOffset b) => a.CompareTo(DateOnly.FromDateTime(b.UtcDateTime)),
            _ => string.Compare(ToCsv(left), ToCsv(right), StringComparison.OrdinalIgnoreCase),
        };
    }

    public static bool ValueEquals(object? left, object? right) =>
        left is null || right is null ? left is null && right is null : Compare(left, right) == 0;

    private static string Truncate(string text) => text.Length > 20 ? text[..20] + "..." : text;
}
