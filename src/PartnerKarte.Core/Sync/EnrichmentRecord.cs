using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Validation;

namespace PartnerKarte.Sync;

/// <summary>
/// The enrichment values written back to one rep or company: trust fields for a rep, KPI fields for a
/// company. Fields of the other target stay <see langword="null"/>. A <see langword="null"/> field is
/// written as "empty" (cleared), not skipped.
/// </summary>
/// <remarks>
/// <see cref="ContentHash"/> is a stable digest of the values at their written precision; the sync engine
/// compares it with the hash it last wrote and skips records whose hash did not change.
/// Create instances with <see cref="ForRep"/> and <see cref="ForCompany"/>, which round values to that precision.
/// </remarks>
public sealed record EnrichmentRecord
{
    /// <summary>Rep or company.</summary>
    public required EnrichmentTarget Target { get; init; }

    /// <summary>The karte id of the target (<c>RepId.Value</c> or <c>CompanyId.Value</c>); connectors map it to their own id or external id.</summary>
    public required string Id { get; init; }

    /// <summary>The target and id together.</summary>
    public EnrichmentKey Key => new(Target, Id);

    /// <summary>Rep: trust score 0..100 (one decimal); <see langword="null"/> when unrated.</summary>
    public double? TrustScore { get; init; }

    /// <summary>Rep: trust rank (<see cref="Scoring.TrustRank.Unrated"/> when evidence is thin).</summary>
    public TrustRank? TrustRank { get; init; }

    /// <summary>Rep: confidence 0..1 (two decimals).</summary>
    public double? TrustConfidence { get; init; }

    /// <summary>Rep: trend in points against the comparison date (one decimal).</summary>
    public double? TrustTrend { get; init; }

    /// <summary>Rep: the date of the last contact.</summary>
    public DateOnly? LastContactDate { get; init; }

    /// <summary>Rep: follow-up priority.</summary>
    public FollowUpPriority? FollowUpPriority { get; init; }

    /// <summary>Company: number of deals (商談数).</summary>
    public int? DealCount { get; init; }

    /// <summary>Company: number of deals won (受注件数).</summary>
    public int? WonCount { get; init; }

    /// <summary>Company: win rate in percent 0..100 (one decimal), won / (won + lost).</summary>
    public double? WinRatePercent { get; init; }

    /// <summary>Company: revenue of won deals (売上額), in the team's currency (two decimals).</summary>
    public decimal? Revenue { get; init; }

    /// <summary>Company: gross profit of won deals (粗利額), two decimals.</summary>
    public decimal? GrossProfit { get; init; }

    /// <summary>Company: karte completeness in percent 0..100 (one decimal).</summary>
    public double? KarteCompletenessPercent { get; init; }

    /// <summary>Company: the most urgent contract alert as a short code with its date (for example <c>renewal:2026-12-31</c>), or <see langword="null"/>.</summary>
    public string? ContractAlert { get; init; }

    /// <summary>
    /// Rep: a short Japanese summary of why the rep stands where they stand (理由): the priority with its alerts and the
    /// factors that moved the score most, at most 255 characters, e.g.
    /// 「高: 双方向の接触が30日途絶（通常の間隔 7日の4.3倍）／レスポンスが速い (+6.2)・接触頻度が高い (+5.1)」.
    /// </summary>
    public string? TrustReasons { get; init; }

