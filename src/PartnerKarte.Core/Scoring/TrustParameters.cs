namespace PartnerKarte.Scoring;

/// <summary>Options turned into the numbers the kernel needs (decay rates per slot, lag boosts, tables).</summary>
internal sealed class TrustParameters
{
    // Decay slots: each accumulator belongs to one.
    internal const int Resp = 0, Base = 1, Init = 2, Cad = 3, Depth = 4, Rel = 5, Sent = 6, Out = 7, SlotCount = 8;

    internal TrustParameters(TrustScoringOptions o)
    {
        Options = o;
        Lambda = new double[SlotCount];
        Lambda[Resp] = Rate(o.HalfLifeOf(TrustFactorKind.Responsiveness));
        Lambda[Base] = Rate(o.HalfLives.ResponsivenessBaseline ?? o.HalfLife);
        Lambda[Init] = Rate(o.HalfLifeOf(TrustFactorKind.Initiative));
        Lambda[Cad] = Rate(o.HalfLifeOf(TrustFactorKind.Cadence));
        Lambda[Depth] = Rate(o.HalfLifeOf(TrustFactorKind.Depth));
        Lambda[Rel] = Rate(o.HalfLifeOf(TrustFactorKind.Reliability));
        Lambda[Sent] = Rate(o.HalfLifeOf(TrustFactorKind.Sentiment));
        Lambda[Out] = Rate(o.HalfLifeOf(TrustFactorKind.Outcomes));
        LResp = Lambda[Resp]; LBase = Lambda[Base]; LInit = Lambda[Init]; LCad = Lambda[Cad];
        LDepth = Lambda[Depth]; LRel = Lambda[Rel]; LSent = Lambda[Sent]; LOut = Lambda[Out];
        RespIsDepth = LResp == LDepth;
        InitIsDepth = LInit == LDepth;
        SentIsDepth = LSent == LDepth;
        Window = o.TrendWindow.TotalDays;
        BResp = Math.Exp(LResp * Window); BBase = Math.Exp(LBase * Window); BInit = Math.Exp(LInit * Window); BCad = Math.Exp(LCad * Window);
        BDepth = Math.Exp(LDepth * Window); BRel = Math.Exp(LRel * Window); BSent = Math.Exp(LSent * Window); BOut = Math.Exp(LOut * Window);
        RefLatencyHours = o.ReferenceReplyLatency.TotalHours;
        DayOffset = o.DayBoundaryOffset.TotalDays;
        LateCredit = o.LateActionCredit;
        OverdueHorizon = o.OverdueActionHorizon.TotalDays;
        EvidencePerFactor = o.EvidencePerFactor;
        ChannelWeight = [0.9, 0.7, 0.6, 0.3, 0.4, 0.7, 1.0, 0.3];
        Weights = [o.Weights.Responsiveness, o.Weights.Initiative, o.Weights.Cadence, o.Weights.Depth, o.Weights.Reliability, o.Weights.Sentiment, o.Weights.Outcomes];
        Fingerprint = ComputeFingerprint(o);
    }

    private readonly SlotDecay?[] _decayCache = new SlotDecay?[DecayCacheSize];

    internal TrustScoringOptions Options { get; }

    internal double[] Lambda { get; }

    internal double LResp, LBase, LInit, LCad, LDepth, LRel, LSent, LOut;

    // exp(λ·window): turns a weight anchored at T into one anchored at T − window.
    internal double BResp, BBase, BInit, BCad, BDepth, BRel, BSent, BOut;

    // Slots that share the depth half-life reuse its weight instead of another exp (true with the defaults).
    internal bool RespIsDepth, InitIsDepth, SentIsDepth;

    internal double Window { get; }

    internal double RefLatencyHours { get; }

    internal double DayOffset { get; }

    internal double LateCredit { get; }

    /// <summary>Days an open action may be overdue and still count as overdue; from then on it is stale and settles (<see cref="TrustEvent.FinalTime"/>).</summary>
    internal double OverdueHorizon { get; }

    /// <summary>Evidence ids kept per factor (<see cref="TrustScoringOptions.EvidencePerFactor"/>, read once: states size their table by it).</summary>
    internal int EvidencePerFactor { get; }

    /// <summary>Depth credit per channel (index = <see cref="Karte.InteractionChannel"/>): a meal or meeting says more than an email.</summary>
    internal double[] ChannelWeight { get; }

    internal double[] Weights { get; }

    /// <summary>Hash of every option that shapes accumulated state; a persisted state is only valid under the same fingerprint.</summary>
    internal ulong Fingerprint { get; }

