namespace PartnerKarte.Scoring;

/// <summary>
/// The decayed sums one rep's events add up to as of an instant: each factor is a ratio of two of them, shrunk toward
/// the prior (<see cref="TrustEvaluator"/>). A field is a plain sum over events, except <see cref="Last"/> and
/// <see cref="First"/> (latest and earliest contact).
/// </summary>
internal struct TrustSums
{
    // Responsiveness (recent) and the rep's own baseline (slower decay): weight and Σ weight × reply score.
    public double RespW, RespS, BaseW, BaseS;

    // Initiative: thread starts with a known initiator, Σ rep-start credit, rep inquiries/questions; thread starts whose initiator is not recorded.
    public double InitW, InitX, InqW, InitUnknown;

    // Cadence: Σ over active contact days.
    public double Cadence;

    // Depth: interactions, Σ channel credit, sent by us, sent by the rep.
    public double DepthW, DepthC, DepthUs, DepthRep;

    // Reliability: resolved actions and Σ credit.
    public double RelW, RelX;

    // Sentiment: reactions and Σ reaction score.
    public double SentW, SentX;

    // Outcomes: deals sourced, won, lost.
    public double OutSrc, OutWon, OutLost;

    // Not decayed: interactions counted, the rep's next actions overdue at the anchor, ours overdue at the anchor,
    // latest and first contact time, latest two-way contact time.
    public double Count, Overdue, OwnOverdue, Last, First, LastTwoWay;

    public static TrustSums Empty => new() { Last = double.NegativeInfinity, First = double.PositiveInfinity, LastTwoWay = double.NegativeInfinity };
}
