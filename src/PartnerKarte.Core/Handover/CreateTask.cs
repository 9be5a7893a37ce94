using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Creates a task for our team; its deterministic id makes creating it twice a no-op.</summary>
/// <param name="Task">The task.</param>
public sealed record CreateTask(KarteTask Task) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() => new($"タスク作成: {Task.Subject}（担当 {Task.AssigneeId}）", $"Create task {Task.Id} ({Task.Kind}) for {Task.AssigneeId}");
}
