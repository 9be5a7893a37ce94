using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>How much of a partner's deal flow and trust sat with one rep (キーパーソン依存).</summary>
/// <param name="CompanyId">The partner company.</param>
/// <param name="RepId">The departing rep.</param>
/// <param name="DealFlowShare">Share of the company's proposals in the window that came through the rep, 0..1.</param>
/// <param name="WonAmountShare">Share of the company's won amount in the window that came through the rep, 0..1.</param>
/// <param name="TrustShare">The rep's trust value over the sum of the trust values of the company's reps, 0..1.</param>
/// <param name="ProposalCount">Proposals of the company in the window (the evidence behind the deal-flow share).</param>
/// <param name="Level">The resulting level.</param>
public sealed record KeyPersonRisk(CompanyId CompanyId, RepId RepId, double DealFlowShare, double WonAmountShare, double TrustShare, int ProposalCount, KeyPersonRiskLevel Level)
{
    /// <summary>Whether the risk is flagged (level above none).</summary>
    public bool Flagged => Level != KeyPersonRiskLevel.None;
}
