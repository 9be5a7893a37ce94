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
public sealed class PartnerKpiCalculator
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
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
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

    /// <summary>Creates a calculator from options bound by dependency injection.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    public PartnerKpiCalculator(Microsoft.Extensions.Options.IOptions<PartnerKpiOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
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

    /// <summary>
    /// One pass over the proposals into per-company accumulators. With <paramref name="newCompanies"/>, a company
    /// not in <paramref name="index"/> gets a new slot (arrays grow by doubling); without it, its proposals are
    /// counted as unmatched.
    /// </summary>
    private static int Aggregate(IReadOnlyList<Proposal> proposals, KpiPeriod period, Dictionary<string, int> index,
        ref Acc[] accs, ref int[] loss, List<CompanyId>? newCompanies)
    {
        var unmatched = 0;
        string? lastKey = null;
        var last = -1;
        var count = proposals.Count;
        var span = proposals switch
        {
            Proposal[] a => a.AsSpan(),
            List<Proposal> l => CollectionsMarshal.AsSpan(l),
            _ => default,
        };
        var direct = !span.IsEmpty || count == 0;
        for (var i = 0; i < count; i++)
        {
            var p = direct ? span[i] : proposals[i];
            if (p is null)
            {
                continue;
            }

            // Exports are usually grouped by company: reuse the last slot without hashing.
            var key = p.CompanyId.Value ?? string.Empty;
            int ci;
            if (ReferenceEquals(key, lastKey))
            {
                ci = last;
            }
            else
            {
                if (newCompanies is null)
                {
                    if (!index.TryGetValue(key, out ci))
                    {
                        unmatched++;
                        continue;
                    }
                }
                else
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
                    if (!exists)
                    {
                        slot = newCompanies.Count;
                        newCompanies.Add(p.CompanyId);
                        if (slot == accs.Length)
                        {
                            Array.Resize(ref accs, accs.Length * 2);
                            Array.Resize(ref loss, accs.Length * LossSlots);
                        }
                    }

                    ci = slot;
                }

                lastKey = key;
                last = ci;
            }

            Add(ref accs[ci], loss.AsSpan(ci * LossSlots, LossSlots), p, period);
        }

        return unmatched;
    }

    private static void Add(ref Acc a, Span<int> loss, Proposal p, KpiPeriod period)
    {
        a.Total++;
        var created = p.CreatedOn;
        if (created >= period.From && created <= period.To)
        {
            a.Deals++;
        }

        switch (p.Outcome)
        {
            case ProposalOutcome.Won:
            {
                var closed = p.ClosedOn ?? created;
                if (closed >= period.From && closed <= period.To)
                {
                    a.Won++;
                    a.Revenue += p.Amount;
                    a.GrossProfit += p.GrossProfit;
                    a.CycleDays += Math.Max(0, closed.DayNumber - created.DayNumber);
                }
                else if (created <= period.To && closed > period.To)
                {
                    a.Open++;
                    a.OpenAmount += p.Amount;
                }

                break;
            }

            case ProposalOutcome.Lost:
            {
                var noReason = LacksReason(p);
                if (noReason)
                {
                    a.LostWithoutReason++;
                }

                var closed = p.ClosedOn ?? created;
                if (closed >= period.From && closed <= period.To)
                {
                    a.Lost++;
                    var cat = noReason ? 0 : (int)p.LossReason!.Category;
                    loss[(uint)cat < LossSlots ? cat : (int)LossReasonCategory.Other]++;
                }
                else if (created <= period.To && closed > period.To)
                {
                    a.Open++;
                    a.OpenAmount += p.Amount;
                }

                break;
            }

            default:
                if (created <= period.To)
                {
                    a.Open++;
                    a.OpenAmount += p.Amount;
                }

                break;
        }
    }

    private static bool LacksReason(Proposal p) =>
        p.LossReason is not { } r || (r.Category == LossReasonCategory.Unknown && string.IsNullOrWhiteSpace(r.Note));

    private static PartnerKpis ToKpis(CompanyId id, KpiPeriod period, in Acc a, ReadOnlySpan<int> loss)
    {
        IReadOnlyList<LossReasonCount> reasons = [];
        if (a.Lost > 0)
        {
            var list = new List<LossReasonCount>();
            for (var c = 0; c < LossSlots; c++)
            {
                if (loss[c] > 0)
                {
                    list.Add(new LossReasonCount((LossReasonCategory)c, loss[c], (double)loss[c] / a.Lost));
                }
            }

            list.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Category.CompareTo(y.Category));
            reasons = list;
        }

        var closed = a.Won + a.Lost;
        return new PartnerKpis
        {
            CompanyId = id,
            Period = period,
            Deals = a.Deals,
            Won = a.Won,
            Lost = a.Lost,
            Open = a.Open,
            Revenue = a.Revenue,
            GrossProfit = a.GrossProfit,
            OpenPipelineAmount = a.OpenAmount,
            WinRate = closed > 0 ? (double)a.Won / closed : null,
            AverageDealSize = a.Won > 0 ? a.Revenue / a.Won : null,
            AverageCycleDays = a.Won > 0 ? (double)a.CycleDays / a.Won : null,
            LossReasons = reasons,
        };
    }

    private KarteCompleteness Completeness(PartnerCompany company, List<PartnerRep> reps, int proposalCount, int lostWithoutReason, HashSet<RepId>? contacted)
    {
        var missing = new List<MissingKarteItem>();
        double filled = 0, total = 0;
        foreach (var def in template.ItemsFor(KarteLevel.Company))
        {
            var w = Weight(def);
            if (w <= 0)
            {
                continue;
            }

            total += w;
            var ok = def.Source == KarteItemSource.BuiltIn
                ? BuiltInKarteItems.IsFilled(def.Key, company, proposalCount, lostWithoutReason)
                : IsFilled(def, company.CustomItems);
            if (ok)
            {
                filled += w;
            }
            else
            {
                missing.Add(new MissingKarteItem(def));
            }
        }

        var hasCompanyItems = total > 0;
        var companyPercent = hasCompanyItems ? 100 * filled / total : 100;

        double repSum = 0;
        var repCount = 0;
        var hasRepItems = false;
        foreach (var rep in reps)
        {
            if (rep.Status is not (RepStatus.Active or RepStatus.OnLeave))
            {
                continue;
            }

            repCount++;
            double rf = 0, rt = 0;
            var hasInteractions = contacted?.Contains(rep.Id) ?? false;
            foreach (var def in template.ItemsFor(KarteLevel.Rep))
            {
                var w = Weight(def);
                if (w <= 0)
                {
                    continue;
                }

                rt += w;
                var ok = def.Source == KarteItemSource.BuiltIn
                    ? BuiltInKarteItems.IsFilled(def.Key, rep, hasInteractions)
                    : IsFilled(def, rep.CustomItems);
                if (ok)
                {
                    rf += w;
                }
                else
                {
                    missing.Add(new MissingKarteItem(def, rep.Id));
                }
            }

            hasRepItems = rt > 0;
            repSum += rt > 0 ? 100 * rf / rt : 100;
        }

        if (repCount == 0)
        {
            hasRepItems = template.ItemsFor(KarteLevel.Rep).Any(d => Weight(d) > 0);
        }

        var repPercent = repCount > 0 ? repSum / repCount : 0;
        double overall;
        if (hasCompanyItems && hasRepItems)
        {
            overall = ((1 - repLevelWeight) * companyPercent) + (repLevelWeight * repPercent);
        }
        else if (hasRepItems)
        {
            overall = repPercent;
        }
        else
        {
            overall = companyPercent;
        }

        return new KarteCompleteness
        {
            Percent = Pct(overall),
            CompanyPercent = Pct(companyPercent),
            RepPercent = Pct(repPercent),
            RepCount = repCount,
            NoActiveRep = repCount == 0 && hasRepItems,
            Missing = missing,
        };

        static double Pct(double v) => Math.Clamp(Math.Round(v, 1), 0, 100);
    }

    private double Weight(KarteItemDefinition def) => def.IsRequired ? requiredWeight : recommendedWeight;

    // A custom value counts only when filled and valid for the item: a wrong-typed value is not information.
    private static bool IsFilled(KarteItemDefinition def, IReadOnlyDictionary<string, KarteValue> values) =>
        values.TryGetValue(def.Key, out var v) && v is not null && v.IsFilled && def.CheckValue(v) is null;

    private PartnerFocus[] RankFocus(IReadOnlyList<PartnerCompany> companies, PartnerKpis[] kpis, Acc[] accs, int[] slotOf)
    {
        var n = companies.Count;
        var revenue = new double[n];
        var deals = new double[n];
        var pipeline = new double[n];
        var customers = new List<double>(n);
        var employees = new List<double>(n);
        long totalWon = 0, totalLost = 0;
        for (var i = 0; i < n; i++)
        {
            revenue[i] = (double)kpis[i].Revenue;
            deals[i] = kpis[i].Deals;
            pipeline[i] = (double)kpis[i].OpenPipelineAmount;
            if (companies[i].Profile.ExistingCustomerCount is int c)
            {
                customers.Add(c);
            }

            if (companies[i].Profile.EmployeeCount is int e)
            {
                employees.Add(e);
            }

            // Count each accumulator once even when a company id is duplicated.
            if (slotOf[i] == i)
            {
                totalWon += accs[i].Won;
                totalLost += accs[i].Lost;
            }
        }

        var sortedRevenue = Sorted(revenue);
        var sortedDeals = Sorted(deals);
        var sortedPipeline = Sorted(pipeline);
        var sortedCustomers = Sorted([.. customers]);
        var sortedEmployees = Sorted([.. employees]);
        var prior = totalWon + totalLost > 0 ? (double)totalWon / (totalWon + totalLost) : 0.5;

        var result = new PartnerFocus[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var k = kpis[i];
            var profile = companies[i].Profile;
            var pRevenue = Percentile(sortedRevenue, revenue[i]);
            var pDeals = Percentile(sortedDeals, deals[i]);
            var closed = k.Won + k.Lost;
            var shrunk = closed + winRatePriorDeals > 0 ? (k.Won + (winRatePriorDeals * prior)) / (closed + winRatePriorDeals) : prior;
            var performance = Math.Clamp((wRevenue * pRevenue) + (wDeals * pDeals) + (wWinRate * shrunk), 0, 1);

            var pCustomers = profile.ExistingCustomerCount is int cc ? Percentile(sortedCustomers, cc) : 0.5;
            var pSize = profile.EmployeeCount is int ec ? Percentile(sortedEmployees, ec) : 0.5;
            var pPipeline = Percentile(sortedPipeline, pipeline[i]);
            var potential = Math.Clamp((wCustomers * pCustomers) + (wSize * pSize) + (wPipeline * pPipeline), 0, 1);

            var score = Math.Clamp(100 * Math.Sqrt(performance * potential), 0, 100);
            scores[i] = score;
            var quadrant = (performance >= quadrantThreshold, potential >= quadrantThreshold) switch
            {
                (true, true) => FocusQuadrant.Strengthen,
                (false, true) => FocusQuadrant.Develop,
                (true, false) => FocusQuadrant.Maintain,
                _ => FocusQuadrant.Review,
            };

            result[i] = new PartnerFocus
            {
                CompanyId = companies[i].Id,
                Score = Math.Round(score, 1),
                Performance = Math.Round(performance, 3),
                Potential = Math.Round(potential, 3),
                Quadrant = quadrant,
                Reasons = Reasons(quadrant, k, profile, sortedRevenue, revenue[i]),
            };
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = scores[b].CompareTo(scores[a]);
            if (c != 0)
            {
                return c;
            }

            c = kpis[b].Revenue.CompareTo(kpis[a].Revenue);
            return c != 0 ? c : string.CompareOrdinal(companies[a].Id.Value, companies[b].Id.Value);
        });

        for (var rank = 0; rank < n; rank++)
        {
            var i = order[rank];
            result[i] = result[i] with { Rank = rank + 1 };
        }

        return result;
    }

    private static IReadOnlyList<FocusReason> Reasons(FocusQuadrant quadrant, PartnerKpis k, CompanyProfile profile, double[] sortedRevenue, double revenue)
    {
        var reasons = new List<FocusReason>(6)
        {
            quadrant switch
            {
                FocusQuadrant.Strengthen => new FocusReason("quadrant", "重点強化：実績・ポテンシャルともに高い", "Strengthen: high performance and high potential"),
                FocusQuadrant.Develop => new FocusReason("quadrant", "育成：ポテンシャルは高いが実績が伸びていない", "Develop: high potential, performance not yet there"),
                FocusQuadrant.Maintain => new FocusReason("quadrant", "維持：実績は高いがポテンシャルは限定的", "Maintain: strong performance, limited potential"),
                _ => new FocusReason("quadrant", "見直し：実績・ポテンシャルともに低い", "Review: low performance and low potential"),
            },
        };

        if (k.Revenue > 0)
        {
            var above = sortedRevenue.Length - UpperBound(sortedRevenue, revenue);
            var top = (int)Math.Ceiling(100.0 * (above + 1) / sortedRevenue.Length);
            reasons.Add(new FocusReason("revenue",
                $"期間売上 {Yen(k.Revenue)}（上位{top}%）",
                $"Revenue {Yen(k.Revenue)} in the period (top {top}%)"));
        }
        else
        {
            reasons.Add(new FocusReason("revenue", "期間内の売上なし", "No revenue in the period"));
        }

        reasons.Add(k.WinRate is double wr
            ? new FocusReason("winRate",
                $"受注率 {(wr * 100).ToString("0", Inv)}%（受注{k.Won}件・失注{k.Lost}件）",
                $"Win rate {(wr * 100).ToString("0", Inv)}% ({k.Won} won, {k.Lost} lost)")
            : new FocusReason("winRate", "期間内にクローズした商談なし", "No deals closed in the period"));
        reasons.Add(new FocusReason("deals", $"商談数 {k.Deals.ToString("N0", Inv)}件", $"{k.Deals.ToString("N0", Inv)} deal{(k.Deals == 1 ? string.Empty : "s")} in the period"));
        reasons.Add(profile.ExistingCustomerCount is int c
            ? new FocusReason("customerBase", $"既存顧客数 {c.ToString("N0", Inv)}社", $"{c.ToString("N0", Inv)} existing customers")
            : new FocusReason("customerBase", "既存顧客数が未記入（ポテンシャルは中央値扱い）", "Existing customers not recorded (potential taken as median)"));
        if (k.OpenPipelineAmount > 0)
        {
            reasons.Add(new FocusReason("pipeline",
                $"進行中の商談 {Yen(k.OpenPipelineAmount)}（{k.Open}件）",
                $"Open pipeline {Yen(k.OpenPipelineAmount)} ({k.Open} deal{(k.Open == 1 ? string.Empty : "s")})"));
        }

        return reasons;
    }

    private static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    // Mid-rank percentile in 0..1; nothing (0 or less) scores 0 so that "no revenue" is never "average".
    private static double Percentile(double[] sorted, double x)
    {
        if (x <= 0 || sorted.Length == 0)
        {
            return 0;
        }

        return (LowerBound(sorted, x) + UpperBound(sorted, x)) / (2.0 * sorted.Length);
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
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

    private struct Acc
    {
        public int Deals;
        public int Won;
        public int Lost;
        public int Open;
        public int Total;
        public int LostWithoutReason;
        public long CycleDays;
        public decimal Revenue;
        public decimal GrossProfit;
        public decimal OpenAmount;
    }
}
