using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PartnerKarte.Scoring;

/// <summary>
/// The sums of up to four reps, evaluated into snapshots together: each vector lane is one rep, so the eleven divisions,
/// three exponentials and the clamps, comparisons and labels of a snapshot are done for four reps by one instruction
/// each, with no data-dependent branch. Every lane repeats <see cref="TrustEvaluator.Snapshot"/>'s operations in its
/// order, so the results are the same bits (a property test holds it to that).
/// </summary>
/// <remarks>
/// Used by the nightly batch (<see cref="TrustScorer.ApplyAndSnapshot"/>), where one snapshot per visited rep was 31 % of
/// the time in place (measured by leaving it out) against 16 % in a loop over the same few sums: between state visits
/// the one-rep code is neither predicted nor cached. Evaluated four at a time, the single 10k batch ran 6–8 % faster
/// (<c>ab-nightly</c>, both orders: ×0.917–0.944). Full scoring keeps the one-rep code: there the evaluation stays hot and is a smaller
/// share, and the block (transposing the sums costs about what the branches did) measured 5 % slower.
/// </remarks>
internal struct SnapshotBlock
{
    /// <summary>Reps per block.</summary>
    public const int Width = 4;

    private SumsLanes _cur;
    private SumsLanes _lag;

    /// <summary>Whether the block evaluation is used (256-bit vectors in hardware); otherwise callers score one rep at a time.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>The current sums of lane <paramref name="lane"/>.</summary>
    [UnscopedRef]
    public ref TrustSums Cur(int lane) => ref _cur[lane];

    /// <summary>The lagged sums (a trend window earlier) of lane <paramref name="lane"/>.</summary>
    [UnscopedRef]
    public ref TrustSums Lag(int lane) => ref _lag[lane];

