using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>Which events count as evidence of which factor (the ids a <see cref="TrustFactor"/> lists).</summary>
internal static class TrustEvidence
{
    internal const int FactorCount = 7;

    /// <summary>Whether the event is evidence of the factor as of <paramref name="t0"/>.</summary>
    public static bool RelevantAt(int factor, in TrustEvent e, double t0) => e.Time <= t0 && factor switch
    {
        0 => e.IsRepReply,
        1 => e.IsThreadStart,
        2 => e.Kind == TrustEventKind.Interaction,
        3 => e.Kind == TrustEventKind.Interaction && TrustParameters.ChannelCredit(e.Channel) >= 0.6,
        4 => e.HasAction && !e.OwnAction && (e.Resolved <= t0 || e.Due < t0),
        5 => e.Kind == TrustEventKind.Interaction && e.Reaction != Reaction.Unknown,
        _ => e.Kind == TrustEventKind.Proposal,
    };
}
