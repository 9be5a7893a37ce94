using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Gives an open proposal a new owner on our side.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="From">The owner expected now.</param>
/// <param name="To">The new owner.</param>
public sealed record ReassignProposalOwner(ProposalId ProposalId, UserId? From, UserId To) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() => new($"商談 {ProposalId} の担当を {From} から {To} へ変更", $"Proposal {ProposalId}: owner {From} → {To}");
}
