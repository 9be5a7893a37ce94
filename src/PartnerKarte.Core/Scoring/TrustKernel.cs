using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// What one event adds to a rep's sums as of an instant T. Every contribution is a weight exp(−λ·(T − τ)) at the instant τ
/// the observation became true (the interaction, the reply, the close of a deal, the keeping or missing of a promise), so
/// the same event read on a later night only weighs less. The trend compares with the sums as of T − window.
/// </summary>
internal static class TrustKernel
{
    /// <summary>Adds the event's contribution as of <paramref name="t0"/> to <paramref name="cur"/> and as of t0 − window to <paramref name="lag"/>.</summary>
    public static void Add(ref TrustSums cur, ref TrustSums lag, in TrustEvent e, double t0, TrustParameters p)
    {
        AddAt(ref cur, e, t0, p);
        AddAt(ref lag, e, t0 - p.Window, p);
    }

    /// <summary>Adds the event's contribution to sums anchored at <paramref name="t"/>; nothing when it happened later.</summary>
    private static void AddAt(ref TrustSums s, in TrustEvent e, double t, TrustParameters p)
    {
        if (!(e.Time <= t))
        {
            return; // not yet happened (or NaN)
        }

        var age = t - e.Time;
        if (e.Kind == TrustEventKind.Proposal)
        {
            // A deal sourced counts from its creation, its outcome from its close.
            s.OutSrc += Math.Exp(-p.LOut * age);
            if (e.Resolved <= t)
            {
                var wc = Math.Exp(-p.LOut * (t - e.Resolved));
                if (e.Outcome == ProposalOutcome.Won)
                {
                    s.OutWon += wc;
                }
                else
                {
                    s.OutLost += wc;
                }
            }

            return;
        }

        s.Count += 1;
        s.Last = Math.Max(s.Last, e.Time);
        s.First = Math.Min(s.First, e.Time);
        if (e.IsTwoWay)
        {
            s.LastTwoWay = Math.Max(s.LastTwoWay, e.Time);
        }

        var fromRep = e.Initiator == Initiator.Rep;
        if (!e.InitiatorKnown)
        {
            // Who started it is not recorded: missing evidence, neither side's initiative nor a reply to score.
            s.InitUnknown += Math.Exp(-p.LInit * age);
        }
        else if (double.IsNaN(e.LatencyHours))
        {
            // A thread start: who started it is the initiative signal; an inquiry or question from the rep counts double.
            var wi = Math.Exp(-p.LInit * age);
            double x = 0, q = 0;
            if (fromRep)
            {
                var asks = e.Purpose is InteractionPurpose.Inquiry or InteractionPurpose.Question or InteractionPurpose.Proposal;
                x = asks ? 1.0 : 0.75;
                q = e.Purpose is InteractionPurpose.Inquiry or InteractionPurpose.Question ? 1.0 : 0.0;
            }

            s.InitW += wi;
            s.InitX += wi * x;
            s.InqW += wi * q;
        }
        else if (fromRep)
        {
            // A reply by the rep, scored against the reference latency: 0.5 at the reference, towards 1 when faster.
            var score = p.RefLatencyHours / (p.RefLatencyHours + e.LatencyHours);
            var wr = Math.Exp(-p.LResp * age);
            var wb = Math.Exp(-p.LBase * age);
            s.RespW += wr;
            s.RespS += wr * score;
            s.BaseW += wb;
            s.BaseS += wb * score;
        }

        var wd = Math.Exp(-p.LDepth * age);
        s.DepthW += wd;
        s.DepthC += wd * TrustParameters.ChannelCredit(e.Channel);
        if (fromRep)
        {
            s.DepthRep += wd;
        }
        else if (e.InitiatorKnown)
        {
            s.DepthUs += wd;
        }

        if (e.Reaction != Reaction.Unknown)
        {
            var x = e.Reaction == Reaction.Positive ? 1.0 : e.Reaction == Reaction.Neutral ? 0.5 : 0.0;
            var ws = Math.Exp(-p.LSent * age);
            s.SentW += ws;
            s.SentX += ws * x;
        }

        if (e.HasAction && e.OwnAction)
        {
            // Ours to do: it says nothing about the rep's reliability, but an overdue one is an alert for our owner.
            if (!(e.Resolved <= t) && e.Due < t && t < e.Due + p.OverdueHorizon)
            {
                s.OwnOverdue += 1;
            }
        }
        else if (e.HasAction)
        {
            AddAction(ref s, e, t, p);
        }
    }

    /// <summary>A next action as of <paramref name="t"/>: kept (1) or late (credit) once done, missed (0) from its due time, else nothing yet.</summary>
    private static void AddAction(ref TrustSums s, in TrustEvent e, double t, TrustParameters p)
    {
        var done = e.Resolved;
        var due = e.Due;
        if (done <= t)
        {
            var x = double.IsNaN(due) || done <= due ? 1.0 : p.LateCredit;
            var w = Math.Exp(-p.LRel * (t - done));
            s.RelW += w;
            s.RelX += w * x;
        }
        else if (due < t)
        {
            s.RelW += Math.Exp(-p.LRel * (t - due));

            // Overdue (a reason to follow up now) until due + horizon; after that a stale, missed action.
            if (t < due + p.OverdueHorizon)
            {
                s.Overdue += 1;
            }
        }
    }

    /// <summary>Adds one active contact day (first contact at <paramref name="firstTime"/>) to the cadence sums as of t0 and t0 − window.</summary>
    public static void AddDay(ref TrustSums cur, ref TrustSums lag, int day, double firstTime, double t0, TrustParameters p)
    {
        if (firstTime <= t0)
        {
            cur.Cadence += Math.Exp(-p.LCad * (t0 - p.DayStart(day)));
        }

        var lagT = t0 - p.Window;
        if (firstTime <= lagT)
        {
            lag.Cadence += Math.Exp(-p.LCad * (lagT - p.DayStart(day)));
        }
    }
}
