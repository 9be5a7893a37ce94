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

    /// <summary>The factors the event can be evidence of, one bit per factor (bit f = <see cref="Relevant"/>(f, …)).</summary>
    public static int Mask(in TrustEvent e, TrustParameters p)
    {
        if (e.Kind == TrustEventKind.Proposal)
        {
            return 1 << 6;
        }

        var mask = 1 << 2;
        mask |= e.IsRepReply ? 1 : 0;
        mask |= e.IsThreadStart ? 1 << 1 : 0;
        mask |= p.ChannelCredit(e.Channel) >= 0.6 ? 1 << 3 : 0;
        mask |= e.HasAction && !(double.IsNaN(e.Resolved) && double.IsNaN(e.Due)) ? 1 << 4 : 0;
        mask |= e.Reaction != Reaction.Unknown ? 1 << 5 : 0;
        return mask;
    }

    /// <summary>Whether the event is evidence of the factor as of <paramref name="t0"/>.</summary>
    public static bool RelevantAt(int factor, in TrustEvent e, double t0, TrustParameters p) =>
        e.Time <= t0 && Relevant(factor, e, p) && (factor != 4 || e.Resolved <= t0 || e.Due < t0);
}