    /// <summary>Evaluates lanes 0..<paramref name="count"/>−1 into <paramref name="results"/>[0..count−1].</summary>
    public void Evaluate(int count, double t0, TrustParameters p, Span<TrustSnapshot> results)
    {
        // Unused lanes repeat lane 0, so they compute ordinary values (and never take the slow exp path on their own).
        for (var lane = count; lane < Width; lane++)
        {
            _cur[lane] = _cur[0];
            _lag[lane] = _lag[0];
        }

        var o = p.Options;
        var cur = Factors(ref _cur, p, out var rated);
        var lagScore = Factors(ref _lag, p, out var lagRated).Score;
        var hasTrend = rated & lagRated;
        var trend = cur.Score - lagScore;

        // Rank: D plus the bands reached (the same as TrustRankBands.RankOf for bands validated S > A > B > C).
        var bands = o.RankBands;
        var score = cur.Score;
        var reached = Ones(Vector256.GreaterThanOrEqual(score, Vector256.Create(bands.C))) + Ones(Vector256.GreaterThanOrEqual(score, Vector256.Create(bands.B)))
            + Ones(Vector256.GreaterThanOrEqual(score, Vector256.Create(bands.A))) + Ones(Vector256.GreaterThanOrEqual(score, Vector256.Create(bands.S)));
        var rank = Vector256.ConditionalSelect(rated, reached + Vector256.Create((double)TrustRank.D), Vector256<double>.Zero);

        var depthW = Load(ref _cur, Field.DepthW);
        var neff = Pos(depthW);
        var confidence = neff / (neff + Vector256.Create(o.ConfidenceScale));

        // Tendencies (Snapshot's Tendencies), each label a mask.
        var initW = Load(ref _cur, Field.InitW);
        var share = Load(ref _cur, Field.InitX) / initW;
        var initiative = Vector256.GreaterThanOrEqual(initW, Vector256.Create(2.0));
        var proactiveShare = Vector256.GreaterThanOrEqual(share, Vector256.Create(o.ProactiveShare));
        var proactive = initiative & proactiveShare;
        var cautious = Vector256.AndNot(initiative, proactiveShare) & Vector256.LessThanOrEqual(share, Vector256.Create(o.CautiousShare));
        var respW = Load(ref _cur, Field.RespW);
        var speed = Load(ref _cur, Field.RespS) / respW;
        var replies = Vector256.GreaterThanOrEqual(respW, Vector256<double>.One);
        var quick = Vector256.GreaterThanOrEqual(speed, Vector256.Create(0.6));
        var fast = replies & quick;
        var slow = Vector256.AndNot(replies, quick) & Vector256.LessThanOrEqual(speed, Vector256.Create(0.4));
        var span = Vector256.Max(Vector256.Create(30.0), Vector256.Create(t0) - Load(ref _cur, Field.First));
        var exposure = (Vector256<double>.One - DecayMath.Exp(Vector256.Create(-p.LInit) * span)) / Vector256.Create(p.LInit);
        var perMonth = Pos(Load(ref _cur, Field.InqW)) / exposure * Vector256.Create(30.0);
        var contacts = Vector256.GreaterThanOrEqual(depthW, Vector256.Create(2.0));
        var often = Vector256.GreaterThanOrEqual(perMonth, Vector256.Create(o.FrequentInquiriesPerMonth));
        var frequent = contacts & often;
        var rare = Vector256.AndNot(contacts, often) & Vector256.LessThanOrEqual(perMonth, Vector256.Create(o.RareInquiriesPerMonth));

        // Priority masks (Snapshot's Priority).
        var last = Load(ref _cur, Field.Last);
        var quietDays = Vector256.Create(t0) - last;
        var quietPeriod = o.QuietPeriod.TotalDays;
        var urgent = Vector256.GreaterThanOrEqual(Load(ref _cur, Field.Overdue), Vector256.Create(0.5))
            | (hasTrend & Vector256.LessThanOrEqual(trend, Vector256.Create(-o.UrgentPriorityDrop)));
        var high = (hasTrend & Vector256.LessThanOrEqual(trend, Vector256.Create(-o.HighPriorityDrop)))
            | (Vector256.GreaterThanOrEqual(rank, Vector256.Create((double)TrustRank.A)) & Vector256.GreaterThan(quietDays, Vector256.Create(quietPeriod)));
        var low = rated & Vector256.LessThanOrEqual(quietDays, Vector256.Create(quietPeriod / 2))
            & (~hasTrend | Vector256.GreaterThanOrEqual(trend, Vector256<double>.Zero));

        var ratedBits = Vector256.ExtractMostSignificantBits(rated);
        var trendBits = Vector256.ExtractMostSignificantBits(hasTrend);
        uint proBits = Vector256.ExtractMostSignificantBits(proactive), cauBits = Vector256.ExtractMostSignificantBits(cautious);
        uint fastBits = Vector256.ExtractMostSignificantBits(fast), slowBits = Vector256.ExtractMostSignificantBits(slow);
        uint freqBits = Vector256.ExtractMostSignificantBits(frequent), rareBits = Vector256.ExtractMostSignificantBits(rare);
        uint urgentBits = Vector256.ExtractMostSignificantBits(urgent), highBits = Vector256.ExtractMostSignificantBits(high);
        var lowBits = Vector256.ExtractMostSignificantBits(low);

        for (var lane = 0; lane < count; lane++)
        {
            ref readonly var s = ref _cur[lane];
            var tendencies = (int)(((proBits >> lane) & 1) * (uint)TrustTendency.Proactive | ((cauBits >> lane) & 1) * (uint)TrustTendency.Cautious
                | ((fastBits >> lane) & 1) * (uint)TrustTendency.FastResponder | ((slowBits >> lane) & 1) * (uint)TrustTendency.SlowResponder
                | ((freqBits >> lane) & 1) * (uint)TrustTendency.FrequentInquirer | ((rareBits >> lane) & 1) * (uint)TrustTendency.RareInquirer);
            var priority = Math.Max(
                Math.Max((int)((urgentBits >> lane) & 1) * (int)FollowUpPriority.Urgent, (int)((highBits >> lane) & 1) * (int)FollowUpPriority.High),
                (int)FollowUpPriority.Normal - (int)((lowBits >> lane) & 1));
            var isRated = ((ratedBits >> lane) & 1) != 0;
            var laneScore = score.GetElement(lane);
            results[lane] = new TrustSnapshot
            {
                Value = isRated ? laneScore : null,
                Rank = (TrustRank)(int)rank.GetElement(lane),
                Confidence = confidence.GetElement(lane),
                Trend = ((trendBits >> lane) & 1) != 0 ? trend.GetElement(lane) : null,
                Tendencies = (TrustTendency)tendencies,
                FollowUpPriority = (FollowUpPriority)priority,
                InteractionCount = (int)Math.Round(s.Count),
                LastContactTime = double.IsNegativeInfinity(s.Last) ? double.NaN : s.Last,
                Responsiveness = cur.R.GetElement(lane),
                Initiative = cur.I.GetElement(lane),
                Cadence = cur.C.GetElement(lane),
                Depth = cur.D.GetElement(lane),
                Reliability = cur.L.GetElement(lane),
                Sentiment = cur.S.GetElement(lane),
                Outcomes = cur.O.GetElement(lane),
            };
        }
    }

