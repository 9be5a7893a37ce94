using PartnerKarte.Karte;

namespace PartnerKarte.Testing.Conformance;

/// <summary>A small, fixed Japanese karte used by the conformance suite (2 companies, 3 reps, 2 proposals, 6 interactions).</summary>
/// <threadsafety>Immutable.</threadsafety>
public static class ConformanceData
{
    /// <summary>A fixed instant all dates derive from.</summary>
    public static readonly DateTimeOffset BaseTime = new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>株式会社さくら販売 (C-001): two reps, a won proposal, a contract.</summary>
    public static readonly CompanyId Sakura = new("C-001");
    /// <summary>富士システム(株) (C-002): one rep, an open proposal.</summary>
    public static readonly CompanyId Fuji = new("C-002");
    /// <summary>田中 太郎 at <see cref="Sakura"/>.</summary>
    public static readonly RepId Tanaka = new("R-001");
    /// <summary>鈴木 花子 at <see cref="Sakura"/>.</summary>
    public static readonly RepId Suzuki = new("R-002");
    /// <summary>高橋 健一 at <see cref="Fuji"/>.</summary>
    public static readonly RepId Takahashi = new("R-003");
    /// <summary>The owner of every record (U-001).</summary>
    public static readonly UserId Manager = new("U-001");
    /// <summary>The successor handover operations move records to (U-002).</summary>
    public static readonly UserId Successor = new("U-002");

    /// <summary>The records.</summary>
    public static PartnerKarte.Sync.KarteRecordBatch Batch { get; } = new()
    {
        Companies =
        [
            new PartnerCompany
            {
                Id = Sakura, Name = "株式会社さくら販売", NameKana = "サクラハンバイ", CorporateNumber = "1234567890123",
                Profile = new CompanyProfile { Industry = "情報通信業", Prefecture = "東京都", EmployeeCount = 120, FiscalClosingMonth = 3 },
                BusinessPolicy = "中堅企業向けクラウド移行に注力", OwnerId = Manager,
                Contract = new PartnerContract { Type = ContractType.Resale, Start = new DateOnly(2025, 4, 1), TermMonths = 12, CommissionRatePercent = 15m },
                ModifiedAt = BaseTime,
            },
            new PartnerCompany
            {
                Id = Fuji, Name = "富士システム(株)", NameKana = "フジシステム",
                Profile = new CompanyProfile { Industry = "製造業", Prefecture = "大阪府" }, OwnerId = Manager, ModifiedAt = BaseTime,
            },
        ],
        Reps =
        [
            new PartnerRep
            {
                Id = Tanaka, CompanyId = Sakura, Name = new PersonName("田中", "太郎", "タナカ", "タロウ"), Title = "営業部長", Department = "第一営業部",
                Email = "tanaka@sakura.example.jp", ExpertiseTags = ["クラウド", "セキュリティ"], OwnerId = Manager,
                Employment = [new EmploymentEpisode(Sakura, "営業部長", "第一営業部", new DateOnly(2020, 4, 1))], ModifiedAt = BaseTime,
            },
            new PartnerRep
            {
                Id = Suzuki, CompanyId = Sakura, Name = new PersonName("鈴木", "花子", "スズキ", "ハナコ"), Title = "主任", OwnerId = Manager,
                Employment = [new EmploymentEpisode(Sakura, "主任", "第二営業部", new DateOnly(2022, 10, 1))], ModifiedAt = BaseTime,
            },
            new PartnerRep
            {
                Id = Takahashi, CompanyId = Fuji, Name = new PersonName("高橋", "健一", "タカハシ", "ケンイチ"), OwnerId = Manager,
                Employment = [new EmploymentEpisode(Fuji, null, null, new DateOnly(2019, 1, 1))], ModifiedAt = BaseTime,
            },
        ],
        Proposals =
        [
            new Proposal
            {
                Id = new ProposalId("P-001"), CompanyId = Sakura, RepId = Tanaka, OwnerId = Manager, Offer = "クラウド会計パッケージ",
                Amount = 1_200_000m, GrossProfit = 400_000m, Stage = ProposalStage.Closed, Outcome = ProposalOutcome.Won,
                CreatedOn = new DateOnly(2026, 1, 10), ClosedOn = new DateOnly(2026, 3, 1), ModifiedAt = BaseTime,
            },
            new Proposal
            {
                Id = new ProposalId("P-002"), CompanyId = Fuji, RepId = Takahashi, OwnerId = Manager, Offer = "生産管理SaaS",
                Amount = 800_000m, Stage = ProposalStage.Proposal, CreatedOn = new DateOnly(2026, 2, 1), ModifiedAt = BaseTime,
            },
        ],
        Interactions =
        [
            Interaction("I-001", Tanaka, 1, InteractionChannel.Meeting, Initiator.Us, Reaction.Positive, "新製品に強い関心"),
            Interaction("I-002", Tanaka, 5, InteractionChannel.Email, Initiator.Rep, Reaction.Neutral, "見積の確認"),
            Interaction("I-003", Suzuki, 3, InteractionChannel.Call, Initiator.Us, Reaction.Unknown, null),
            Interaction("I-004", Suzuki, 9, InteractionChannel.Meal, Initiator.Rep, Reaction.Positive, "懇親会"),
            Interaction("I-005", Takahashi, 2, InteractionChannel.WebMeeting, Initiator.Us, Reaction.Negative, "価格への懸念"),
            Interaction("I-006", Takahashi, 12, InteractionChannel.Chat, Initiator.Rep, Reaction.Neutral, "質問"),
        ],
    };

    private static Interaction Interaction(string id, RepId rep, int day, InteractionChannel channel, Initiator initiator, Reaction reaction, string? statements) => new()
    {
        Id = new InteractionId(id),
        RepId = rep,
        OccurredAt = BaseTime.AddDays(-30 + day),
        Channel = channel,
        Initiator = initiator,
        Reaction = reaction,
        Statements = statements,
        UserId = Manager,
        ModifiedAt = BaseTime,
    };
}
