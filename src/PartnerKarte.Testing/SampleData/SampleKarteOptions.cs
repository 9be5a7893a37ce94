namespace PartnerKarte.SampleData;

/// <summary>
/// Sizes and seed of the sample karte data. The defaults give the demo's data set: about 50 partner companies,
/// 400 reps, 20,000 interactions over 18 months and 3,000 proposals.
/// </summary>
public sealed class SampleKarteOptions
{
    /// <summary>The default as-of instant: 2026-11-01 00:00 JST. Pass today's date for alerts relative to now.</summary>
    public static readonly DateTimeOffset DefaultAsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(9));

    /// <summary>The seed; the same seed and sizes always give the same data.</summary>
    public int Seed { get; set; } = 20240401;

    /// <summary>Number of partner companies (≥ 1).</summary>
    public int CompanyCount { get; set; } = 50;

    /// <summary>Number of partner reps (≥ 1).</summary>
    public int RepCount { get; set; } = 400;

    /// <summary>Number of interactions (≥ 0).</summary>
    public long InteractionCount { get; set; } = 20_000;

    /// <summary>Number of proposals (≥ 0).</summary>
    public int ProposalCount { get; set; } = 3_000;

    /// <summary>Number of members of our own team (≥ 1).</summary>
    public int TeamMemberCount { get; set; } = 8;

    /// <summary>Months of history before <see cref="AsOf"/> (1–120).</summary>
    public int HistoryMonths { get; set; } = 18;

    /// <summary>The instant the data describes: nothing happens after it. Times are in JST (UTC+9).</summary>
    public DateTimeOffset AsOf { get; set; } = DefaultAsOf;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        Check(CompanyCount >= 1, nameof(CompanyCount), CompanyCount, "must be at least 1");
        Check(RepCount >= 1, nameof(RepCount), RepCount, "must be at least 1");
        Check(InteractionCount >= 0, nameof(InteractionCount), InteractionCount, "must not be negative");
        Check(ProposalCount >= 0, nameof(ProposalCount), ProposalCount, "must not be negative");
        Check(TeamMemberCount >= 1, nameof(TeamMemberCount), TeamMemberCount, "must be at least 1");
        Check(HistoryMonths is >= 1 and <= 120, nameof(HistoryMonths), HistoryMonths, "must be between 1 and 120");
        Check(AsOf.Year is >= 1900 and <= 9000, nameof(AsOf), AsOf, "must be a plausible date");
    }

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SampleKarteOptions.{name} {rule} (was {value}).");
        }
    }
}