    internal int DayOf(double time) => (int)Math.Floor(time + DayOffset);

    internal double DayStart(int day) => day - DayOffset;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal double ChannelCredit(Karte.InteractionChannel channel) =>
        (uint)channel < (uint)ChannelWeight.Length ? ChannelWeight[(int)channel] : 0.3;

    private const int DecayCacheSize = 256;

    /// <summary>
    /// The per-slot decay factors over <paramref name="delta"/> days, from a small direct-mapped cache keyed by the delta.
    /// A nightly run sees few distinct deltas — scoring decays each state's settled sums by (now − its settled point), which is
    /// the trend window plus the whole nights since the state was last touched; advancing moves the settled point by those
    /// nights — so after the first states of a night these are hits: no exp call and no allocation per state. Entries are
    /// immutable objects swapped atomically: a race only recomputes one.
    /// </summary>
    internal SlotDecay DecayOver(double delta)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(delta);
        var slot = (int)((bits ^ (bits >> 29) ^ (bits >> 47)) % DecayCacheSize);
        var cached = Volatile.Read(ref _decayCache[slot]);
        if (cached is not null && cached.Delta.Equals(delta))
        {
            return cached;
        }

        cached = new SlotDecay(this, delta);
        Volatile.Write(ref _decayCache[slot], cached);
        return cached;
    }

    private static double Rate(TimeSpan halfLife) => Math.Log(2) / halfLife.TotalDays;

    private static ulong ComputeFingerprint(TrustScoringOptions o)
    {
        ulong h = 14695981039346656037UL;
        void Mix(double v)
        {
            h ^= (ulong)BitConverter.DoubleToInt64Bits(v);
            h *= 1099511628211UL;
        }

        Mix(o.HalfLifeOf(TrustFactorKind.Responsiveness).TotalDays);
        Mix((o.HalfLives.ResponsivenessBaseline ?? o.HalfLife).TotalDays);
        foreach (var k in new[] { TrustFactorKind.Initiative, TrustFactorKind.Cadence, TrustFactorKind.Depth, TrustFactorKind.Reliability, TrustFactorKind.Sentiment, TrustFactorKind.Outcomes })
        {
            Mix(o.HalfLifeOf(k).TotalDays);
        }

        Mix(o.TrendWindow.TotalDays);
        Mix(o.ReferenceReplyLatency.TotalHours);
        Mix(o.DayBoundaryOffset.TotalDays);
        Mix(o.LateActionCredit);
        Mix(o.OverdueActionHorizon.TotalDays); // settled sums hold stale actions, and the overdue count of the others
        return h;
    }
}

/// <summary>exp(−λ·delta) for each decay slot of <see cref="TrustParameters"/>.</summary>
internal sealed class SlotDecay
{
    internal SlotDecay(TrustParameters p, double delta)
    {
        Delta = delta;
        R = DecayMath.Exp(-p.LResp * delta);
        B = DecayMath.Exp(-p.LBase * delta);
        I = DecayMath.Exp(-p.LInit * delta);
        C = DecayMath.Exp(-p.LCad * delta);
        D = DecayMath.Exp(-p.LDepth * delta);
        L = DecayMath.Exp(-p.LRel * delta);
        S = DecayMath.Exp(-p.LSent * delta);
        O = DecayMath.Exp(-p.LOut * delta);

        // The factor of each TrustSums field (in declaration order; 1 for the undecayed Count, padded to 20), now and a
        // window earlier, so TrustSums.DecayTo scales the sums with five 4-wide multiplies instead of 38 scalar ones.
        CurByField = [R, R, B, B, I, I, I, C, D, D, D, D, L, L, S, S, O, O, O, 1];
        double rl = R * p.BResp, bl = B * p.BBase, il = I * p.BInit, cl = C * p.BCad, dl = D * p.BDepth, ll = L * p.BRel, sl = S * p.BSent, ol = O * p.BOut;
        LagByField = [rl, rl, bl, bl, il, il, il, cl, dl, dl, dl, dl, ll, ll, sl, sl, ol, ol, ol, 1];
    }

    /// <summary>Per-field factors for the current sums: fields 0..19 of <see cref="TrustSums"/>.</summary>
    internal double[] CurByField { get; }

    /// <summary>Per-field factors for the lagged sums (each slot's factor times its lag boost, the product ScaledInto forms).</summary>
    internal double[] LagByField { get; }

    internal double Delta { get; }

    internal double R { get; }

    internal double B { get; }

    internal double I { get; }

    internal double C { get; }

    internal double D { get; }

    internal double L { get; }

    internal double S { get; }

    internal double O { get; }
}
