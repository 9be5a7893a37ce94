using System.ComponentModel.DataAnnotations;

namespace PartnerKarte.Scoring;

/// <summary>
/// Per-factor half-lives of the exponential time decay. A <see langword="null"/> entry falls back to
/// <see cref="TrustScoringOptions.HalfLife"/>. Evidence one half-life old weighs half as much as today's.
/// </summary>
public sealed class TrustHalfLives
{
    /// <summary>Half-life of recent reply latencies. Default: the shared half-life.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? Responsiveness { get; set; }

    /// <summary>Half-life of the rep's own long-run latency baseline, toward which recent replies are shrunk. Default 365 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? ResponsivenessBaseline { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Half-life of who starts contact. Default: the shared half-life.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? Initiative { get; set; }

    /// <summary>Half-life of active contact days. Default 45 days (contact frequency should be recent).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? Cadence { get; set; } = TimeSpan.FromDays(45);

    /// <summary>Half-life of channel mix and reciprocity. Default: the shared half-life.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? Depth { get; set; }

    /// <summary>Half-life of kept and missed next actions. Default: the shared half-life.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? Reliability { get; set; }

    /// <summary>Half-life of reactions. Default: the shared half-life.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? Sentiment { get; set; }

    /// <summary>Half-life of deals sourced, won and lost. Default 180 days (deals are rarer than contacts).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan? Outcomes { get; set; } = TimeSpan.FromDays(180);
}
