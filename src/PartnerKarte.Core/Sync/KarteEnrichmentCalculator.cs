using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;

namespace PartnerKarte.Sync;

/// <summary>
/// The product's computation step: trust scores (<see cref="TrustScorer"/>) for reps, and KPIs over a
/// trailing period, karte completeness and the most urgent contract alert (<see cref="PartnerKpiCalculator"/>) for companies.
/// </summary>
public sealed class KarteEnrichmentCalculator : IEnrichmentCalculator
{
    private readonly TrustScorer scorer;
    private readonly PartnerKpiCalculator kpis;
    private readonly int kpiPeriodDays;

    /// <summary>Creates the calculator.</summary>
    /// <param name="scorer">The trust scorer.</param>
    /// <param name="kpis">The KPI calculator.</param>
    /// <param name="kpiPeriodDays">The trailing KPI period in days (see <see cref="EnrichmentSyncOptions.KpiPeriodDays"/>).</param>
    public KarteEnrichmentCalculator(TrustScorer scorer, PartnerKpiCalculator kpis, int kpiPeriodDays = 365)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(kpis);
        ArgumentOutOfRangeException.ThrowIfLessThan(kpiPeriodDays, 1);
        this.scorer = scorer;
        this.kpis = kpis;
        this.kpiPeriodDays = kpiPeriodDays;
    }

    /// <inheritdoc/>
    public IReadOnlyList<EnrichmentRecord> Calculate(KarteRecordBatch karte, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(karte);
        var dayOffset = scorer.Options.DayBoundaryOffset;
        var today = DateOnly.FromDateTime(asOf.ToOffset(dayOffset).DateTime);
        var records = new List<EnrichmentRecord>(karte.Companies.Count + karte.Reps.Count);

        // Reps: one event set for the whole batch, scored without explanations (the sync writes no evidence ids).
        // Records once each: a connector may return a record twice (a rep's proposal that is also its company's).
        var reps = Distinct(karte.Reps, r => r.Id);
        var interactionsRead = Distinct(karte.Interactions, i => i.Id);
        var proposalsRead = Distinct(karte.Proposals, p => p.Id);
        var set = TrustEventSet.Build(reps.Select(r => r.Id), interactionsRead, proposalsRead, dayOffset);
        var snapshots = scorer.Snapshots(set, asOf);
        foreach (var rep in reps)
        {
            var s = snapshots[set.IndexOf(rep.Id)];
            records.Add(EnrichmentRecord.ForRep(
                rep.Id,
                s.Value,
                s.Rank,
                s.Confidence,
                s.Trend,
                s.LastContactAt is { } last ? DateOnly.FromDateTime(last.ToOffset(dayOffset).DateTime) : null,
                s.FollowUpPriority));
        }

        // Companies: KPIs, completeness and alerts from the company's own records.
        var companies = Distinct(karte.Companies, c => c.Id);
        if (companies.Count == 0)
        {
            return records;
        }

        var period = KpiPeriod.Trailing(today, kpiPeriodDays);
        var repsByCompany = reps.ToLookup(r => r.CompanyId);
        var proposalsByCompany = proposalsRead.ToLookup(p => p.CompanyId);
        var interactionsByRep = interactionsRead.ToLookup(i => i.RepId);
        foreach (var company in companies)
        {
            var companyReps = repsByCompany[company.Id].ToList();
            var proposals = proposalsByCompany[company.Id].ToList();
            var interactions = companyReps.SelectMany(r => interactionsByRep[r.Id]).ToList();
            var k = kpis.CalculateKpis(company.Id, proposals, period);
            var completeness = kpis.CalculateCompleteness(company, companyReps, proposals, interactions);
            var alert = kpis.CalculateContractAlerts(company, today).OrderBy(a => a.Date).ThenBy(a => a.Kind).FirstOrDefault();
            records.Add(EnrichmentRecord.ForCompany(
                company.Id,
                k.Deals,
                k.Won,
                k.WinRate * 100,
                k.Revenue,
                k.GrossProfit,
                completeness.Percent,
                alert is null ? null : AlertCode(alert)));
        }

        return records;
    }

    private static string AlertCode(ContractAlert alert) => alert.Kind switch
    {
        ContractAlertKind.RenewalDue => "renewal",
        ContractAlertKind.Expired => "expired",
        ContractAlertKind.CommissionReviewDue => "commission-review",
        _ => "commission-review-overdue",
    } + ":" + alert.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps the last occurrence of each id: a record read twice comes in its newest state last.</summary>
    private static List<T> Distinct<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, int>(items.Count);
        var list = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (index.TryGetValue(key(item), out var at))
            {
                list[at] = item;
            }
            else
            {
                index[key(item)] = list.Count;
                list.Add(item);
            }
        }

        return list;
    }
}
