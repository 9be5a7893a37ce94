using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>Which events count as evidence of which factor.</summary>
internal static class TrustEvidence
{
    internal const int FactorCount = 7;

    /// <summary>Whether the event can be evidence of the factor at all (independent of time).</summary>
    public static bool Relevant(int factor, in TrustEvent e, TrustParameters p) => factor switch
    {
        0 => e.IsRepReply,
        1 => e.IsThreadStart,
        2 => e.Kind == TrustEventKind.Interaction,
        3 => e.Kind == TrustEventKind.Interaction && p.ChannelCredit(e.Channel) >= 0.6,
        4 => e.HasAction && !(double.IsNaN(e.Resolved) && double.IsNaN(e.Due)),
        5 => e.Kind == TrustEventKind.Interaction && e.Reaction != Reaction.Unknown,
        _ => e.Kind == TrustEventKind.Proposal,
    };

    /// <summary>Whether the event is evidence of the factor as of <paramref name="t0"/>.</summary>
    public static bool RelevantAt(int factor, in TrustEvent e, double t0, TrustParameters p) =>
        e.Time <= t0 && Relevant(factor, e, p) && (factor != 4 || e.Resolved <= t0 || e.Due < t0);
}
