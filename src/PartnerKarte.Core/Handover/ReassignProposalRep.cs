using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Moves an open proposal to a successor rep at the partner.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="From">The rep expected now.</param>
/// <param name="To">The successor rep.</param>
public sealed record ReassignProposalRep(ProposalId ProposalId, RepId? From, RepId To) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() => new($"商談 {ProposalId} のパートナー担当を {From} から {To} へ変更", $"Proposal {ProposalId}: partner rep {From} → {To}");
}
