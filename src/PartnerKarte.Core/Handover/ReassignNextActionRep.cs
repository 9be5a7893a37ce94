using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Moves an open next action to a successor rep (sets <see cref="NextAction.RepId"/>; the interaction keeps its rep).</summary>
/// <param name="InteractionId">The interaction holding the next action.</param>
/// <param name="From">The rep the action is with now.</param>
/// <param name="To">The successor rep.</param>
public sealed record ReassignNextActionRep(InteractionId InteractionId, RepId From, RepId To) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() => new($"次回アクション {InteractionId} の相手を {From} から {To} へ変更", $"Next action {InteractionId}: partner rep {From} → {To}");
}
