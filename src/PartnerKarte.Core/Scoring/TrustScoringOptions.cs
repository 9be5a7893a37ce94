using PartnerKarte.Validation;

namespace PartnerKarte.Scoring;

/// <summary>
/// Settings of the trust score: decay, weights, rank bands, evidence thresholds and priors.
/// Bind from configuration (section <c>PartnerKarte:Scoring</c> by convention) and validate at startup with
/// <see cref="TrustScoringOptionsValidator"/>; <see cref="TrustScorer"/> validates again and refuses invalid options.
/// </summary>
public sealed class TrustScoringOptions
{
    /// <summary>Shared half-life of the exponential decay, used by every factor without its own entry in <see cref="HalfLives"/>. Default 90 days.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Per-factor half-lives.</summary>
    public TrustHalfLives HalfLives { get; set; } = new();

    /// <summary>Factor weights; they must sum to 1.</summary>
    public TrustWeights Weights { get; set; } = new();

    /// <summary>Rank band thresholds.</summary>
    public TrustRankBands RankBands { get; set; } = new();

    /// <summary>Fewest interactions (counted, not decayed) for a rating; fewer gives <see cref="TrustRank.Unrated"/>. Default 3.</summary>
    public int MinimumInteractions { get; set; } = 3;

    /// <summary>Fewest effective (decayed) interactions for a rating, so a rep silent for many half-lives is unrated rather than scored on stale evidence. Default 0.5.</summary>
    public double MinimumEffectiveInteractions { get; set; } = 0.5;

    /// <summary>The prior mean every ratio factor is shrunk toward when its evidence is thin (0..1). Default 0.5 (neutral).</summary>
    public double PriorMean { get; set; } = 0.5;

    /// <summary>Strength of the prior in pseudo-observations: with this many effective observations, evidence and prior weigh equally. Default 3.</summary>
    public double PriorStrength { get; set; } = 3;

