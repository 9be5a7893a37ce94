namespace PartnerKarte.Scoring;

/// <summary>Why a rep needs following up (アラートの種類).</summary>
public enum FollowUpAlertKind
{
    /// <summary>No two-way contact for much longer than the rep's own usual gap (接触途絶). Raises the priority.</summary>
    Silence = 0,
    /// <summary>The trust score fell sharply over the trend window (スコア急落). Raises the priority.</summary>
    ScoreDrop = 1,
    /// <summary>A next action the rep owes is overdue (先方アクションの期限切れ). Raises the priority.</summary>
    RepActionOverdue = 2,
    /// <summary>
    /// A next action our own team owns is overdue (当社の期限切れタスク): an alert for our owner, not a sign about the rep;
    /// it does not raise the rep's priority.
    /// </summary>
    OwnActionOverdue = 3,
}
