using BenchmarkDotNet.Attributes;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Targeting;

namespace PartnerKarte.Benchmarks.Targeting;

/// <summary>
/// Ranking an offer over 100,000 reps in 10,000 companies with 100,000 closed proposals and 200,000 interactions;
/// the targeter is built once (the index), each invocation ranks one offer and returns the top 20 with reasons.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ProposalTargetingBenchmarks
{
    private static readonly string[] Tags = ["クラウド会計", "ERP", "DX", "インボイス制度", "人事", "勤怠管理", "経費精算", "セキュリティ", "製造業", "小売", "医療", "物流", "SaaS", "AI", "データ分析", "CRM"];
    private static readonly string[] Industries = ["SIer", "ソフトウェア販売", "広告代理店", "コンサルティング", "OA機器販売"];
    private KarteDataSet _data = null!;
    private ProposalTargeter _targeter = null!;
    private Offer _offer = null!;
    private readonly DateTimeOffset _asOf = new(2026, 6, 30, 0, 0, 0, TimeSpan.FromHours(9));

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(11);
        var companies = Enumerable.Range(0, 10_000).Select(i => new PartnerCompany
        {
            Id = new CompanyId($"c{i}"),
            Name = $"株式会社パートナー{i}",
            Profile = new CompanyProfile { Industry = Industries[rng.Next(Industries.Length)], EmployeeCount = rng.Next(5, 5000) },
        }).ToArray();
        string[] Pick(int n) => [.. Enumerable.Range(0, n).Select(_ => Tags[rng.Next(Tags.Length)]).Distinct()];
        var reps = Enumerable.Range(0, 100_000).Select(i => new PartnerRep
        {
            Id = new RepId($"r{i}"),
            CompanyId = companies[i % companies.Length].Id,
            Name = new PersonName("山田", "太郎"),
            ExpertiseTags = Pick(rng.Next(1, 5)),
            InterestTags = Pick(rng.Next(1, 5)),
            Personality = new Personality((DiscStyle)rng.Next(1, 5)),
            OptedOut = rng.Next(50) == 0,
        }).ToArray();
        var proposals = Enumerable.Range(0, 100_000).Select(i => new Proposal
        {
            Id = new ProposalId($"p{i}"),
            CompanyId = companies[rng.Next(companies.Length)].Id,
            Offer = Tags[rng.Next(Tags.Length)],
            Themes = Pick(2),
            Outcome = rng.Next(2) == 0 ? ProposalOutcome.Won : ProposalOutcome.Lost,
            CreatedOn = new DateOnly(2025, 1, 1).AddDays(rng.Next(500)),
        }).ToArray();
        var interactions = Enumerable.Range(0, 200_000).Select(i => new Interaction
        {
            Id = new InteractionId($"i{i}"),
            RepId = reps[rng.Next(reps.Length)].Id,
            OccurredAt = _asOf.AddDays(-rng.Next(365)),
        }).ToArray();
        _data = new KarteDataSet { Companies = companies, Reps = reps, Proposals = proposals, Interactions = interactions };
        var trust = reps.Where((_, i) => i % 3 != 0).ToDictionary(r => r.Id, r => new TrustScore { RepId = r.Id, AsOf = _asOf, Value = rng.Next(101), Rank = TrustRank.B });
        _targeter = new ProposalTargeter(_data, trust);
        _offer = new Offer
        {
            Product = "クラウド会計",
            Themes = ["インボイス制度", "DX", "経費精算"],
            TargetIndustries = ["SIer", "コンサルティング"],
            EmployeeSizeBands = [new EmployeeSizeBand(50, 999)],
        };
    }

    [Benchmark(Description = "target an offer over 100,000 reps (top 20 with reasons)")]
    public int TargetOffer() => _targeter.Target(_offer, _asOf, 20).Count;
}
