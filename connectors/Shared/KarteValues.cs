using System.Globalization;
using System.Text.Json;
using System.Data.Common;

namespace PartnerKarte.Connectors.Shared;

/// <summary>
/// Conversions between karte values and store column values (invariant culture, round-trippable), shared by the SQLite
/// and PostgreSQL stores (this file is compiled into both).
/// </summary>
internal static class KarteValues
{
    public static object Db(string? value) => value is null ? DBNull.Value : value;

    public static object Db(int? value) => value is int v ? v : DBNull.Value;

    public static object Db(long? value) => value is long v ? v : DBNull.Value;

    public static object Db(double? value) => value is double v && double.IsFinite(v) ? v : DBNull.Value;

    public static object Db(decimal? value) => value is decimal v ? v.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Db(DateOnly? value) => value is DateOnly v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Db(DateTimeOffset? value) => value is DateTimeOffset v ? v.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Db(bool value) => value ? 1 : 0;

    public static object Json(IReadOnlyList<string> values) => values.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(values);

    public static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static double? Real(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public static decimal? Money(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null
        : decimal.TryParse(r.GetString(i), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v
        : throw Damaged(r, i, "an amount");

    public static DateOnly? Date(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null
        : DateOnly.TryParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v
        : throw Damaged(r, i, "a date (yyyy-MM-dd)");

    public static DateTimeOffset? Instant(DbDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            return null;
        }

        try
        {
            return ParseInstant(r.GetString(i));
        }
        catch (FormatException)
        {
            throw Damaged(r, i, "a date and time");
        }
    }

    /// <summary>A value that cannot be what its column holds: names the column, never the value (it may be personal data).</summary>
    public static FormatException Damaged(DbDataReader r, int i, string what) => new($"column {r.GetName(i)} does not hold {what}");

    /// <summary>Parses what <c>Db(DateTimeOffset?)</c> wrote (the round-trip "O" format); the usual shape is parsed by hand (a full sync parses millions).</summary>
    public static DateTimeOffset ParseInstant(string value)
    {
        // yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm, 33 characters.
        var s = value.AsSpan();
        if (s.Length == 33 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && (s[27] == '+' || s[27] == '-') && s[30] == ':' &&
            Digits(s[..4], out var year) && Digits(s.Slice(5, 2), out var month) && Digits(s.Slice(8, 2), out var day) &&
            Digits(s.Slice(11, 2), out var hour) && Digits(s.Slice(14, 2), out var minute) && Digits(s.Slice(17, 2), out var second) &&
            Digits(s.Slice(20, 7), out var fraction) && Digits(s.Slice(28, 2), out var offsetHours) && Digits(s.Slice(31, 2), out var offsetMinutes) &&
            month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year == 0 ? 1 : year, month) && hour < 24 && minute < 60 && second < 60 && offsetHours <= 14 && offsetMinutes < 60 && year >= 1)
        {
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(fraction), s[27] == '-' ? -offset : offset);
        }

        return DateTimeOffset.ParseExact(value, "O", CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<string> List(DbDataReader r, int i) => r.IsDBNull(i) ? [] : ParseList(r.GetString(i));

    /// <summary>Parses a JSON array of strings; arrays of plain strings (ids, ASCII tags) without escapes are split by hand.</summary>
    public static IReadOnlyList<string> ParseList(string json)
    {
        var s = json.AsSpan();
        if (s.Length >= 2 && s[0] == '[' && s[^1] == ']' && !s.ContainsAny('\\', ' '))
        {
            var inner = s[1..^1];
            if (inner.IsEmpty)
            {
                return [];
            }

            var items = new List<string>(4);
            while (true)
            {
                if (inner.Length < 2 || inner[0] != '"')
                {
                    break;
                }

                var end = inner[1..].IndexOf('"');
                if (end < 0)
                {
                    break;
                }

                items.Add(inner.Slice(1, end).ToString());
                inner = inner[(end + 2)..];
                if (inner.IsEmpty)
                {
                    return items;
                }

                if (inner[0] != ',')
                {
                    break;
                }

                inner = inner[1..];
            }
        }

        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var d = c - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