    /// <summary>A stable lower-case hex digest (32 characters) of the target, id and every field at written precision.</summary>
    public string ContentHash
    {
        get
        {
            var canonical = Canonical();
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(canonical), hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
    }

    /// <summary>Creates a rep record with values rounded to written precision.</summary>
    /// <param name="repId">The rep.</param>
    /// <param name="trustScore">Score 0..100 or <see langword="null"/> when unrated.</param>
    /// <param name="rank">Rank.</param>
    /// <param name="confidence">Confidence 0..1.</param>
    /// <param name="trend">Trend in points.</param>
    /// <param name="lastContactDate">Last contact date.</param>
    /// <param name="followUpPriority">Follow-up priority.</param>
    /// <returns>The record.</returns>
    public static EnrichmentRecord ForRep(
        RepId repId,
        double? trustScore,
        TrustRank rank,
        double? confidence,
        double? trend,
        DateOnly? lastContactDate,
        FollowUpPriority? followUpPriority) => new()
        {
            Target = EnrichmentTarget.Rep,
            Id = repId.Value,
            TrustScore = Round(trustScore, 1),
            TrustRank = rank,
            TrustConfidence = Round(confidence, 2),
            TrustTrend = Round(trend, 1),
            LastContactDate = lastContactDate,
            FollowUpPriority = followUpPriority,
        };

    /// <summary>Creates a company record with values rounded to written precision.</summary>
    /// <param name="companyId">The company.</param>
    /// <param name="dealCount">Deals.</param>
    /// <param name="wonCount">Won deals.</param>
    /// <param name="winRatePercent">Win rate 0..100, or <see langword="null"/> when nothing closed.</param>
    /// <param name="revenue">Revenue of won deals.</param>
    /// <param name="grossProfit">Gross profit of won deals.</param>
    /// <param name="karteCompletenessPercent">Completeness 0..100.</param>
    /// <param name="contractAlert">Alert code or <see langword="null"/>.</param>
    /// <returns>The record.</returns>
    public static EnrichmentRecord ForCompany(
        CompanyId companyId,
        int? dealCount,
        int? wonCount,
        double? winRatePercent,
        decimal? revenue,
        decimal? grossProfit,
        double? karteCompletenessPercent,
        string? contractAlert) => new()
        {
            Target = EnrichmentTarget.Company,
            Id = companyId.Value,
            DealCount = dealCount,
            WonCount = wonCount,
            WinRatePercent = Round(winRatePercent, 1),
            Revenue = revenue is decimal r ? decimal.Round(r, 2, MidpointRounding.AwayFromZero) : null,
            GrossProfit = grossProfit is decimal g ? decimal.Round(g, 2, MidpointRounding.AwayFromZero) : null,
            KarteCompletenessPercent = Round(karteCompletenessPercent, 1),
            ContractAlert = contractAlert,
        };

    /// <summary>Checks the values against their ranges; an invalid record is not written but goes to the failure ledger.</summary>
    /// <returns>The problems found; empty when the record is valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        var record = Key.ToString();
        if (string.IsNullOrWhiteSpace(Id))
        {
            problems.Add(new(record, nameof(Id), Id, "is empty"));
        }

        CheckRange(problems, record, nameof(TrustScore), TrustScore, 0, 100);
        CheckRange(problems, record, nameof(TrustConfidence), TrustConfidence, 0, 1);
        CheckRange(problems, record, nameof(TrustTrend), TrustTrend, -100, 100);
        CheckRange(problems, record, nameof(WinRatePercent), WinRatePercent, 0, 100);
        CheckRange(problems, record, nameof(KarteCompletenessPercent), KarteCompletenessPercent, 0, 100);
        if (DealCount < 0)
        {
            problems.Add(new(record, nameof(DealCount), Format(DealCount), "must not be negative"));
        }

        // Deals count proposals created in the period and wins those closed in it, so a period can win more deals
        // than it opened (deals created earlier); only a negative count is impossible.
        if (WonCount < 0)
        {
            problems.Add(new(record, nameof(WonCount), Format(WonCount), "must not be negative"));
        }

        if (TrustReasons is { Length: > 255 })
        {
            problems.Add(new(record, nameof(TrustReasons), TrustReasons[..32] + "…", "is longer than 255 characters"));
        }

        if (ContractAlert is { Length: > 255 })
        {
            problems.Add(new(record, nameof(ContractAlert), ContractAlert[..32] + "…", "is longer than 255 characters"));
        }

        return problems;
    }

    private static void CheckRange(List<ValidationProblem> problems, string record, string field, double? value, double min, double max)
    {
        if (value is double v && (double.IsNaN(v) || v < min || v > max))
        {
            problems.Add(new(record, field, Format(v), $"must be a number between {Format(min)} and {Format(max)}"));
        }
    }

    // "+ 0.0" turns a negative zero into zero, so -0.04 and 0.04 round (and hash) alike.
    private static double? Round(double? value, int digits) =>
        value is double v && double.IsFinite(v) ? Math.Round(v, digits, MidpointRounding.AwayFromZero) + 0.0 : value;

    private static string Format(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture) ?? string.Empty;

    private string Canonical()
    {
        var b = new StringBuilder(160);
        b.Append("v1|").Append((int)Target).Append('|').Append(Id);
        Field(b, Fixed(TrustScore, "F1"));
        Field(b, TrustRank is { } rank ? ((int)rank).ToString(CultureInfo.InvariantCulture) : null);
        Field(b, Fixed(TrustConfidence, "F2"));
        Field(b, Fixed(TrustTrend, "F1"));
        Field(b, LastContactDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(b, FollowUpPriority is { } p ? ((int)p).ToString(CultureInfo.InvariantCulture) : null);
        Field(b, Format(DealCount));
        Field(b, Format(WonCount));
        Field(b, Fixed(WinRatePercent, "F1"));
        Field(b, Revenue?.ToString("F2", CultureInfo.InvariantCulture));
        Field(b, GrossProfit?.ToString("F2", CultureInfo.InvariantCulture));
        Field(b, Fixed(KarteCompletenessPercent, "F1"));
        Field(b, ContractAlert);
        if (TrustReasons is not null)
        {
            // Only when present, so the digests of records written before reasons existed stay as they were.
            Field(b, TrustReasons);
        }

        return b.ToString();

        static string? Fixed(double? value, string format)
        {
            if (value is not double v)
            {
                return null;
            }

            var text = v.ToString(format, CultureInfo.InvariantCulture);
            // "-0.0" and "0.0" are the same written value.
            return text.StartsWith('-') && text.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? text[1..] : text;
        }

        static void Field(StringBuilder b, string? value)
        {
            // Length-prefixed so that no value can imitate a separator.
            b.Append('|');
            if (value is not null)
            {
                b.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
            }
        }
    }
}
