using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>Conversions between karte values and SQLite column values (invariant culture, round-trippable).</summary>
internal static class SqliteValues
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

    public static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static int? Int(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static long? Long(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static double? Real(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public static decimal? Money(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : decimal.Parse(r.GetString(i), NumberStyles.Number, CultureInfo.InvariantCulture);

    public static DateOnly? Date(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Instant(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.ParseExact(r.GetString(i), "O", CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> List(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? [] : JsonSerializer.Deserialize<string[]>(r.GetString(i)) ?? [];

    /// <summary>Adds named parameters once, so a prepared command is reused with new values per row.</summary>
    public static SqliteParameter[] Parameters(SqliteCommand cmd, params string[] names)
    {
        var result = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = cmd.Parameters.Add(new SqliteParameter("$" + names[i], null));
        }

        return result;
    }

    public static string WatermarkOf(long seq) => "seq:" + seq.ToString(CultureInfo.InvariantCulture);

    public static long ParseWatermark(string? watermark)
    {
        if (watermark is null)
        {
            return 0;
        }

        if (watermark.StartsWith("seq:", StringComparison.Ordinal) &&
            long.TryParse(watermark.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return seq;
        }

        throw new ArgumentException($"'{watermark}' is not a watermark of the SQLite store (expected 'seq:<number>'). Was it saved by another connector?", nameof(watermark));
    }
}
