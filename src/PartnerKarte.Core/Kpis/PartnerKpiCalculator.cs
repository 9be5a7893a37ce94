using System.Globalization;
using System.Runtime.InteropServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>
/// Computes partner KPIs (成果指標): per partner and period the deal count, won, lost, open, revenue, gross profit,
/// win rate, average deal size and cycle days, the loss-reason breakdown, contract alerts, karte completeness
/// against a <see cref="KarteTemplate"/>, and a focus ranking (performance × potential) with reasons.
/// Pure functions of the inputs, the period and the as-of day; thread-safe.
/// </summary>
/// <remarks>
/// Proposals are aggregated in one pass into per-company accumulators held in arrays, so 1,000,000 proposals cost
/// one dictionary look-up each (skipped when consecutive proposals share a company) and no per-proposal allocation.
/// </remarks>
public sealed partial class PartnerKpiCalculator
{
    // LossReasonCategory.Unknown (0) .. Other (8); out-of-range values count as Other.
    private const int LossSlots = (int)LossReasonCategory.Other + 1;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly int renewalNoticeDays;
    private readonly int commissionReviewNoticeDays;
    private readonly KarteTemplate template;
    private readonly double requiredWeight;
    private readonly double recommendedWeight;
    private readonly double repLevelWeight;
    private readonly double winRatePriorDeals;
    private readonly double wRevenue, wDeals, wWinRate, wCustomers, wSize, wPipeline;
    private readonly double quadrantThreshold;
    private readonly bool templateUsesInteractions;

    /// <summary>Creates a calculator.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Copied, so later changes have no effect.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is invalid; the message names it by its configuration key.</exception>
    public PartnerKpiCalculator(PartnerKpiOptions? options = null)
    {
        options ??= new PartnerKpiOptions();
        options.Validate();
        renewalNoticeDays = options.RenewalNoticeDays;
        commissionReviewNoticeDays = options.CommissionReviewNoticeDays;
        template = options.Template;
        requiredWeight = options.RequiredItemWeight;
        recommendedWeight = options.RecommendedItemWeight;
        repLevelWeight = options.RepLevelWeight;
        winRatePriorDeals = options.WinRatePriorDeals;
        wRevenue = options.PerformanceRevenueWeight;
        wDeals = options.PerformanceDealsWeight;
        wWinRate = options.PerformanceWinRateWeight;
        wCustomers = options.PotentialCustomerBaseWeight;
        wSize = options.PotentialSizeWeight;
        wPipeline = options.PotentialPipelineWeight;
        quadrantThreshold = options.QuadrantThreshold;
        templateUsesInteractions = template.ItemsFor(KarteLevel.Rep)
            .Any(i => i.Source == KarteItemSource.BuiltIn && i.Key == "history.interactions");
    }

    /// <summary>The template completeness is measured against.</summary>
    public KarteTemplate Template => template;

    /// <summary>Computes the full report for every company of a data set.</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="period">The period of the metrics.</param>
    /// <param name="asOf">The day contract alerts and completeness describe.</param>
    /// <returns>The report.</returns>
    public PartnerKpiReport Calculate(KarteDataSet data, KpiPeriod period, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(data);
        var companies = data.Companies;
        var n = companies.Count;

        // Company id -> accumulator slot; a duplicated company id shares the first record's slot. Keyed by the
        // string itself: Dictionary<string, T> with the default comparer uses the fast non-randomized hash.
        var index = new Dictionary<string, int>(n);
        var slotOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, companies[i].Id.Value ?? string.Empty, out var exists);
            if (!exists)
            {
                slot = i;
            }

