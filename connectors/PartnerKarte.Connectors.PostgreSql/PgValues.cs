using System.Globalization;
using Npgsql;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>The store's own parameters and watermarks; value conversions are in <see cref="PartnerKarte.Connectors.Shared.KarteValues"/>.</summary>
internal static class PgValues
{
    /// <summary>Adds named parameters once, so a prepared command is reused with new values per row.</summary>
    public static NpgsqlParameter[] Parameters(NpgsqlCommand cmd, params string[] names)
    {
        var result = new NpgsqlParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = cmd.Parameters.Add(new NpgsqlParameter("@" + names[i], null));
        }

        return result;
    }

    /// <summary>Integer and bigint columns of the karte tables (<see cref="KarteTables"/>) (every other column of a row mapper is text); <c>seq</c> is appended as bigint.</summary>
    private static readonly Dictionary<string, NpgsqlTypes.NpgsqlDbType> NumericColumns = new(StringComparer.Ordinal)
    {
        ["occurred_ticks"] = NpgsqlTypes.NpgsqlDbType.Bigint,
        ["response_latency_ticks"] = NpgsqlTypes.NpgsqlDbType.Bigint,
        ["occurred_offset"] = NpgsqlTypes.NpgsqlDbType.Integer,
        ["channel"] = NpgsqlTypes.NpgsqlDbType.Integer,
        ["initiator"] = NpgsqlTypes.NpgsqlDbType.Integer,
        ["purpose"] = NpgsqlTypes.NpgsqlDbType.Integer,
        ["reaction"] = NpgsqlTypes.NpgsqlDbType.Integer,
        ["stage"] = NpgsqlTypes.NpgsqlDbType.Integer,
        ["outcome"] = NpgsqlTypes.NpgsqlDbType.Integer,
        ["loss_category"] = NpgsqlTypes.NpgsqlDbType.Integer,
    };

    /// <summary>The PostgreSQL types of proposal or interaction columns, then <c>seq</c>.</summary>
    public static NpgsqlTypes.NpgsqlDbType[] TypesOf(string[] columns) =>
        [.. columns.Select(c => NumericColumns.TryGetValue(c, out var t) ? t : NpgsqlTypes.NpgsqlDbType.Text), NpgsqlTypes.NpgsqlDbType.Bigint];

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

        throw new ArgumentException($"'{watermark}' is not a watermark of the PostgreSQL store (expected 'seq:<number>'). Was it saved by another connector?", nameof(watermark));
    }
}
