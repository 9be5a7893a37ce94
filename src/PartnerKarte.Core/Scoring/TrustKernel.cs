using System.Runtime.CompilerServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// The per-event arithmetic shared by full scoring and incremental state: the contribution C(e, T) of one event
/// to sums anchored at T. Everything an event contributes is a weight exp(−λ·(T − τ)) at the instant τ the
/// observation became true, so contributions are linear and full and incremental runs agree.
/// </summary>
internal static class TrustKernel
{
    /// <summary>Adds C(e, T) to <paramref name="cur"/> and, when <paramref name="withLag"/>, C(e, T − window) to <paramref name="lag"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref TrustSums cur, ref TrustSums lag, in TrustEvent e, double t0, TrustParameters p, bool withLag)
    {
        var lagT = t0 - p.Window;
        var t = e.Time;
        if (!(t <= t0))
        {
            return; // not yet happened (or NaN)
        }

        var inLag = withLag && t <= lagT;
        var age = t0 - t;
        if (e.Kind == TrustEventKind.Proposal)
        {
            var w = DecayMath.Exp(-p.LOut * age);
            cur.OutSrc += w;
            if (inLag)
            {
                lag.OutSrc += w * p.BOut;
            }

            var closed = e.Resolved;
            if (closed <= t0)
            {
                var wc = DecayMath.Exp(-p.LOut * (t0 - closed));
                var won = e.Outcome == ProposalOutcome.Won;
                if (won) cur.OutWon += wc; else cur.OutLost += wc;
                if (withLag && closed <= lagT)
                {
                    if (won) lag.OutWon += wc * p.BOut; else lag.OutLost += wc * p.BOut;
                }
            }

            return;
        }

        cur.Count += 1;
        if (t > cur.Last) cur.Last = t;
        if (t < cur.First) cur.First = t;
        if (inLag)
        {
            lag.Count += 1;
            if (t > lag.Last) lag.Last = t;
            if (t < lag.First) lag.First = t;
        }

        // Every interaction feeds depth; factors with the same half-life reuse its weight.
        var wd = DecayMath.Exp(-p.LDepth * age);
        var latency = e.LatencyHours;
        var fromRep = e.Initiator == Initiator.Rep;
        if (double.IsNaN(latency))
        {
            // A thread start: who started it is the initiative signal.
            var wi = p.InitIsDepth ? wd : DecayMath.Exp(-p.LInit * age);
            double x = 0, q = 0;
            if (fromRep)
            {
                var purpose = e.Purpose;
                var asks = purpose is InteractionPurpose.Inquiry or InteractionPurpose.Question or InteractionPurpose.Proposal;
                x = asks ? 1.0 : 0.75;
                q = purpose is InteractionPurpose.Inquiry or InteractionPurpose.Question ? 1.0 : 0.0;
            }

            cur.InitW += wi; cur.InitX += wi * x; cur.InqW += wi * q;
            if (inLag)
            {
                var wl = wi * p.BInit;
                lag.InitW += wl; lag.InitX += wl * x; lag.InqW += wl * q;
            }
        }
        else if (fromRep)
        {
            // A reply by the rep: score against the population reference, 0.5 at the reference latency.
            var s = p.RefLatencyHours / (p.RefLatencyHours + latency);
            var wr = p.RespIsDepth ? wd : DecayMath.Exp(-p.LResp * age);
            var wb = DecayMath.Exp(-p.LBase * age);
            cur.RespW += wr; cur.RespS += wr * s; cur.BaseW += wb; cur.BaseS += wb * s;
            if (inLag)
            {
                var wrl = wr * p.BResp;
                var wbl = wb * p.BBase;
                lag.RespW += wrl; lag.RespS += wrl * s; lag.BaseW += wbl; lag.BaseS += wbl * s;
            }
        }

        var credit = p.ChannelCredit(e.Channel);
        cur.DepthW += wd; cur.DepthC += wd * credit;
        if (fromRep) cur.DepthRep += wd; else cur.DepthUs += wd;
        if (inLag)
        {
            var wl = wd * p.BDepth;
            lag.DepthW += wl; lag.DepthC += wl * credit;
            if (fromRep) lag.DepthRep += wl; else lag.DepthUs += wl;
        }

        var reaction = e.Reaction;
        if (reaction != Reaction.Unknown)
        {
            var sx = reaction == Reaction.Positive ? 1.0 : reaction == Reaction.Neutral ? 0.5 : 0.0;
            var ws = p.SentIsDepth ? wd : DecayMath.Exp(-p.LSent * age);
            cur.SentW += ws; cur.SentX += ws * sx;
            if (inLag)
            {
                var wl = ws * p.BSent;
                lag.SentW += wl; lag.SentX += wl * sx;
            }
        }

        if (e.HasAction)
        {
            AddAction(ref cur, e, t0, p);
            if (inLag)
            {
                AddAction(ref lag, e, lagT, p);
            }
        }
    }

    /// <summary>The state of a next action as of <paramref name="t0"/>: kept (1) or late (credit) when done, missed (0) from its due time, else nothing yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddAction(ref TrustSums s, in TrustEvent e, double t0, TrustParameters p)
    {
        var done = e.Resolved;
        var due = e.Due;
        if (done <= t0)
        {
            var x = double.IsNaN(due) || done <= due ? 1.0 : p.LateCredit;
            var w = DecayMath.Exp(-p.LRel * (t0 - done));
            s.RelW += w; s.RelX += w * x;
        }
        else if (due < t0)
        {
            s.RelW += DecayMath.Exp(-p.LRel * (t0 - due));
            // Overdue until due + horizon, then stale (TrustEvent.FinalTime: settled from then on).
            if (t0 < due + p.OverdueHorizon)
            {
                s.Overdue += 1;
            }
        }
    }

    /// <summary>Adds one active contact day (first contact at <paramref name="firstTime"/>) to the cadence sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddDay(ref TrustSums cur, ref TrustSums lag, int day, double firstTime, double t0, TrustParameters p, bool withLag)
    {
        if (!(firstTime <= t0))
        {
            return;
        }

        var w = DecayMath.Exp(-p.LCad * (t0 - p.DayStart(day)));
        cur.Cadence += w;
        if (withLag && firstTime <= t0 - p.Window)
        {
            lag.Cadence += w * p.BCad;
        }
    }
}
