using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>A contract date that needs attention, with a short JA/EN sentence.</summary>
/// <param name="CompanyId">The partner company.</param>
/// <param name="Kind">What the alert is about.</param>
/// <param name="Date">The date concerned (contract end, next renewal or review date).</param>
/// <param name="DaysRemaining">Days from the as-of day to <paramref name="Date"/>; negative when it has passed.</param>
/// <param name="TextJa">The alert in Japanese.</param>
/// <param name="TextEn">The alert in English.</param>
public sealed record ContractAlert(CompanyId CompanyId, ContractAlertKind Kind, DateOnly Date, int DaysRemaining, string TextJa, string TextEn)
{
    /// <inheritdoc />
    public override string ToString() => $"{CompanyId}: {TextEn}";
}
