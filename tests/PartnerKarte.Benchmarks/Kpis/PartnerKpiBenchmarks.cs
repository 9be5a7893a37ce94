using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;

namespace PartnerKarte.Benchmarks.Kpis;

/// <summary>
/// Partner KPIs over 1,000,000 proposals of 5,000 companies (20,000 reps), proposals in random company order
/// (the worst case for the grouping pass). Short job, in process: on the shared 2-core machine the
/// out-of-process boilerplate build times out under load. Run:
/// <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- --filter '*PartnerKpiBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class PartnerKpiBenchmarks
{
    private const int Companies = 5_000;
    private const int RepsPerCompany = 4;
    private const int Proposals = 1_000_000;

    private readonly PartnerKpiCalculator calculator = new();
    private readonly KpiPeriod period = KpiPeriod.FiscalYear(2026, 3);
    private readonly DateOnly asOf = new(2026, 3, 1);
    private KarteDataSet data = KarteDataSet.Empty;
    private Proposal[] proposals = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260301);
        string[] industries = ["SIer", "広告代理店", "会計事務所", "商社", "ITコンサル"];
        string[] prefectures = ["東京都", "大阪府", "愛知県", "福岡県", "北海道"];
        var companies = new PartnerCompany[Companies];
        var reps = new List<PartnerRep>(Companies * RepsPerCompany);
        for (var c = 0; c < Companies; c++)
        {
            var id = new CompanyId($"C-{c:D5}");
            var filled = random.NextDouble();
            companies[c] = new PartnerCompany
            {
                Id = id,
                Name = $"株式会社サンプル{c}",
                Profile = new CompanyProfile
                {
                    Industry = industries[c % industries.Length],
                    Prefecture = filled > 0.3 ? prefectures[c % prefectures.Length] : null,
                    EmployeeCount = filled > 0.2 ? random.Next(5, 5000) : null,
                    ExistingCustomerCount = filled > 0.4 ? random.Next(10, 20000) : null,
                    FiscalClosingMonth = 3,
                },
                BusinessPolicy = filled > 0.5 ? "クラウド移行支援を強化" : null,
                Contract = new PartnerContract
                {
                    Type = ContractType.Resale,
                    Start = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 730)),
                    TermMonths = 12,
                    AutoRenew = c % 3 == 0,
                    CommissionRatePercent = 15,
                },
                CustomItems = filled > 0.6
                    ? new Dictionary<string, KarteValue> { ["kpi.targetDeals"] = KarteValue.FromNumber(200, KarteItemType.Integer) }
                    : new Dictionary<string, KarteValue>(),
            };

            for (var r = 0; r < RepsPerCompany; r++)
            {
                reps.Add(new PartnerRep
                {
                    Id = new RepId($"R-{c:D5}-{r}"),
                    CompanyId = id,
                    Name = new PersonName("山田", "太郎", "ヤマダ", "タロウ"),
                    Title = r == 0 ? "部長" : null,
                    Email = $"rep{r}@example.co.jp",
                    Status = r == 3 ? RepStatus.Left : RepStatus.Active,
                    CustomItems = r == 0
                        ? new Dictionary<string, KarteValue> { ["rep.temperature"] = KarteValue.FromChoice("hot") }
                        : new Dictionary<string, KarteValue>(),
                });
            }
        }

        proposals = new Proposal[Proposals];
        var start = new DateOnly(2024, 10, 1);
        for (var i = 0; i < Proposals; i++)
        {
            var company = companies[random.Next(Companies)].Id;
            var outcome = (ProposalOutcome)random.Next(3);
            var created = start.AddDays(random.Next(0, 540));
            proposals[i] = new Proposal
            {
                Id = new ProposalId($"P-{i}"),
                CompanyId = company,
                Offer = "クラウド会計",
                Amount = random.Next(1, 500) * 10_000m,
                GrossProfit = random.Next(1, 150) * 10_000m,
                Outcome = outcome,
                CreatedOn = created,
                ClosedOn = outcome == ProposalOutcome.Open ? null : created.AddDays(random.Next(0, 180)),
                LossReason = outcome == ProposalOutcome.Lost ? new LossReason((LossReasonCategory)random.Next(9)) : null,
            };
        }

        data = new KarteDataSet { Companies = companies, Reps = reps, Proposals = proposals };
    }

    /// <summary>
    /// The floor: read one field of every proposal; the other benchmarks' ratios to it compare across machines.
    /// </summary>
    [Benchmark(Baseline = true)]
    public decimal Baseline_read_1M_amounts()
    {
        decimal sum = 0;
        foreach (var p in proposals)
        {
            sum += p.Amount;
        }

        return sum;
    }

    /// <summary>Metrics only: one grouping pass over the proposals.</summary>
    [Benchmark]
    public int Metrics_1M_proposals() => calculator.CalculateKpis(proposals, period).Count;

    /// <summary>The full report: metrics, loss reasons, alerts, completeness of 5,000 companies and 20,000 reps, focus ranking.</summary>
    [Benchmark]
    public int FullReport_1M_proposals_5k_companies() => calculator.Calculate(data, period, asOf).Partners.Count;

    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
