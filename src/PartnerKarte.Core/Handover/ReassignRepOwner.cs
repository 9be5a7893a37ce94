using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Gives the relationship with a partner rep a new owner on our side.</summary>
/// <param name="RepId">The rep.</param>
/// <param name="From">The owner expected now.</param>
/// <param name="To">The new owner.</param>
public sealed record ReassignRepOwner(RepId RepId, UserId? From, UserId To) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() => new($"担当者 {RepId} の窓口を {From} から {To} へ変更", $"Rep {RepId}: owner {From} → {To}");
}
