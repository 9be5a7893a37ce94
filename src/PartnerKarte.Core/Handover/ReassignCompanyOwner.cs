using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Gives a partner company a new owner on our side.</summary>
/// <param name="CompanyId">The company.</param>
/// <param name="From">The owner expected now.</param>
/// <param name="To">The new owner.</param>
public sealed record ReassignCompanyOwner(CompanyId CompanyId, UserId? From, UserId To) : HandoverOperation
{
    /// <inheritdoc />
    public override LocalizedText Describe() => new($"企業 {CompanyId} の担当を {From} から {To} へ変更", $"Company {CompanyId}: owner {From} → {To}");
}