    /// <summary>The trend compares the score with the score this long before. Default 30 days.</summary>
    public TimeSpan TrendWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Population reference reply latency: a reply this fast scores 0.5; twice as fast about 0.67, twice as slow 0.33.
    /// Default 24 hours. Calibrate it on your data with <see cref="TrustScorer.MedianReplyLatency(IEnumerable{Karte.Interaction})"/>.
    /// </summary>
    public TimeSpan ReferenceReplyLatency { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Decayed active contact days at which cadence reaches 1 − 1/e (63 %). Default 6.</summary>
    public double CadenceSaturation { get; set; } = 6;

    /// <summary>Decayed deals sourced at which the volume half of the outcomes factor reaches 63 %. Default 3.</summary>
    public double OutcomeSaturation { get; set; } = 3;

    /// <summary>Credit (0..1) for a next action done after its due time; on time scores 1, overdue 0. Default 0.4.</summary>
    public double LateActionCredit { get; set; } = 0.4;

    /// <summary>Share (0..1) of the depth factor taken by reciprocity; the rest is channel mix. Default 0.4.</summary>
    public double ReciprocityShare { get; set; } = 0.4;

    /// <summary>Effective interactions at which confidence reaches 0.5. Default 5.</summary>
    public double ConfidenceScale { get; set; } = 5;

    /// <summary>UTC offset of the calendar used to count active contact days and to place dates (e.g. proposal close dates). Default +09:00 (JST).</summary>
    public TimeSpan DayBoundaryOffset { get; set; } = TimeSpan.FromHours(9);

    /// <summary>How many evidence ids each factor keeps, newest first. Default 5.</summary>
    public int EvidencePerFactor { get; set; } = 5;

    /// <summary>Share of contact started by the rep at or above which the rep is labelled <see cref="TrustTendency.Proactive"/>. Default 0.5.</summary>
    public double ProactiveShare { get; set; } = 0.5;

    /// <summary>Share of contact started by the rep at or below which the rep is labelled <see cref="TrustTendency.Cautious"/>. Default 0.2.</summary>
    public double CautiousShare { get; set; } = 0.2;

    /// <summary>Inquiries and questions per 30 days at or above which the rep is a <see cref="TrustTendency.FrequentInquirer"/>. Default 2.</summary>
    public double FrequentInquiriesPerMonth { get; set; } = 2;

    /// <summary>Inquiries and questions per 30 days at or below which the rep is a <see cref="TrustTendency.RareInquirer"/>. Default 0.3.</summary>
    public double RareInquiriesPerMonth { get; set; } = 0.3;

    /// <summary>A rated rep in contact within half this period, with no falling trend, gets <see cref="FollowUpPriority.Low"/>. Default 30 days.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// An open next action overdue by at most this long is an alert: the rep's raises the follow-up to <see cref="FollowUpPriority.High"/>,
    /// ours is an alert for our owner (当社の期限切れタスク). One overdue for longer is a stale task, not an alert (the rep's
    /// still lowers reliability). Default 60 days.
    /// </summary>
    public TimeSpan OverdueActionHorizon { get; set; } = TimeSpan.FromDays(60);

    /// <summary>A fall of at least this many points over <see cref="TrendWindow"/> gives <see cref="FollowUpPriority.High"/>. Default 5.</summary>
    public double HighPriorityDrop { get; set; } = 5;

    /// <summary>A fall of at least this many points over <see cref="TrendWindow"/> gives <see cref="FollowUpPriority.Urgent"/>. Default 12.</summary>
    public double UrgentPriorityDrop { get; set; } = 12;

    /// <summary>
    /// A silence alert fires when the time since the last two-way contact is at least this many times the rep's own usual
    /// gap (the median of their recent gaps between two-way contact days), and at least <see cref="SilenceFloor"/>. Default 2
    /// (see docs/scoring-model.md for the trade-off between early detection and false alerts behind it).
    /// </summary>
    public double SilenceMultiple { get; set; } = 2;

    /// <summary>The shortest silence that can alert, however frequent the rep's usual contact. Default 14 days.</summary>
    public TimeSpan SilenceFloor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A silence longer than this no longer alerts (the rep has most likely moved on; the score fades instead). Default 180 days.</summary>
    public TimeSpan SilenceHorizon { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How many of the rep's latest gaps between two-way contact days make the usual rhythm; fewer than 3 gaps give no silence alert. Default 12.</summary>
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

    /// <summary>Checks every setting and returns the problems found (empty when valid). Each problem names the option.</summary>
    /// <returns>The problems, with <see cref="ValidationProblem.Record"/> <c>TrustScoringOptions</c> and the option path as the field.</returns>
    public IReadOnlyList<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        void Fail(string field, object? value, string reason) =>
            problems.Add(new ValidationProblem(nameof(TrustScoringOptions), field, value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), reason));
        void Positive(string field, double v)
        {
            if (!(v > 0) || double.IsInfinity(v))
            {
                Fail(field, v, "must be a finite number greater than 0");
            }
        }
        void Unit(string field, double v)
        {
            if (!(v >= 0 && v <= 1))
            {
                Fail(field, v, "must be between 0 and 1");
            }
        }
        void HalfLifeCheck(string field, TimeSpan? h)
        {
            if (h is { } t && t < TimeSpan.FromHours(1))
            {
                Fail(field, t, "half-life must be at least 1 hour");
            }
        }

        if (HalfLives is null || Weights is null || RankBands is null)
        {
            if (HalfLives is null) Fail(nameof(HalfLives), null, "is required");
            if (Weights is null) Fail(nameof(Weights), null, "is required");
            if (RankBands is null) Fail(nameof(RankBands), null, "is required");
            return problems;
        }

        HalfLifeCheck(nameof(HalfLife), HalfLife);
        HalfLifeCheck("HalfLives.Responsiveness", HalfLives.Responsiveness);
        HalfLifeCheck("HalfLives.ResponsivenessBaseline", HalfLives.ResponsivenessBaseline);
        HalfLifeCheck("HalfLives.Initiative", HalfLives.Initiative);
        HalfLifeCheck("HalfLives.Cadence", HalfLives.Cadence);
        HalfLifeCheck("HalfLives.Depth", HalfLives.Depth);
        HalfLifeCheck("HalfLives.Reliability", HalfLives.Reliability);
        HalfLifeCheck("HalfLives.Sentiment", HalfLives.Sentiment);
        HalfLifeCheck("HalfLives.Outcomes", HalfLives.Outcomes);

        foreach (var kind in Enum.GetValues<TrustFactorKind>())
        {
            Unit("Weights." + kind, Weights.Get(kind));
        }

        var sum = Weights.Sum;
        if (Math.Abs(sum - 1.0) > 1e-6)
        {
            Fail(nameof(Weights), sum, $"weights must sum to 1 but sum to {sum.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (!(RankBands.S <= 100 && RankBands.S > RankBands.A && RankBands.A > RankBands.B && RankBands.B > RankBands.C && RankBands.C > 0))
        {
            Fail(nameof(RankBands), $"S={RankBands.S}, A={RankBands.A}, B={RankBands.B}, C={RankBands.C}", "bands must satisfy 100 >= S > A > B > C > 0");
        }

        if (MinimumInteractions < 1)
        {
            Fail(nameof(MinimumInteractions), MinimumInteractions, "must be at least 1");
        }

        if (!(MinimumEffectiveInteractions >= 0) || double.IsInfinity(MinimumEffectiveInteractions))
        {
            Fail(nameof(MinimumEffectiveInteractions), MinimumEffectiveInteractions, "must be a finite number of at least 0");
        }

        Unit(nameof(PriorMean), PriorMean);
        Positive(nameof(PriorStrength), PriorStrength);
        if (TrendWindow <= TimeSpan.Zero)
        {
            Fail(nameof(TrendWindow), TrendWindow, "must be longer than zero");
        }

        if (ReferenceReplyLatency < TimeSpan.FromMinutes(1))
        {
            Fail(nameof(ReferenceReplyLatency), ReferenceReplyLatency, "must be at least 1 minute");
        }

        Positive(nameof(CadenceSaturation), CadenceSaturation);
        Positive(nameof(OutcomeSaturation), OutcomeSaturation);
        Unit(nameof(LateActionCredit), LateActionCredit);
        Unit(nameof(ReciprocityShare), ReciprocityShare);
        Positive(nameof(ConfidenceScale), ConfidenceScale);
        if (DayBoundaryOffset < TimeSpan.FromHours(-14) || DayBoundaryOffset > TimeSpan.FromHours(14))
        {
            Fail(nameof(DayBoundaryOffset), DayBoundaryOffset, "must be a UTC offset between -14:00 and +14:00");
        }

        if (EvidencePerFactor is < 0 or > 100)
        {
            Fail(nameof(EvidencePerFactor), EvidencePerFactor, "must be between 0 and 100");
        }

        Unit(nameof(ProactiveShare), ProactiveShare);
        Unit(nameof(CautiousShare), CautiousShare);
        if (CautiousShare >= ProactiveShare)
        {
            Fail(nameof(CautiousShare), CautiousShare, "must be below ProactiveShare");
        }

        if (!(RareInquiriesPerMonth >= 0) || !(FrequentInquiriesPerMonth > RareInquiriesPerMonth) || double.IsInfinity(FrequentInquiriesPerMonth))
        {
            Fail(nameof(FrequentInquiriesPerMonth), FrequentInquiriesPerMonth, "must be finite and above RareInquiriesPerMonth, which must be at least 0");
        }

        if (QuietPeriod <= TimeSpan.Zero)
        {
            Fail(nameof(QuietPeriod), QuietPeriod, "must be longer than zero");
        }

        if (OverdueActionHorizon <= TimeSpan.Zero)
        {
            Fail(nameof(OverdueActionHorizon), OverdueActionHorizon, "must be longer than zero");
        }

        if (!(SilenceMultiple >= 1) || double.IsInfinity(SilenceMultiple))
        {
            Fail(nameof(SilenceMultiple), SilenceMultiple, "must be a finite number of at least 1");
        }

        if (SilenceFloor <= TimeSpan.Zero || SilenceHorizon <= SilenceFloor)
        {
            Fail(nameof(SilenceFloor), SilenceFloor, "must be longer than zero and shorter than SilenceHorizon");
        }

        if (SilenceRhythmGaps is < 3 or > 1000)
        {
            Fail(nameof(SilenceRhythmGaps), SilenceRhythmGaps, "must be between 3 and 1000");
        }

        Positive(nameof(HighPriorityDrop), HighPriorityDrop);
        if (!(UrgentPriorityDrop >= HighPriorityDrop) || double.IsInfinity(UrgentPriorityDrop))
        {
            Fail(nameof(UrgentPriorityDrop), UrgentPriorityDrop, "must be finite and at least HighPriorityDrop");
        }

        return problems;
    }
}
