using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Closes a rep's current employment episode and sets their status; history is kept, never deleted.</summary>
/// <param name="RepId">The rep.</param>
/// <param name="LastDay">The last day of the episode.</param>
/// <param name="NewStatus">The rep's status afterwards (transferred or left).</param>
public sealed record CloseEmploymentEpisode(RepId RepId, DateOnly LastDay, RepStatus NewStatus) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() =>
        new($"担当者 {RepId} の所属履歴を {LastDay:yyyy-MM-dd} で終了（{NewStatus}）", $"Rep {RepId}: close employment episode on {LastDay:yyyy-MM-dd} ({NewStatus})");
}
