namespace PartnerKarte.Scoring;

/// <summary>Turns sums into factor values, a score, a rank, tendencies and a follow-up priority.</summary>
internal static class TrustEvaluator
{
    internal struct Factors
    {
        public double R, I, C, D, L, S, O, Score;
        public bool Rated;

        public readonly double Get(int i) => i switch { 0 => R, 1 => I, 2 => C, 3 => D, 4 => L, 5 => S, _ => O };
    }

    private static double Clamp01(double v) => v < 0 ? 0 : v > 1 ? 1 : v;

    private static double Pos(double v) => v > 0 ? v : 0;

    public static Factors Compute(in TrustSums s, TrustParameters p)
    {
        var o = p.Options;
        double k = o.PriorStrength, m = o.PriorMean;
        var f = default(Factors);
        var baseline = (Pos(s.BaseS) + k * m) / (Pos(s.BaseW) + k);
        f.R = Clamp01((Pos(s.RespS) + k * baseline) / (Pos(s.RespW) + k));
        f.I = Clamp01((Pos(s.InitX) + k * m) / (Pos(s.InitW) + k));
        f.C = Clamp01(1 - Math.Exp(-Pos(s.Cadence) / o.CadenceSaturation));
        var mix = (Pos(s.DepthC) + k * m) / (Pos(s.DepthW) + k);
        double us = Pos(s.DepthUs), rep = Pos(s.DepthRep);
        var recip = (2 * Math.Min(us, rep) + k * m) / (us + rep + k);
        f.D = Clamp01(((1 - o.ReciprocityShare) * mix) + (o.ReciprocityShare * recip));
        f.L = Clamp01((Pos(s.RelX) + k * m) / (Pos(s.RelW) + k));
        f.S = Clamp01((Pos(s.SentX) + k * m) / (Pos(s.SentW) + k));
        var win = (Pos(s.OutWon) + k * m) / (Pos(s.OutWon) + Pos(s.OutLost) + k);
        var volume = 1 - Math.Exp(-Pos(s.OutSrc) / o.OutcomeSaturation);
        f.O = Clamp01(0.5 * (win + volume));
        var w = p.Weights;
        var score = 100 * ((w[0] * f.R) + (w[1] * f.I) + (w[2] * f.C) + (w[3] * f.D) + (w[4] * f.L) + (w[5] * f.S) + (w[6] * f.O));
        f.Score = score < 0 ? 0 : score > 100 ? 100 : score;
        f.Rated = IsRated(s, o);
        return f;
    }

    // Tolerances keep full and incremental runs on the same side of a threshold despite rounding.
    private static bool IsRated(in TrustSums s, TrustScoringOptions o) =>
        s.Count >= o.MinimumInteractions - 1e-9 && s.DepthW >= o.MinimumEffectiveInteractions - 1e-9;

    /// <summary>The snapshot of a rep as of <paramref name="t0"/>.</summary>
    /// <param name="cur">Sums as of t0.</param>
    /// <param name="lag">Sums one trend window earlier.</param>
    /// <param name="t0">The instant.</param>
    /// <param name="p">Parameters.</param>
    /// <param name="usualGapDays">The rep's median gap between two-way contact days, or NaN when there are too few gaps to know it.</param>
    public static TrustSnapshot Snapshot(in TrustSums cur, in TrustSums lag, double t0, TrustParameters p, double usualGapDays = double.NaN)
    {
        var o = p.Options;
        var f = Compute(cur, p);
        double? value = f.Rated ? f.Score : null;
        double? trend = null;
        if (f.Rated && IsRated(lag, o))
        {
            // The lagged factors only matter for the trend: skip them when there is none.
            trend = f.Score - Compute(lag, p).Score;
        }

        var rank = f.Rated ? o.RankBands.RankOf(f.Score) : TrustRank.Unrated;

        // Interactions whose initiator is not recorded count half toward confidence: the channel is known, the direction is not.
        var neff = Pos(cur.DepthW) - (0.5 * Math.Min(Pos(cur.DepthW), Pos(cur.InitUnknown)));
        var alerts = Alerts(trend, cur, t0, p, usualGapDays);
        var last = double.IsNegativeInfinity(cur.Last) ? double.NaN : cur.Last;
        return new TrustSnapshot
        {
            Value = value,
            Rank = rank,
            Confidence = neff / (neff + o.ConfidenceScale),
            Trend = trend,
            Tendencies = Tendencies(cur, t0, p),
            FollowUpPriority = Priority(rank, trend, cur, t0, p, alerts),
            Alerts = alerts,
            InitiativeUnknown = Pos(cur.InitUnknown),
            InitiativeKnown = Pos(cur.InitW),
            InteractionCount = (int)Math.Round(cur.Count),
            LastContactTime = last,
            Responsiveness = f.R,
            Initiative = f.I,
            Cadence = f.C,
            Depth = f.D,
            Reliability = f.L,
            Sentiment = f.S,
            Outcomes = f.O,
        };
    }

