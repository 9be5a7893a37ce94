using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Sync;

/// <summary>
/// A relationship alert as a task for our owner in the CRM (要フォロー): open while the rep's follow-up priority is high or
/// urgent, closed when it drops. One task per rep and alert kind, found again by <see cref="Key"/> night after night.
/// </summary>
/// <param name="RepId">The rep the alert is about.</param>
/// <param name="Priority">The follow-up priority the run wrote.</param>
/// <param name="Reason">Why (the Japanese reasons written next to the score), or <see langword="null"/>.</param>
public sealed record FollowUpTask(RepId RepId, FollowUpPriority Priority, string? Reason)
{
    /// <summary>The prefix of <see cref="Key"/>; tasks whose external id starts with it are never read back as interactions.</summary>
    public const string KeyPrefix = "pk-followup:";

    /// <summary>The stable external key of the rep's follow-up task (<c>pk-followup:R-00012</c>).</summary>
    public string Key => KeyPrefix + RepId.Value;

    /// <summary>Whether the task should be open (the priority is high or urgent).</summary>
    public bool IsOpen => Priority >= FollowUpPriority.High;

    /// <summary>The task's subject in Japanese with English beside (「要フォロー（緊急）/ Follow up (urgent)」).</summary>
    public string Subject => Priority == FollowUpPriority.Urgent ? "要フォロー（緊急）/ Follow up (urgent)" : "要フォロー（高）/ Follow up (high)";
}