    /// <summary>The factors and score of four sets of sums (<see cref="TrustEvaluator.Compute"/>, lane by lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Factors4 Factors(ref SumsLanes s, TrustParameters p, out Vector256<double> rated)
    {
        var o = p.Options;
        double kScalar = o.PriorStrength, m = o.PriorMean;
        var k = Vector256.Create(kScalar);
        var km = Vector256.Create(kScalar * m);
        var f = default(Factors4);
        var baseline = (Pos(Load(ref s, Field.BaseS)) + km) / (Pos(Load(ref s, Field.BaseW)) + k);
        f.R = Clamp01((Pos(Load(ref s, Field.RespS)) + (k * baseline)) / (Pos(Load(ref s, Field.RespW)) + k));
        f.I = Clamp01((Pos(Load(ref s, Field.InitX)) + km) / (Pos(Load(ref s, Field.InitW)) + k));
        var cadence = Pos(Load(ref s, Field.Cadence));
        var outcomes = Pos(Load(ref s, Field.OutSrc));
        var mix = (Pos(Load(ref s, Field.DepthC)) + km) / (Pos(Load(ref s, Field.DepthW)) + k);
        var us = Pos(Load(ref s, Field.DepthUs));
        var rep = Pos(Load(ref s, Field.DepthRep));
        var recip = ((Vector256.Create(2.0) * Vector256.ConditionalSelect(Vector256.LessThan(us, rep), us, rep)) + km) / (us + rep + k);
        var share = o.ReciprocityShare;
        f.D = Clamp01((Vector256.Create(1 - share) * mix) + (Vector256.Create(share) * recip));
        f.L = Clamp01((Pos(Load(ref s, Field.RelX)) + km) / (Pos(Load(ref s, Field.RelW)) + k));
        f.S = Clamp01((Pos(Load(ref s, Field.SentX)) + km) / (Pos(Load(ref s, Field.SentW)) + k));
        var won = Pos(Load(ref s, Field.OutWon));
        var win = (won + km) / (won + Pos(Load(ref s, Field.OutLost)) + k);

        // Both exponentials of a set in one call would need 8 lanes; two 4-lane calls keep the lanes = reps layout.
        f.C = Clamp01(Vector256<double>.One - DecayMath.Exp(-cadence / Vector256.Create(o.CadenceSaturation)));
        var volume = Vector256<double>.One - DecayMath.Exp(-outcomes / Vector256.Create(o.OutcomeSaturation));
        f.O = Clamp01(Vector256.Create(0.5) * (win + volume));

        var w = p.Weights;
        var score = Vector256.Create(100.0) * ((Vector256.Create(w[0]) * f.R) + (Vector256.Create(w[1]) * f.I) + (Vector256.Create(w[2]) * f.C)
            + (Vector256.Create(w[3]) * f.D) + (Vector256.Create(w[4]) * f.L) + (Vector256.Create(w[5]) * f.S) + (Vector256.Create(w[6]) * f.O));
        f.Score = ClampTo(score, Vector256.Create(100.0));
        rated = Vector256.GreaterThanOrEqual(Load(ref s, Field.Count), Vector256.Create(o.MinimumInteractions - 1e-9))
            & Vector256.GreaterThanOrEqual(Load(ref s, Field.DepthW), Vector256.Create(o.MinimumEffectiveInteractions - 1e-9));
        return f;
    }

    /// <summary>Field <paramref name="field"/> of the four lanes' sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load(ref SumsLanes s, int field)
    {
        ref var d = ref Unsafe.As<TrustSums, double>(ref s[0]);
        var stride = Unsafe.SizeOf<TrustSums>() / sizeof(double);
        return Vector256.Create(
            Unsafe.Add(ref d, field), Unsafe.Add(ref d, stride + field), Unsafe.Add(ref d, (2 * stride) + field), Unsafe.Add(ref d, (3 * stride) + field));
    }

    // v > 0 ? v : 0 and v < 0 ? 0 : v > max ? max : v, lane by lane, NaN and −0 as in the scalar code.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Pos(Vector256<double> v) => Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<double>.Zero), v, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Clamp01(Vector256<double> v) => ClampTo(v, Vector256<double>.One);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ClampTo(Vector256<double> v, Vector256<double> max) =>
        Vector256.ConditionalSelect(
            Vector256.LessThan(v, Vector256<double>.Zero),
            Vector256<double>.Zero,
            Vector256.ConditionalSelect(Vector256.GreaterThan(v, max), max, v));

    /// <summary>1 in the lanes of <paramref name="mask"/>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Ones(Vector256<double> mask) => mask & Vector256<double>.One;

    /// <summary>Indices of <see cref="TrustSums"/>' fields, in declaration order.</summary>
    private static class Field
    {
        public const int RespW = 0, RespS = 1, BaseW = 2, BaseS = 3, InitW = 4, InitX = 5, InqW = 6, Cadence = 7, DepthW = 8, DepthC = 9,
            DepthUs = 10, DepthRep = 11, RelW = 12, RelX = 13, SentW = 14, SentX = 15, OutSrc = 16, OutWon = 17, OutLost = 18,
            Count = 19, Overdue = 20, Last = 21, First = 22;
    }

    private struct Factors4
    {
        public Vector256<double> R, I, C, D, L, S, O, Score;
    }

    [InlineArray(Width)]
    private struct SumsLanes
    {
        private TrustSums _element0;
    }
}
