using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>A contract date that needs attention, with a short JA/EN sentence.</summary>
/// <param name="CompanyId">The partner company.</param>
/// <param name="Kind">What the alert is about.</param>
/// <param name="Date">The date concerned (contract end, next renewal or review date).</param>
/// <param name="DaysRemaining">Days from the as-of day to <paramref name="Date"/>; negative when it has passed.</param>
/// <param name="Text">The alert, e.g. 「契約満了日（2026-03-31）まであと30日。更新交渉の時期です」.</param>
public sealed record ContractAlert(CompanyId CompanyId, ContractAlertKind Kind, DateOnly Date, int DaysRemaining, LocalizedText Text)
{
    /// <summary>Creates the alert from its Japanese and English sentences.</summary>
    internal ContractAlert(CompanyId companyId, ContractAlertKind kind, DateOnly date, int daysRemaining, string textJa, string textEn)
        : this(companyId, kind, date, daysRemaining, new LocalizedText(textJa, textEn))
    {
    }

    /// <summary>The company and the English sentence (no personal data).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{CompanyId}: {Text.En}";
}