            slotOf[i] = slot;
        }

        var accs = new Acc[n];
        var loss = new int[n * LossSlots];
        var unmatched = Aggregate(data.Proposals, period, index, ref accs, ref loss, newCompanies: null);

        // Reps grouped by company as linked lists through an index array: no per-company list allocation.
        var reps = data.Reps;
        var head = new int[n];
        Array.Fill(head, -1);
        var next = new int[reps.Count];
        for (var r = reps.Count - 1; r >= 0; r--)
        {
            if (reps[r] is { } rep && index.TryGetValue(rep.CompanyId.Value ?? string.Empty, out var ci))
            {
                next[r] = head[ci];
                head[ci] = r;
            }
        }

        HashSet<RepId>? contacted = null;
        if (templateUsesInteractions)
        {
            contacted = [];
            foreach (var it in data.Interactions)
            {
                contacted.Add(it.RepId);
                foreach (var other in it.OtherParticipants)
                {
                    contacted.Add(other);
                }
            }
        }

        var kpis = new PartnerKpis[n];
        var completeness = new KarteCompleteness[n];
        var alerts = new IReadOnlyList<ContractAlert>[n];
        var allAlerts = new List<ContractAlert>();
        var repBuffer = new List<PartnerRep>();
        for (var i = 0; i < n; i++)
        {
            var company = companies[i];
            var s = slotOf[i];
            kpis[i] = ToKpis(company.Id, period, in accs[s], loss.AsSpan(s * LossSlots, LossSlots));
            repBuffer.Clear();
            for (var r = head[s]; r >= 0; r = next[r])
            {
                repBuffer.Add(reps[r]);
            }

            completeness[i] = Completeness(company, repBuffer, accs[s].Total, accs[s].LostWithoutReason, contacted);
            alerts[i] = CalculateContractAlerts(company, asOf);
            allAlerts.AddRange(alerts[i]);
        }

        var focus = RankFocus(companies, kpis, accs, slotOf);
        var partners = new PartnerKpiSummary[n];
        for (var i = 0; i < n; i++)
        {
            partners[i] = new PartnerKpiSummary
            {
                CompanyId = companies[i].Id,
                Name = companies[i].Name,
                Kpis = kpis[i],
                Alerts = alerts[i],
                Completeness = completeness[i],
                Focus = focus[i],
            };
        }

        var ranking = (PartnerFocus[])focus.Clone();
        Array.Sort(ranking, (a, b) => a.Rank.CompareTo(b.Rank));
        allAlerts.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : string.CompareOrdinal(a.CompanyId.Value, b.CompanyId.Value));
        return new PartnerKpiReport
        {
            Period = period,
            AsOf = asOf,
            Partners = partners,
            FocusRanking = ranking,
            Alerts = allAlerts,
            UnmatchedProposals = unmatched,
        };
    }

    /// <summary>Computes the metrics of every company that has proposals, in order of first appearance.</summary>
    /// <param name="proposals">The proposals of any number of companies.</param>
    /// <param name="period">The period.</param>
    /// <returns>One entry per company.</returns>
    public IReadOnlyList<PartnerKpis> CalculateKpis(IReadOnlyList<Proposal> proposals, KpiPeriod period)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        var index = new Dictionary<string, int>();
        var ids = new List<CompanyId>();
        var accs = new Acc[16];
        var loss = new int[16 * LossSlots];
        Aggregate(proposals, period, index, ref accs, ref loss, ids);
        var result = new PartnerKpis[ids.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ToKpis(ids[i], period, in accs[i], loss.AsSpan(i * LossSlots, LossSlots));
        }

        return result;
    }

    /// <summary>Computes one partner's metrics; proposals of other companies are ignored.</summary>
    /// <param name="companyId">The partner company.</param>
    /// <param name="proposals">Proposals; those of other companies are skipped.</param>
    /// <param name="period">The period.</param>
    /// <returns>The metrics.</returns>
    public PartnerKpis CalculateKpis(CompanyId companyId, IEnumerable<Proposal> proposals, KpiPeriod period)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        var acc = default(Acc);
        Span<int> loss = stackalloc int[LossSlots];
        foreach (var p in proposals)
        {
            if (p is not null && p.CompanyId == companyId)
            {
                Add(ref acc, loss, p, period);
            }
        }

        return ToKpis(companyId, period, in acc, loss);
    }

    /// <summary>
    /// Karte completeness of one partner: the weighted share of the template's company items filled in, and of
    /// its rep items averaged over the partner's active reps (status active or on leave).
    /// </summary>
    /// <param name="company">The company.</param>
    /// <param name="reps">Reps; those of other companies are ignored.</param>
    /// <param name="proposals">Proposals, for the built-in history items; those of other companies are ignored.</param>
    /// <param name="interactions">Interactions, for the built-in communication history item.</param>
    /// <returns>The completeness, in 0..100.</returns>
    public KarteCompleteness CalculateCompleteness(PartnerCompany company, IReadOnlyList<PartnerRep> reps,
        IReadOnlyList<Proposal> proposals, IReadOnlyList<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(interactions);
        int total = 0, lostWithoutReason = 0;
        foreach (var p in proposals)
        {
            if (p is not null && p.CompanyId == company.Id)
            {
                total++;
                if (p.Outcome == ProposalOutcome.Lost && LacksReason(p))
                {
                    lostWithoutReason++;
                }
            }
        }

        var contacted = new HashSet<RepId>();
        foreach (var it in interactions)
        {
            contacted.Add(it.RepId);
            foreach (var other in it.OtherParticipants)
            {
                contacted.Add(other);
            }
        }

        var own = reps.Where(r => r is not null && r.CompanyId == company.Id).ToList();
        return Completeness(company, own, total, lostWithoutReason, contacted);
    }
}