    private static TrustTendency Tendencies(in TrustSums s, double t0, TrustParameters p)
    {
        var o = p.Options;
        var t = TrustTendency.None;
        if (s.InitW >= 2 && s.InitW >= s.InitUnknown)
        {
            var share = s.InitX / s.InitW;
            if (share >= o.ProactiveShare) t |= TrustTendency.Proactive;
            else if (share <= o.CautiousShare) t |= TrustTendency.Cautious;
        }

        if (s.RespW >= 1)
        {
            // Mean reply score: 0.6 ⇔ typical reply in 2/3 of the reference latency, 0.4 ⇔ 1.5×.
            var speed = s.RespS / s.RespW;
            if (speed >= 0.6) t |= TrustTendency.FastResponder;
            else if (speed <= 0.4) t |= TrustTendency.SlowResponder;
        }

        if (s.DepthW >= 2)
        {
            // A decayed count over the decayed exposure ∫exp(−λ(t0−u))du since first contact (at least 30 days) is a rate per day.
            var exposure = (1 - Math.Exp(-p.LInit * Math.Max(30, t0 - s.First))) / p.LInit;
            var perMonth = Pos(s.InqW) / exposure * 30;
            if (perMonth >= o.FrequentInquiriesPerMonth) t |= TrustTendency.FrequentInquirer;
            else if (perMonth <= o.RareInquiriesPerMonth) t |= TrustTendency.RareInquirer;
        }

        return t;
    }

    /// <summary>
    /// The follow-up priority: Urgent for a sharp score drop, or a silence while the rep owes an overdue action or is ranked
    /// A or S (a valuable relationship going quiet); High for a
    /// silence against the rep's own rhythm, an overdue action the rep owes, or a smaller drop; Low for a rated rep in
    /// recent, steady contact; else Normal. Our own overdue tasks never raise it (they are an alert for our owner).
    /// </summary>
    private static FollowUpPriority Priority(TrustRank rank, double? trend, in TrustSums s, double t0, TrustParameters p, FollowUpAlert[] alerts)
    {
        var o = p.Options;
        var silent = Has(alerts, FollowUpAlertKind.Silence);
        var owes = Has(alerts, FollowUpAlertKind.RepActionOverdue);
        if (trend <= -o.UrgentPriorityDrop || (silent && (owes || rank >= TrustRank.A)))
        {
            return FollowUpPriority.Urgent;
        }

        if (silent || owes || trend <= -o.HighPriorityDrop)
        {
            return FollowUpPriority.High;
        }

        var quietDays = double.IsNegativeInfinity(s.Last) ? double.PositiveInfinity : t0 - s.Last;
        if (rank != TrustRank.Unrated && quietDays <= o.QuietPeriod.TotalDays / 2 && (trend is null || trend >= 0))
        {
            return FollowUpPriority.Low;
        }

        return FollowUpPriority.Normal;
    }

    private static bool Has(FollowUpAlert[] alerts, FollowUpAlertKind kind)
    {
        foreach (var a in alerts)
        {
            if (a.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The alerts as of t0, most pressing first, each with its reason in Japanese and English.</summary>
    private static FollowUpAlert[] Alerts(double? trend, in TrustSums s, double t0, TrustParameters p, double usualGapDays)
    {
        var o = p.Options;
        List<FollowUpAlert>? list = null;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (!double.IsNaN(usualGapDays) && !double.IsNegativeInfinity(s.LastTwoWay))
        {
            var silentDays = t0 - s.LastTwoWay;
            var threshold = Math.Max(o.SilenceFloor.TotalDays, o.SilenceMultiple * usualGapDays);
            if (silentDays >= threshold && silentDays <= o.SilenceHorizon.TotalDays)
            {
                var d = Math.Floor(silentDays).ToString("0", inv);
                var g = Math.Max(1, Math.Round(usualGapDays)).ToString("0", inv);
                var x = (silentDays / Math.Max(1, usualGapDays)).ToString("0.0", inv);
                (list ??= []).Add(new FollowUpAlert(
                    FollowUpAlertKind.Silence,
                    new LocalizedText($"双方向の接触が{d}日途絶（通常の間隔 {g}日の{x}倍）",
                    $"No two-way contact for {d} days ({x}× the usual {g}-day gap)"))
                { SilentDays = silentDays, UsualGapDays = usualGapDays });
            }
        }

        if (trend is { } t && t <= -o.HighPriorityDrop)
        {
            var drop = (-t).ToString("0.0", inv);
            var days = o.TrendWindow.TotalDays.ToString("0", inv);
            (list ??= []).Add(new FollowUpAlert(FollowUpAlertKind.ScoreDrop, new LocalizedText($"信頼スコアが{days}日で{drop}ポイント低下", $"Trust score fell {drop} points in {days} days")));
        }

        if (s.Overdue >= 0.5)
        {
            var n = Math.Round(s.Overdue).ToString("0", inv);
            (list ??= []).Add(new FollowUpAlert(FollowUpAlertKind.RepActionOverdue, new LocalizedText($"先方の次回アクションが期限切れ（{n}件）", $"{n} next action(s) the rep owes are overdue")));
        }

        if (s.OwnOverdue >= 0.5)
        {
            var n = Math.Round(s.OwnOverdue).ToString("0", inv);
            (list ??= []).Add(new FollowUpAlert(FollowUpAlertKind.OwnActionOverdue, new LocalizedText($"当社の期限切れタスク（{n}件）: 当社担当者の対応待ち", $"{n} overdue task(s) of our own: for our owner, not the rep")));
        }

        return list is null ? [] : [.. list];
    }

    /// <summary>Effective samples behind each factor, in <see cref="TrustFactorKind"/> order.</summary>
    public static double Effective(in TrustSums s, int factor) => factor switch
    {
        0 => Pos(s.RespW),
        1 => Pos(s.InitW),
        2 => Pos(s.Cadence),
        3 => Pos(s.DepthW),
        4 => Pos(s.RelW),
        5 => Pos(s.SentW),
        _ => Pos(s.OutSrc) + Pos(s.OutWon) + Pos(s.OutLost),
    };
}
