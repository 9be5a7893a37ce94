using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;

namespace PartnerKarte.Testing;

/// <summary>
/// FsCheck generators of karte records: sparse kartes (blank and missing fields, custom items of the default
/// template plus an unknown key) for completeness and KPI properties, and seeded full kartes
/// (<see cref="FromSeed"/>, <see cref="DataSet"/>) for round trips through stores and CRMs.
/// </summary>
/// <remarks>Register the arbitraries of <see cref="KarteArbitraries"/> to have FsCheck pass these as parameters.</remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static partial class KarteGenerators
{
    private static readonly string[] Texts = ["", " ", "東京都", "ＳＩｅｒ", "株式会社テスト"];

    /// <summary>A proposal at one of <paramref name="companies"/>, created between 60 days before and 420 days after <paramref name="origin"/>, open, won or lost (a closed one may lack its close date, a lost one its reason).</summary>
    /// <param name="companies">The companies to pick from.</param>
    /// <param name="origin">The day creation dates count from.</param>
    /// <returns>The generator.</returns>
    public static Gen<Proposal> Proposal(IReadOnlyList<CompanyId> companies, DateOnly origin) =>
        from company in Gen.Elements(companies.ToArray())
        from outcome in Gen.Elements(ProposalOutcome.Open, ProposalOutcome.Won, ProposalOutcome.Lost)
        from createdDay in Gen.Choose(-60, 420)
        from cycle in Gen.Choose(0, 120)
        from hasClose in Gen.Elements(true, false)
        from amount in Gen.Choose(0, 5000)
        from reason in Gen.Choose(-1, 8)
        select new Proposal
        {
            Id = new ProposalId("p"),
            CompanyId = company,
            Offer = "SaaS",
            Outcome = outcome,
            Amount = amount * 1000m,
            GrossProfit = amount * 300m,
            CreatedOn = origin.AddDays(createdDay),
            ClosedOn = outcome != ProposalOutcome.Open && hasClose ? origin.AddDays(createdDay + cycle) : null,
            LossReason = outcome == ProposalOutcome.Lost && reason >= 0 ? new LossReason((LossReasonCategory)reason) : null,
        };

    /// <summary>A custom-item value of any type, blank ones included.</summary>
    /// <returns>The generator.</returns>
    public static Gen<KarteValue> CustomValue() =>
        Gen.OneOf(
            Gen.Elements(Texts).Select(t => KarteValue.FromText(t)),
            Gen.Choose(-5, 400).Select(n => KarteValue.FromNumber(n, KarteItemType.Integer)),
            Gen.Elements("hot", "warm", "cold", "熱い", "").Select(KarteValue.FromChoice),
            Gen.Elements(true, false).Select(b => KarteValue.FromBoolean(b)),
            Gen.Choose(0, 2).Select(n => KarteValue.FromItems(Enumerable.Repeat("DX", n))));

    /// <summary>Custom items: some keys of the default template's items of <paramref name="level"/> and an unknown key, with any values.</summary>
    /// <param name="level">Company or rep.</param>
    /// <returns>The generator.</returns>
    public static Gen<Dictionary<string, KarteValue>> CustomItems(KarteLevel level)
    {
        var keys = KarteTemplate.Default.ItemsFor(level).Select(i => i.Key).Append("unknown.key").ToArray();
        return from chosen in Gen.SubListOf(keys)
               from values in Gen.ArrayOf(CustomValue(), chosen.Count)
               select chosen.Zip(values).ToDictionary(kv => kv.First, kv => kv.Second);
    }

    /// <summary>A company whose karte fields are each filled, blank or missing.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The generator.</returns>
    public static Gen<PartnerCompany> SparseCompany(CompanyId id) =>
        from flags in Gen.ArrayOf(Gen.Elements(true, false), 8)
        from text in Gen.Elements(Texts)
        from employees in Gen.Choose(0, 5000)
        from custom in CustomItems(KarteLevel.Company)
        select new PartnerCompany
        {
            Id = id,
            Name = flags[0] ? "株式会社サンプル商事" : " ",
            Profile = new CompanyProfile
            {
                Industry = flags[1] ? text : null,
                EmployeeCount = flags[2] ? employees : null,
                ExistingCustomerCount = flags[3] ? employees * 3 : null,
                CustomerSegments = flags[4] ? ["中小企業"] : [],
            },
            BusinessPolicy = flags[5] ? text : null,
            Contract = flags[6] ? new PartnerContract { Start = new DateOnly(2025, 4, 1), TermMonths = flags[7] ? 12 : null, CommissionRatePercent = 15 } : null,
            CustomItems = custom,
        };

    /// <summary>A rep (id <c>R-{company}-{n}</c>) whose karte fields are each filled, blank or missing, in any status.</summary>
    /// <param name="company">The rep's company.</param>
    /// <param name="n">The rep's number within the company.</param>
    /// <returns>The generator.</returns>
    public static Gen<PartnerRep> SparseRep(CompanyId company, int n) =>
        from flags in Gen.ArrayOf(Gen.Elements(true, false), 5)
        from status in Gen.Elements(RepStatus.Active, RepStatus.OnLeave, RepStatus.Transferred, RepStatus.Left)
        from custom in CustomItems(KarteLevel.Rep)
        select new PartnerRep
        {
            Id = new RepId($"R-{company}-{n}"),
            CompanyId = company,
            Name = new PersonName(flags[0] ? "山田" : "", "太郎", flags[1] ? "ヤマダ" : null),
            Title = flags[2] ? "部長" : null,
            Email = flags[3] ? "yamada@example.co.jp" : null,
            ExpertiseTags = flags[4] ? ["会計"] : [],
            Status = status,
            CustomItems = custom,
        };

    /// <summary>A sparse karte: each of <paramref name="companies"/> (<see cref="SparseCompany"/>) with 0–3 sparse reps, and any number of proposals (<see cref="Proposal"/>).</summary>
    /// <param name="companies">The companies.</param>
    /// <param name="origin">The day proposal dates count from.</param>
    /// <returns>The generator.</returns>
    public static Gen<KarteDataSet> SparseDataSet(IReadOnlyList<CompanyId> companies, DateOnly origin) =>
        from companyRecords in Gen.CollectToArray(companies, SparseCompany)
        from repCounts in Gen.ArrayOf(Gen.Choose(0, 3), companies.Count)
        from reps in Gen.CollectToArray(Enumerable.Range(0, companies.Count).SelectMany(c => Enumerable.Range(0, repCounts[c]).Select(n => (c, n))), t => SparseRep(companies[t.c], t.n))
        from proposals in Gen.ListOf(Proposal(companies, origin))
        select new KarteDataSet { Companies = companyRecords, Reps = reps, Proposals = [.. proposals] };

    /// <summary>A seeded full karte (<see cref="FromSeed"/>) of 1–3 companies, 1–5 reps, 0–4 proposals and 0–6 interactions.</summary>
    /// <returns>The generator.</returns>
    public static Gen<KarteDataSet> DataSet() =>
        from companies in Gen.Choose(1, 3)
        from reps in Gen.Choose(1, 5)
        from proposals in Gen.Choose(0, 4)
        from interactions in Gen.Choose(0, 6)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select FromSeed(seed, companies, reps, proposals, interactions);
}
