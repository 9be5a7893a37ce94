using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;

namespace PartnerKarte.Sync;

/// <summary>
/// The product's computation step: trust scores (<see cref="TrustScorer"/>) for reps, and KPIs over a
/// trailing period, karte completeness and the most urgent contract alert (<see cref="PartnerKpiCalculator"/>) for companies.
/// </summary>
public sealed class KarteEnrichmentCalculator : IEnrichmentCalculator, IKarteMirrorCodec
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
        return Evaluate(Digest(karte).Select(d => d.Value), asOf);
    }

    /// <inheritdoc/>
    IEnumerable<KeyValuePair<string, byte[]>> IKarteMirrorCodec.Encode(KarteRecordBatch karte) =>
        Digest(karte).SelectMany(d => d.Value.Company is null
            ? d.Value.Reps.Select(r => new KarteDigest { Reps = [r] }).Select(o => new KeyValuePair<string, byte[]>(KarteMirror.OrphanKey(o.Reps[0].Id.Value), o.ToBytes()))
            : [new KeyValuePair<string, byte[]>(d.Key, d.Value.ToBytes())]);

    /// <inheritdoc/>
    IReadOnlyList<EnrichmentRecord> IKarteMirrorCodec.Evaluate(IReadOnlyList<KeyValuePair<string, byte[]>> entries, DateTimeOffset asOf, List<string> damaged)
    {
        var digests = new List<KarteDigest>(entries.Count);
        foreach (var (key, bytes) in entries)
        {
            if (KarteDigest.TryRead(bytes) is { } digest)
            {
                digests.Add(digest);
            }
            else
            {
                damaged.Add(key);
            }
        }

        return Evaluate(digests, asOf);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Exact when the reps' fresh records leave the company's completeness as it was: completeness reads interactions only
    /// through which reps were contacted, so the patch is refused (the company is read again) when that set changes.
    /// </remarks>
    byte[]? IKarteMirrorCodec.TryPatch(byte[] companyEntry, KarteRecordBatch reps)
    {
        if (KarteDigest.TryRead(companyEntry) is not { Company: { } company } digest)
        {
            return null;
        }

        var fresh = Digest(reps with { Companies = [] }).SelectMany(d => d.Value.Reps).ToDictionary(r => r.Id);
        if (reps.Reps.Any(r => r.CompanyId != company) || fresh.Keys.Any(id => !digest.Reps.Any(r => r.Id == id)))
        {
            return null; // a rep that moved or is new to the company: its completeness needs the whole karte
        }

        var patched = digest.Reps.Select(r => fresh.GetValueOrDefault(r.Id, r)).ToList();
        static HashSet<string> Contacted(IEnumerable<RepDigest> r) => r.SelectMany(x => x.Contacts).ToHashSet(StringComparer.Ordinal);
        if (!Contacted(patched).SetEquals(Contacted(digest.Reps)))
        {
            return null;
        }

        return new KarteDigest
        {
            Company = digest.Company,
            Contract = digest.Contract,
            CompletenessPercent = digest.CompletenessPercent,
            Proposals = digest.Proposals,
            Reps = patched,
        }.ToBytes();
    }

    /// <summary>
    /// What the formulas read from each company's karte: its contract, its completeness (which depends on the records only,
    /// not on time), its proposals' dates, outcomes and amounts, and each of its reps' trust events. Reps without their
    /// company in the batch form one more digest without a company.
    /// </summary>
    private IEnumerable<KeyValuePair<string, KarteDigest>> Digest(KarteRecordBatch karte)
    {
        var dayOffset = scorer.Options.DayBoundaryOffset;

        // Records once each: a connector may return a record twice (a rep's proposal that is also its company's).
        var reps = Distinct(karte.Reps, r => r.Id);
        var interactions = Distinct(karte.Interactions, i => i.Id);
        var proposals = Distinct(karte.Proposals, p => p.Id);
        var set = TrustEventSet.Build(reps.Select(r => r.Id), interactions, proposals, dayOffset);
        var repsByCompany = reps.ToLookup(r => r.CompanyId);
        var proposalsByCompany = proposals.ToLookup(p => p.CompanyId);
        var interactionsByRep = interactions.ToLookup(i => i.RepId);
        RepDigest RepOf(PartnerRep rep) => new(
            rep.Id,
            set.EventsOf(set.IndexOf(rep.Id)).ToArray(),
            [.. interactionsByRep[rep.Id].SelectMany(i => i.OtherParticipants.Select(o => o.Value).Prepend(rep.Id.Value)).Distinct().Order(StringComparer.Ordinal)]);

        var companies = Distinct(karte.Companies, c => c.Id);
        foreach (var company in companies)
        {
            var companyReps = repsByCompany[company.Id].ToList();
            var companyProposals = proposalsByCompany[company.Id].ToList();
            var completeness = kpis.CalculateCompleteness(company, companyReps, companyProposals, [.. companyReps.SelectMany(r => interactionsByRep[r.Id])]);
            yield return new(KarteMirror.CompanyKey(company.Id.Value), new KarteDigest
            {
                Company = company.Id,
                Contract = company.Contract,
                CompletenessPercent = completeness.Percent,
                Proposals = [.. companyProposals.Select(p => new ProposalDigest(p.CreatedOn, p.ClosedOn, p.Outcome, p.Amount, p.GrossProfit))],
                Reps = [.. companyReps.Select(RepOf)],
            });
        }

        var companyIds = companies.Select(c => c.Id).ToHashSet();
        var orphans = reps.Where(r => !companyIds.Contains(r.CompanyId)).ToList();
        if (orphans.Count > 0)
        {
            yield return new(string.Empty, new KarteDigest { Reps = [.. orphans.Select(RepOf)] });
        }
    }

    /// <summary>The records of digests as of an instant: the only place the written values are computed.</summary>
    private List<EnrichmentRecord> Evaluate(IEnumerable<KarteDigest> digests, DateTimeOffset asOf)
    {
        var dayOffset = scorer.Options.DayBoundaryOffset;
        var today = DateOnly.FromDateTime(asOf.ToOffset(dayOffset).DateTime);
        var period = KpiPeriod.Trailing(today, kpiPeriodDays);
        var records = new List<EnrichmentRecord>();
        foreach (var digest in digests)
        {
            // Reps: trust scores without explanations (the sync writes no evidence ids).
            var set = TrustEventSet.FromEvents([.. digest.Reps.Select(r => r.Id)], digest.Reps.SelectMany((r, i) => r.Events.Select((e, j) => e.WithIndices(i, j))));
            var snapshots = scorer.Snapshots(set, asOf);
            for (var i = 0; i < digest.Reps.Count; i++)
            {
                var s = snapshots[i];
                records.Add(EnrichmentRecord.ForRep(
                    digest.Reps[i].Id,
                    s.Value,
                    s.Rank,
                    s.Confidence,
                    s.Trend,
                    s.LastContactAt is { } last ? DateOnly.FromDateTime(last.ToOffset(dayOffset).DateTime) : null,
                    s.FollowUpPriority) with { TrustReasons = scorer.ReasonsOf(s) });
            }

            // The company: KPIs over the trailing period, completeness, the most urgent contract alert.
            if (digest.Company is { } companyId)
            {
                var proposals = digest.Proposals.Select((p, n) => new Proposal
                {
                    Id = new ProposalId(n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    CompanyId = companyId,
                    Offer = string.Empty,
                    CreatedOn = p.CreatedOn,
                    ClosedOn = p.ClosedOn,
                    Outcome = p.Outcome,
                    Amount = p.Amount,
                    GrossProfit = p.GrossProfit,
                });
                var k = kpis.CalculateKpis(companyId, proposals, period);
                var company = new PartnerCompany { Id = companyId, Name = string.Empty, Contract = digest.Contract };
                var alert = kpis.CalculateContractAlerts(company, today).OrderBy(a => a.Date).ThenBy(a => a.Kind).FirstOrDefault();
                records.Add(EnrichmentRecord.ForCompany(
                    companyId,
                    k.Deals,
                    k.Won,
                    k.WinRate * 100,
                    k.Revenue,
                    k.GrossProfit,
                    digest.CompletenessPercent,
                    alert is null ? null : AlertCode(alert)));
            }
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
