using System.ComponentModel.DataAnnotations;
using PartnerKarte.Validation;

namespace PartnerKarte.Scoring;

/// <summary>
/// Settings of the trust score: decay, weights, rank bands, evidence thresholds and priors.
/// Configuration section <c>PartnerKarte:Scoring</c> (<see cref="SectionName"/>); <c>AddPartnerKarte</c> binds and validates
/// them at startup, and <see cref="TrustScorer"/> refuses invalid options with the same rules.
/// </summary>
public sealed class TrustScoringOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Scoring";

    /// <summary>Shared half-life of the exponential decay, used by every factor without its own entry in <see cref="HalfLives"/>. Default 90 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Per-factor half-lives.</summary>
    [Required]
    public TrustHalfLives HalfLives { get; set; } = new();

    /// <summary>Factor weights; they must sum to 1.</summary>
    [Required]
    public TrustWeights Weights { get; set; } = new();

    /// <summary>Rank band thresholds.</summary>
    [Required]
    public TrustRankBands RankBands { get; set; } = new();

    /// <summary>Fewest interactions (counted, not decayed) for a rating; fewer gives <see cref="TrustRank.Unrated"/>. Default 3.</summary>
    [Range(1, 1000)]
    public int MinimumInteractions { get; set; } = 3;

    /// <summary>Fewest effective (decayed) interactions for a rating, so a rep silent for many half-lives is unrated rather than scored on stale evidence. Default 0.5.</summary>
    [Range(0.0, 1000.0)]
    public double MinimumEffectiveInteractions { get; set; } = 0.5;

    /// <summary>The prior mean every ratio factor is shrunk toward when its evidence is thin (0..1). Default 0.5 (neutral).</summary>
    [Range(0.0, 1.0)]
    public double PriorMean { get; set; } = 0.5;

    /// <summary>Strength of the prior in pseudo-observations: with this many effective observations, evidence and prior weigh equally. Default 3.</summary>
    [Range(0.0, 1_000_000.0, MinimumIsExclusive = true)]
    public double PriorStrength { get; set; } = 3;

    /// <summary>The trend compares the score with the score this long before. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan TrendWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Population reference reply latency: a reply this fast scores 0.5; twice as fast about 0.67, twice as slow 0.33.
    /// Default 24 hours. Calibrate it on your data with <see cref="TrustScorer.MedianReplyLatency(IEnumerable{Karte.Interaction})"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ReferenceReplyLatency { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Decayed active contact days at which cadence reaches 1 − 1/e (63 %). Default 6.</summary>
    [Range(0.0, 1_000_000.0, MinimumIsExclusive = true)]
    public double CadenceSaturation { get; set; } = 6;

    /// <summary>Decayed deals sourced at which the volume half of the outcomes factor reaches 63 %. Default 3.</summary>
    [Range(0.0, 1_000_000.0, MinimumIsExclusive = true)]
    public double OutcomeSaturation { get; set; } = 3;

    /// <summary>Credit (0..1) for a next action done after its due time; on time scores 1, overdue 0. Default 0.4.</summary>
    [Range(0.0, 1.0)]
    public double LateActionCredit { get; set; } = 0.4;

    /// <summary>Share (0..1) of the depth factor taken by reciprocity; the rest is channel mix. Default 0.4.</summary>
    [Range(0.0, 1.0)]
    public double ReciprocityShare { get; set; } = 0.4;

    /// <summary>Effective interactions at which confidence reaches 0.5. Default 5.</summary>
    [Range(0.0, 1_000_000.0, MinimumIsExclusive = true)]
    public double ConfidenceScale { get; set; } = 5;

    /// <summary>UTC offset of the calendar used to count active contact days and to place dates (e.g. proposal close dates). Default +09:00 (JST).</summary>
    [Range(typeof(TimeSpan), "-14:00:00", "14:00:00")]
    public TimeSpan DayBoundaryOffset { get; set; } = TimeSpan.FromHours(9);

    /// <summary>How many evidence ids each factor keeps, newest first. Default 5.</summary>
    [Range(0, 100)]
    public int EvidencePerFactor { get; set; } = 5;

    /// <summary>Share of contact started by the rep at or above which the rep is labelled <see cref="TrustTendency.Proactive"/>. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double ProactiveShare { get; set; } = 0.5;

    /// <summary>Share of contact started by the rep at or below which the rep is labelled <see cref="TrustTendency.Cautious"/>. Default 0.2.</summary>
    [Range(0.0, 1.0)]
    public double CautiousShare { get; set; } = 0.2;

    /// <summary>Inquiries and questions per 30 days at or above which the rep is a <see cref="TrustTendency.FrequentInquirer"/>. Default 2.</summary>
    [Range(0.0, 1000.0, MinimumIsExclusive = true)]
    public double FrequentInquiriesPerMonth { get; set; } = 2;

    /// <summary>Inquiries and questions per 30 days at or below which the rep is a <see cref="TrustTendency.RareInquirer"/>. Default 0.3.</summary>
    [Range(0.0, 1000.0)]
    public double RareInquiriesPerMonth { get; set; } = 0.3;

    /// <summary>A rated rep in contact within half this period, with no falling trend, gets <see cref="FollowUpPriority.Low"/>. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// An open next action overdue by at most this long is an alert: the rep's raises the follow-up to <see cref="FollowUpPriority.High"/>,
    /// ours is an alert for our owner (当社の期限切れタスク). One overdue for longer is a stale task, not an alert (the rep's
    /// still lowers reliability). Default 60 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan OverdueActionHorizon { get; set; } = TimeSpan.FromDays(60);

    /// <summary>A fall of at least this many points over <see cref="TrendWindow"/> gives <see cref="FollowUpPriority.High"/>. Default 5.</summary>
    [Range(0.0, 100.0, MinimumIsExclusive = true)]
    public double HighPriorityDrop { get; set; } = 5;

    /// <summary>A fall of at least this many points over <see cref="TrendWindow"/> gives <see cref="FollowUpPriority.Urgent"/>. Default 12.</summary>
    [Range(0.0, 100.0, MinimumIsExclusive = true)]
    public double UrgentPriorityDrop { get; set; } = 12;

    /// <summary>
    /// A silence alert fires when the time since the last two-way contact is at least this many times the rep's own usual
    /// gap (the median of their recent gaps between two-way contact days), and at least <see cref="SilenceFloor"/>. Default 2
    /// (see docs/scoring-model.md for the trade-off between early detection and false alerts behind it).
    /// </summary>
    [Range(1.0, 1000.0)]
    public double SilenceMultiple { get; set; } = 2;

    /// <summary>The shortest silence that can alert, however frequent the rep's usual contact. Default 14 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan SilenceFloor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A silence longer than this no longer alerts (the rep has most likely moved on; the score fades instead). Default 180 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan SilenceHorizon { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How many of the rep's latest gaps between two-way contact days make the usual rhythm; fewer than 3 gaps give no silence alert. Default 12.</summary>
    [Range(3, 1000)]
    public int SilenceRhythmGaps { get; set; } = 12;

    /// <summary>The half-life used by one factor.</summary>
    /// <param name="kind">The factor.</param>
    /// <returns>Its own half-life, or the shared one.</returns>
    public TimeSpan HalfLifeOf(TrustFactorKind kind) => (kind switch
    {
        TrustFactorKind.Responsiveness => HalfLives.Responsiveness,
        TrustFactorKind.Initiative => HalfLives.Initiative,
        TrustFactorKind.Cadence => HalfLives.Cadence,
        TrustFactorKind.Depth => HalfLives.Depth,
        TrustFactorKind.Reliability => HalfLives.Reliability,
        TrustFactorKind.Sentiment => HalfLives.Sentiment,
        TrustFactorKind.Outcomes => HalfLives.Outcomes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trust factor."),
    }) ?? HalfLife;

    /// <summary>Throws when an option is invalid; the message names each bad option by its configuration key (under <see cref="SectionName"/>).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public void Validate() => OptionsRules.ThrowIfInvalid(this, SectionName);
}
