using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Testing;

namespace PartnerKarte.Core.Tests.Handover;

/// <summary>A small Japanese karte used by the handover and targeting example tests.</summary>
internal static class JapaneseKarte
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 30, 18, 0, 0, TimeSpan.FromHours(9));
    public static readonly DateOnly EffectiveOn = new(2026, 6, 30);

    public static readonly UserId Tanaka = new("u-tanaka");     // 田中: the departing partner manager
    public static readonly UserId Yamamoto = new("u-yamamoto"); // 山本: same team, light load
    public static readonly UserId Kobayashi = new("u-kobayashi"); // 小林: same team, heavier load
    public static readonly UserId Nakamura = new("u-nakamura"); // 中村: other team

    public static readonly CompanyId Sample = new("c-sample");   // 株式会社サンプル商事
    public static readonly CompanyId Mirai = new("c-mirai");     // みらいシステム(株)
    public static readonly CompanyId Kita = new("c-kita");       // 北日本ソリューションズ

    public static readonly RepId Sato = new("r-sato");         // 佐藤: key person at サンプル商事
    public static readonly RepId Suzuki = new("r-suzuki");     // 鈴木: same department as 佐藤
    public static readonly RepId Takahashi = new("r-takahashi"); // 高橋: other department
    public static readonly RepId Ito = new("r-ito");           // 伊藤: opted out
    public static readonly RepId Watanabe = new("r-watanabe"); // 渡辺: みらいシステム
    public static readonly RepId Kato = new("r-kato");         // 加藤: 北日本, left

    public static KarteDataSet Build()
    {
        var companies = new[]
        {
            new PartnerCompany
            {
                Id = Sample, Name = "株式会社サンプル商事", NameKana = "サンプルショウジ", OwnerId = Tanaka,
                Profile = new CompanyProfile { Industry = "SIer", Prefecture = "東京都", EmployeeCount = 350 },
                BusinessPolicy = "中堅企業向けクラウド移行を強化", FocusTags = ["クラウド", "会計"],
            },
            new PartnerCompany
            {
                Id = Mirai, Name = "みらいシステム(株)", OwnerId = Tanaka,
                Profile = new CompanyProfile { Industry = "ソフトウェア販売", Prefecture = "大阪府", EmployeeCount = 80 },
            },
            new PartnerCompany
            {
                Id = Kita, Name = "北日本ソリューションズ株式会社", OwnerId = Kobayashi,
                Profile = new CompanyProfile { Industry = "SIer", Prefecture = "宮城県", EmployeeCount = 1200 },
            },
        };
        var reps = new[]
        {
            Rep(Sato, Sample, "佐藤", "健一", "サトウ", "ケンイチ", "営業一部", "部長", Tanaka, ["クラウド会計", "製造業"], ["インボイス制度", "DX"], new Personality(DiscStyle.D, MbtiType.Parse("ENTJ"))),
            Rep(Suzuki, Sample, "鈴木", "花子", "スズキ", "ハナコ", "営業一部", "課長", Tanaka, ["クラウド会計"], ["インボイス制度"], new Personality(DiscStyle.S)),
            Rep(Takahashi, Sample, "高橋", "誠", "タカハシ", "マコト", "ソリューション事業部", "主任", null, ["ERP"], ["DX"], Personality.None),
            Rep(Ito, Sample, "伊藤", "美咲", "イトウ", "ミサキ", "営業一部", null, null, ["クラウド会計"], [], Personality.None) with { OptedOut = true },
            Rep(Watanabe, Mirai, "渡辺", "翔", "ワタナベ", "ショウ", "営業部", "係長", Tanaka, ["勤怠管理"], ["人事"], new Personality(DiscStyle.C, MbtiType.Parse("ISTJ"))),
            Rep(Kato, Kita, "加藤", "大輔", "カトウ", "ダイスケ", "営業部", null, Kobayashi, ["ERP"], [], Personality.None) with { Status = RepStatus.Left },
        };
        var proposals = new List<Proposal>
        {
            Proposal("p-001", Sample, Sato, Tanaka, "クラウド会計", ProposalOutcome.Open, new DateOnly(2026, 5, 10), 4_800_000m, ["インボイス制度"]),
            Proposal("p-002", Sample, Sato, Tanaka, "クラウド会計", ProposalOutcome.Won, new DateOnly(2026, 2, 1), 3_000_000m, ["インボイス制度"]),
            Proposal("p-003", Sample, Sato, Tanaka, "経費精算", ProposalOutcome.Won, new DateOnly(2025, 11, 20), 1_200_000m, ["DX"]),
            Proposal("p-004", Sample, Sato, Tanaka, "クラウド会計", ProposalOutcome.Lost, new DateOnly(2025, 9, 5), 2_000_000m, ["インボイス制度"]),
            Proposal("p-005", Sample, Suzuki, Tanaka, "経費精算", ProposalOutcome.Open, new DateOnly(2026, 6, 1), 900_000m, ["DX"]),
            Proposal("p-006", Mirai, Watanabe, Tanaka, "勤怠管理", ProposalOutcome.Open, new DateOnly(2026, 4, 15), 1_500_000m, ["人事"]),
            Proposal("p-007", Kita, Kato, Kobayashi, "ERP連携", ProposalOutcome.Won, new DateOnly(2025, 12, 1), 8_000_000m, ["ERP"]),
        };
        var interactions = new List<Interaction>();
        var day = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.FromHours(9));
        for (var i = 0; i < 8; i++)
        {
            interactions.Add(Interaction($"i-sato-{i:00}", Sato, Tanaka, day.AddDays(i * 10), "インボイス対応の進捗を共有", Reaction.Positive));
        }

        interactions.Add(Interaction("i-suzuki-01", Suzuki, Tanaka, day.AddDays(20), "経費精算の見積依頼", Reaction.Neutral) with { OtherParticipants = [Sato] });
        interactions.Add(Interaction("i-suzuki-02", Suzuki, Yamamoto, day.AddDays(50), "勉強会に参加", Reaction.Positive));
        interactions.Add(Interaction("i-watanabe-01", Watanabe, Tanaka, day.AddDays(30), "勤怠管理のデモ", Reaction.Positive) with
        {
            NextAction = new NextAction("見積書を送付", day.AddDays(95), Owner: Tanaka),
        });
        interactions.Add(Interaction("i-watanabe-02", Watanabe, Tanaka, day.AddDays(60), "稟議の状況確認", Reaction.Neutral));
        interactions.Add(Interaction("i-sato-next", Sato, Tanaka, day.AddDays(85), "導入スケジュールの相談", Reaction.Positive) with
        {
            NextAction = new NextAction("導入計画書を提出", day.AddDays(100), Owner: Tanaka),
        });
        interactions.Add(Interaction("i-takahashi-01", Takahashi, Nakamura, day.AddDays(-200), "展示会で名刺交換", Reaction.Neutral));
        var members = new[]
        {
            new TeamMember(Tanaka, "田中 一郎", "パートナー営業1課"),
            new TeamMember(Yamamoto, "山本 直樹", "パートナー営業1課"),
            new TeamMember(Kobayashi, "小林 さくら", "パートナー営業1課"),
            new TeamMember(Nakamura, "中村 亮", "パートナー営業2課"),
        };
        return new KarteDataSet { Companies = companies, Reps = reps, Proposals = proposals, Interactions = interactions, TeamMembers = members };
    }

    public static IReadOnlyDictionary<RepId, TrustScore> Trust() => new Dictionary<RepId, TrustScore>
    {
        [Sato] = Score(Sato, 82, TrustRank.A, TrustTendency.Proactive | TrustTendency.FastResponder),
        [Suzuki] = Score(Suzuki, 55, TrustRank.B, TrustTendency.Cautious),
        [Takahashi] = Score(Takahashi, 20, TrustRank.D, TrustTendency.None),
        [Watanabe] = Score(Watanabe, 64, TrustRank.B, TrustTendency.FrequentInquirer),
    };

    public static TrustScore Score(RepId rep, double value, TrustRank rank, TrustTendency tendencies) => new()
    {
        RepId = rep,
        AsOf = AsOf,
        Value = value,
        Rank = rank,
        Confidence = 0.8,
        Trend = 2.5,
        Tendencies = tendencies,
        Factors =
        [
            new TrustFactor(TrustFactorKind.Responsiveness, value / 100, 0.3, 8, ["i-1"]),
            new TrustFactor(TrustFactorKind.Reliability, value / 120, 0.4, 5, ["i-2", "i-3"]),
            new TrustFactor(TrustFactorKind.Cadence, 0.5, 0.3, 6, []),
        ],
    };

    public static PartnerRep Rep(RepId id, CompanyId company, string family, string given, string familyKana, string givenKana, string department, string? title, UserId? owner, string[] expertise, string[] interests, Personality personality) =>
        KarteBuilder.Rep(id, company, family, given, familyKana, givenKana, department, title, owner) with { ExpertiseTags = expertise, InterestTags = interests, Personality = personality };

    public static Proposal Proposal(string id, CompanyId company, RepId rep, UserId owner, string offer, ProposalOutcome outcome, DateOnly created, decimal amount, string[] themes) =>
        KarteBuilder.Proposal(id, company, rep, owner, offer, outcome, created, amount, themes);

    public static Interaction Interaction(string id, RepId rep, UserId user, DateTimeOffset at, string statements, Reaction reaction) =>
        KarteBuilder.Interaction(id, rep, user, at, statements, reaction);
}
