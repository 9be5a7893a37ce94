using PartnerKarte.Karte;
using PartnerKarte.Kpis;

namespace PartnerKarte.Core.Tests.Kpis;

/// <summary>Japanese example data shared by the KPI tests.</summary>
internal static class KpiTestData
{
    public static readonly CompanyId SampleShoji = new("C-001");
    public static readonly CompanyId MiraiSystems = new("C-002");
    public static readonly KpiPeriod FiscalYear2025 = KpiPeriod.FiscalYear(2026, 3); // 2025-04-01 .. 2026-03-31

    private static int seq;

    public static Proposal Won(CompanyId company, decimal amount, DateOnly created, DateOnly closed, decimal? grossProfit = 0) => new()
    {
        Id = new ProposalId($"P-{Interlocked.Increment(ref seq)}"),
        CompanyId = company,
        Offer = "クラウド会計パッケージ",
        Amount = amount,
        GrossProfit = grossProfit,
        Stage = ProposalStage.Closed,
        Outcome = ProposalOutcome.Won,
        CreatedOn = created,
        ClosedOn = closed,
    };

    public static Proposal Lost(CompanyId company, DateOnly created, DateOnly closed, LossReasonCategory? reason = LossReasonCategory.Price, decimal amount = 1_000_000m) => new()
    {
        Id = new ProposalId($"P-{Interlocked.Increment(ref seq)}"),
        CompanyId = company,
        Offer = "勤怠管理オプション",
        Amount = amount,
        Stage = ProposalStage.Closed,
        Outcome = ProposalOutcome.Lost,
        CreatedOn = created,
        ClosedOn = closed,
        LossReason = reason is { } r ? new LossReason(r, r == LossReasonCategory.Price ? "他社より月額が高いとの指摘" : null) : null,
    };

    public static Proposal Open(CompanyId company, decimal amount, DateOnly created) => new()
    {
        Id = new ProposalId($"P-{Interlocked.Increment(ref seq)}"),
        CompanyId = company,
        Offer = "経費精算SaaS",
        Amount = amount,
        Stage = ProposalStage.Proposal,
        Outcome = ProposalOutcome.Open,
        CreatedOn = created,
    };

    public static PartnerCompany SampleShojiCompany() => new()
    {
        Id = SampleShoji,
        Name = "株式会社サンプル商事",
        NameKana = "サンプルショウジ",
        CorporateNumber = "1234567890123",
        OwnerId = new UserId("U-01"),
        Profile = new CompanyProfile
        {
            Industry = "SIer",
            Prefecture = "東京都",
            Address = "東京都千代田区丸の内1-1-1",
            EmployeeCount = 320,
            YearFounded = 1998,
            Revenue = 4_800_000_000m,
            Capital = 100_000_000m,
            FiscalClosingMonth = 3,
            ExistingCustomerCount = 1200,
            CustomerSegments = ["中小企業", "製造業"],
        },
        BusinessPolicy = "クラウド移行支援を強化",
        Strengths = "製造業向けの導入実績",
        Challenges = "営業人員の不足",
        FocusTags = ["DX", "クラウド"],
        Contract = new PartnerContract
        {
            Type = ContractType.Resale,
            Start = new DateOnly(2025, 4, 1),
            TermMonths = 12,
            CommissionRatePercent = 20m,
            CommissionReviewDate = new DateOnly(2026, 2, 1),
            SalesConditions = "最低発注数 10ライセンス",
        },
    };

    public static PartnerRep Yamada(CompanyId company) => new()
    {
        Id = new RepId("R-001"),
        CompanyId = company,
        Name = new PersonName("山田", "太郎", "ヤマダ", "タロウ"),
        Title = "課長",
        Department = "第一営業部",
        Email = "yamada@sample-shoji.co.jp",
        Phone = "03-1234-5678",
        ExpertiseTags = ["会計", "製造業"],
        InterestTags = ["DX"],
        Personality = new Personality(DiscStyle.I),
        OwnerId = new UserId("U-01"),
        Employment = [new EmploymentEpisode(company, "課長", "第一営業部", new DateOnly(2015, 4, 1))],
    };
}
