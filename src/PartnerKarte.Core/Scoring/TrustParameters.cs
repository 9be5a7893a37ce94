namespace PartnerKarte.Scoring;

/// <summary>Options turned into the numbers the formulas need: a decay rate per factor, the trend window, channel credits.</summary>
internal sealed class TrustParameters
{
    internal TrustParameters(TrustScoringOptions o)
    {
        Options = o;
        LResp = Rate(o.HalfLifeOf(TrustFactorKind.Responsiveness));
        LBase = Rate(o.HalfLives.ResponsivenessBaseline ?? o.HalfLife);
        LInit = Rate(o.HalfLifeOf(TrustFactorKind.Initiative));
        LCad = Rate(o.HalfLifeOf(TrustFactorKind.Cadence));
        LDepth = Rate(o.HalfLifeOf(TrustFactorKind.Depth));
        LRel = Rate(o.HalfLifeOf(TrustFactorKind.Reliability));
        LSent = Rate(o.HalfLifeOf(TrustFactorKind.Sentiment));
        LOut = Rate(o.HalfLifeOf(TrustFactorKind.Outcomes));
        Window = o.TrendWindow.TotalDays;
        RefLatencyHours = o.ReferenceReplyLatency.TotalHours;
        DayOffset = o.DayBoundaryOffset.TotalDays;
        LateCredit = o.LateActionCredit;
        OverdueHorizon = o.OverdueActionHorizon.TotalDays;
        Weights = [o.Weights.Responsiveness, o.Weights.Initiative, o.Weights.Cadence, o.Weights.Depth, o.Weights.Reliability, o.Weights.Sentiment, o.Weights.Outcomes];
    }

    internal TrustScoringOptions Options { get; }

    /// <summary>Decay rates per day (ln 2 / half-life) of each factor's evidence.</summary>
    internal double LResp { get; }

    internal double LBase { get; }

    internal double LInit { get; }

    internal double LCad { get; }

    internal double LDepth { get; }

    internal double LRel { get; }

    internal double LSent { get; }

    internal double LOut { get; }

    /// <summary>The trend window in days: the trend compares the score now with the score this long ago.</summary>
    internal double Window { get; }

    internal double RefLatencyHours { get; }

    internal double DayOffset { get; }

    internal double LateCredit { get; }

    /// <summary>Days an open action may be overdue and still count as overdue; after that it is a stale, missed action.</summary>
    internal double OverdueHorizon { get; }

    /// <summary>Factor weights in <see cref="TrustFactorKind"/> order.</summary>
    internal double[] Weights { get; }

    /// <summary>The calendar day (in the team's time zone) of an event time.</summary>
    internal int DayOf(double time) => (int)Math.Floor(time + DayOffset);

    /// <summary>The event time at which a calendar day starts.</summary>
    internal double DayStart(int day) => day - DayOffset;

    /// <summary>Depth credit of a channel: a meal or a meeting says more about the relationship than an e-mail.</summary>
    internal static double ChannelCredit(Karte.InteractionChannel channel) => channel switch
    {
        Karte.InteractionChannel.Meeting => 0.9,
        Karte.InteractionChannel.WebMeeting => 0.7,
        Karte.InteractionChannel.Call => 0.6,
        Karte.InteractionChannel.Email => 0.3,
        Karte.InteractionChannel.Chat => 0.4,
        Karte.InteractionChannel.Event => 0.7,
        Karte.InteractionChannel.Meal => 1.0,
        _ => 0.3,
    };

    private static double Rate(TimeSpan halfLife) => Math.Log(2) / halfLife.TotalDays;
}
