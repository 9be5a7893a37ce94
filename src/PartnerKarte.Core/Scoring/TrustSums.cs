using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PartnerKarte.Scoring;

/// <summary>
/// The sufficient statistics of a trust score: decayed sums anchored at one instant. Every field is a linear sum
/// over events (except <see cref="Last"/>, a maximum), so sums can be added, subtracted and rescaled exactly.
/// </summary>
internal struct TrustSums
{
    // Responsiveness (recent, slot Resp) and the rep's own baseline (slot Base): weight and Σ weight × reply score.
    public double RespW, RespS, BaseW, BaseS;

    // Initiative (slot Init): thread starts, Σ rep-start credit, rep inquiries/questions.
    public double InitW, InitX, InqW;

    // Cadence (slot Cad): Σ over active contact days.
    public double Cadence;

    // Depth (slot Depth): interactions, Σ channel credit, sent by us, sent by the rep.
    public double DepthW, DepthC, DepthUs, DepthRep;

    // Reliability (slot Rel): resolved actions and Σ credit.
    public double RelW, RelX;

    // Sentiment (slot Sent): reactions and Σ reaction score.
    public double SentW, SentX;

    // Outcomes (slot Out): deals sourced, won, lost.
    public double OutSrc, OutWon, OutLost;

    // Not decayed: interactions counted, next actions overdue at the anchor, latest and first contact time (max / min).
    public double Count, Overdue, Last, First;

    public static TrustSums Empty => new() { Last = double.NegativeInfinity, First = double.PositiveInfinity };

    /// <summary>Moves the anchor later by <paramref name="delta"/> days: each slot decays by exp(−λ·delta).</summary>
    public void Decay(TrustParameters p, double delta)
    {
        if (delta == 0)
        {
            return;
        }

        var f = p.DecayOver(delta);
        Scale(f.R, f.B, f.I, f.C, f.D, f.L, f.S, f.O);
    }

    /// <summary>Copies of these sums moved <paramref name="delta"/> days later (cur) and delta − window (lag), with one exp per slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void DecayTo(TrustParameters p, double delta, out TrustSums cur, out TrustSums lag)
    {
        var f = p.DecayOver(delta);
        if (Vector256.IsHardwareAccelerated)
        {
            // Fields 0..19 times their factor (the same products as ScaledInto: Count × 1 is Count), 20..22 copied.
            ref var src = ref Unsafe.As<TrustSums, double>(ref Unsafe.AsRef(in this));
            Unsafe.SkipInit(out cur);
            Unsafe.SkipInit(out lag);
            ref var c = ref Unsafe.As<TrustSums, double>(ref cur);
            ref var l = ref Unsafe.As<TrustSums, double>(ref lag);
            ref var fc = ref MemoryMarshal.GetArrayDataReference(f.CurByField);
            ref var fl = ref MemoryMarshal.GetArrayDataReference(f.LagByField);
            for (nuint i = 0; i < 20; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref src, i);
                (v * Vector256.LoadUnsafe(ref fc, i)).StoreUnsafe(ref c, i);
                (v * Vector256.LoadUnsafe(ref fl, i)).StoreUnsafe(ref l, i);
            }

            cur.Overdue = lag.Overdue = Overdue;
            cur.Last = lag.Last = Last;
            cur.First = lag.First = First;
            return;
        }

        ScaledInto(out cur, f.R, f.B, f.I, f.C, f.D, f.L, f.S, f.O);
        ScaledInto(out lag, f.R * p.BResp, f.B * p.BBase, f.I * p.BInit, f.C * p.BCad, f.D * p.BDepth, f.L * p.BRel, f.S * p.BSent, f.O * p.BOut);
    }

    /// <summary>Writes these sums scaled into <paramref name="s"/> field by field (no whole-struct copy then rescale).</summary>
    private readonly void ScaledInto(out TrustSums s, double r, double b, double i, double c, double d, double l, double se, double o)
    {
        s.RespW = RespW * r; s.RespS = RespS * r; s.BaseW = BaseW * b; s.BaseS = BaseS * b;
        s.InitW = InitW * i; s.InitX = InitX * i; s.InqW = InqW * i;
        s.Cadence = Cadence * c;
        s.DepthW = DepthW * d; s.DepthC = DepthC * d; s.DepthUs = DepthUs * d; s.DepthRep = DepthRep * d;
        s.RelW = RelW * l; s.RelX = RelX * l;
        s.SentW = SentW * se; s.SentX = SentX * se;
        s.OutSrc = OutSrc * o; s.OutWon = OutWon * o; s.OutLost = OutLost * o;
        s.Count = Count; s.Overdue = Overdue; s.Last = Last; s.First = First;
    }

    private void Scale(double r, double b, double i, double c, double d, double l, double s, double o)
    {
        RespW *= r; RespS *= r; BaseW *= b; BaseS *= b;
        InitW *= i; InitX *= i; InqW *= i;
        Cadence *= c;
        DepthW *= d; DepthC *= d; DepthUs *= d; DepthRep *= d;
        RelW *= l; RelX *= l;
        SentW *= s; SentX *= s;
        OutSrc *= o; OutWon *= o; OutLost *= o;
    }

    /// <summary>Adds (sign 1) or subtracts (sign −1) sums anchored at the same instant.</summary>
    public void Add(in TrustSums other, double sign)
    {
        RespW += sign * other.RespW; RespS += sign * other.RespS; BaseW += sign * other.BaseW; BaseS += sign * other.BaseS;
        InitW += sign * other.InitW; InitX += sign * other.InitX; InqW += sign * other.InqW;
        Cadence += sign * other.Cadence;
        DepthW += sign * other.DepthW; DepthC += sign * other.DepthC; DepthUs += sign * other.DepthUs; DepthRep += sign * other.DepthRep;
        RelW += sign * other.RelW; RelX += sign * other.RelX;
        SentW += sign * other.SentW; SentX += sign * other.SentX;
        OutSrc += sign * other.OutSrc; OutWon += sign * other.OutWon; OutLost += sign * other.OutLost;
        Count += sign * other.Count; Overdue += sign * other.Overdue;
        if (sign > 0)
        {
            Last = Math.Max(Last, other.Last);
            First = Math.Min(First, other.First);
        }
    }

    internal const int FieldCount = 23;

    public void WriteTo(Span<double> target)
    {
        ReadOnlySpan<double> v =
        [
            RespW, RespS, BaseW, BaseS, InitW, InitX, InqW, Cadence, DepthW, DepthC, DepthUs, DepthRep,
            RelW, RelX, SentW, SentX, OutSrc, OutWon, OutLost, Count, Overdue, Last, First,
        ];
        v.CopyTo(target);
    }

    public static TrustSums ReadFrom(ReadOnlySpan<double> v) => new()
    {
        RespW = v[0], RespS = v[1], BaseW = v[2], BaseS = v[3], InitW = v[4], InitX = v[5], InqW = v[6], Cadence = v[7],
        DepthW = v[8], DepthC = v[9], DepthUs = v[10], DepthRep = v[11], RelW = v[12], RelX = v[13], SentW = v[14], SentX = v[15],
        OutSrc = v[16], OutWon = v[17], OutLost = v[18], Count = v[19], Overdue = v[20], Last = v[21], First = v[22],
    };
}
