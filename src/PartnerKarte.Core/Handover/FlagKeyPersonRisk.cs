using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>
/// Flags key-person risk on the partner company: applied to the karte as the company's
/// <c>key_person_risk</c> tag item listing the reps concerned.
/// </summary>
/// <param name="Risk">The risk.</param>
public sealed record FlagKeyPersonRisk(KeyPersonRisk Risk) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() =>
        new($"キーパーソンリスク: {Risk.CompanyId} は {Risk.RepId} に依存（商談 {Risk.DealFlowShare:P0}、信頼 {Risk.TrustShare:P0}）",
            $"Key-person risk: {Risk.CompanyId} depends on {Risk.RepId} (deal flow {Risk.DealFlowShare:P0}, trust {Risk.TrustShare:P0})");
}
