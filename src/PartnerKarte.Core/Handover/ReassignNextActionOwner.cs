using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Gives the open next action of an interaction a new owner on our side.</summary>
/// <param name="InteractionId">The interaction holding the next action.</param>
/// <param name="From">The owner expected now.</param>
/// <param name="To">The new owner.</param>
public sealed record ReassignNextActionOwner(InteractionId InteractionId, UserId? From, UserId To) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() => new($"次回アクション {InteractionId} の担当を {From} から {To} へ変更", $"Next action {InteractionId}: owner {From} → {To}");
}
