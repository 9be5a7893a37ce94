using System.Globalization;
using System.Runtime.InteropServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

// PartnerKpiCalculator: Contract alerts: renewal, expiry and commission review.
public sealed partial class PartnerKpiCalculator
{
    /// <summary>
    /// Contract alerts as of a day: renewal within <see cref="PartnerKpiOptions.RenewalNoticeDays"/> (for an
    /// automatically renewing contract, the next renewal date), expired, and commission review due within
    /// <see cref="PartnerKpiOptions.CommissionReviewNoticeDays"/> or overdue.
    /// </summary>
    /// <param name="company">The company.</param>
    /// <param name="asOf">The day.</param>
    /// <returns>The alerts, possibly empty.</returns>
    public IReadOnlyList<ContractAlert> CalculateContractAlerts(PartnerCompany company, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(company);
        if (company.Contract is not { } k)
        {
            return [];
        }

        List<ContractAlert>? list = null;
        var expired = false;
        if (k.EffectiveEnd is DateOnly end)
        {
            if (end >= asOf)
            {
                var days = end.DayNumber - asOf.DayNumber;
                if (days <= renewalNoticeDays)
                {
                    (list ??= []).Add(Renewal(company.Id, end, days, k.AutoRenew));
                }
            }
            else if (k.AutoRenew)
            {
                var nextEnd = NextRenewal(end, k.TermMonths is > 0 and var t ? t : 12, asOf);
                var days = nextEnd.DayNumber - asOf.DayNumber;
                if (days <= renewalNoticeDays)
                {
                    (list ??= []).Add(Renewal(company.Id, nextEnd, days, autoRenew: true));
                }
            }
            else
            {
                expired = true;
                var ago = asOf.DayNumber - end.DayNumber;
                (list ??= []).Add(new ContractAlert(company.Id, ContractAlertKind.Expired, end, -ago,
                    $"契約は{D(end)}に終了しています（{ago}日経過）",
                    $"Contract ended on {D(end)} ({ago} day{(ago == 1 ? string.Empty : "s")} ago)"));
            }
        }

        // A review date of an ended contract is moot: the expiry alert already calls for action.
        if (!expired && k.CommissionReviewDate is DateOnly review)
        {
            var days = review.DayNumber - asOf.DayNumber;
            var rate = k.CommissionRatePercent is decimal r ? $"（現在{r.ToString("0.##", Inv)}%）" : string.Empty;
            var rateEn = k.CommissionRatePercent is decimal r2 ? $" (now {r2.ToString("0.##", Inv)}%)" : string.Empty;
            if (days >= 0 && days <= commissionReviewNoticeDays)
            {
                (list ??= []).Add(new ContractAlert(company.Id, ContractAlertKind.CommissionReviewDue, review, days,
                    $"手数料率{rate}の見直し日（{D(review)}）まで{DaysJa(days)}",
                    $"Commission rate{rateEn} review due on {D(review)}, {DaysEn(days)}"));
            }
            else if (days < 0)
            {
                (list ??= []).Add(new ContractAlert(company.Id, ContractAlertKind.CommissionReviewOverdue, review, days,
                    $"手数料率{rate}の見直し日（{D(review)}）を{-days}日過ぎています",
                    $"Commission rate{rateEn} review was due on {D(review)} ({-days} day{(days == -1 ? string.Empty : "s")} overdue)"));
            }
        }

        return list is null ? [] : list;
    }

    private static DateOnly NextRenewal(DateOnly end, int termMonths, DateOnly asOf)
    {
        // Count whole terms from the day after the first end, so month-end dates do not drift.
        var anchor = end.AddDays(1);
        var terms = Math.Max(1, (((asOf.Year - anchor.Year) * 12) + asOf.Month - anchor.Month) / termMonths);
        var next = anchor.AddMonths(terms * termMonths).AddDays(-1);
        while (next < asOf)
        {
            terms++;
            next = anchor.AddMonths(terms * termMonths).AddDays(-1);
        }

        return next;
    }

    private static ContractAlert Renewal(CompanyId id, DateOnly date, int days, bool autoRenew) => autoRenew
        ? new ContractAlert(id, ContractAlertKind.RenewalDue, date, days,
            $"契約の自動更新日（{D(date)}）まで{DaysJa(days)}。更新前に条件を見直しましょう",
            $"Contract renews automatically on {D(date)}, {DaysEn(days)}; review the terms before it does")
        : new ContractAlert(id, ContractAlertKind.RenewalDue, date, days,
            $"契約満了日（{D(date)}）まで{DaysJa(days)}。更新交渉の時期です",
            $"Contract ends on {D(date)}, {DaysEn(days)}; time to negotiate the renewal");

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static string DaysJa(int days) => days == 0 ? "本日" : $"あと{days}日";

    private static string DaysEn(int days) => days switch { 0 => "today", 1 => "in 1 day", _ => $"in {days} days" };

    private static string Yen(decimal amount) => "¥" + amount.ToString("N0", Inv);
}
