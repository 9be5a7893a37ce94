using PartnerKarte.Karte;

namespace PartnerKarte.Testing;

/// <summary>
/// Builds karte records for tests with Japanese defaults for everything a test does not care about. Records are
/// immutable: change what matters with <c>with</c>, for example <c>KarteBuilder.Rep(id, company, "佐藤", "健一") with { OptedOut = true }</c>.
/// </summary>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class KarteBuilder
{
    /// <summary>The day <see cref="Rep"/> starts a rep's current employment episode unless told otherwise.</summary>
    public static readonly DateOnly DefaultJoined = new(2020, 4, 1);

    private static int sequence;

    /// <summary>A company with a name and an owner only.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The name.</param>
    /// <param name="owner">Our owner.</param>
    /// <returns>The company.</returns>
    public static PartnerCompany Company(CompanyId id, string name = "株式会社サンプル商事", UserId? owner = null) =>
        new() { Id = id, Name = name, OwnerId = owner };

    /// <summary>A rep with a name and a current employment episode at <paramref name="company"/>.</summary>
    /// <param name="id">The id.</param>
    /// <param name="company">The rep's company.</param>
    /// <param name="family">Family name (姓).</param>
    /// <param name="given">Given name (名).</param>
    /// <param name="familyKana">Family name in katakana.</param>
    /// <param name="givenKana">Given name in katakana.</param>
    /// <param name="department">The department.</param>
    /// <param name="title">The title.</param>
    /// <param name="owner">Our owner.</param>
    /// <param name="joined">The first day of the current episode; <see cref="DefaultJoined"/> when <see langword="null"/>.</param>
    /// <returns>The rep.</returns>
    public static PartnerRep Rep(
        RepId id, CompanyId company, string family = "山田", string given = "太郎", string? familyKana = null, string? givenKana = null,
        string? department = null, string? title = null, UserId? owner = null, DateOnly? joined = null) => new()
        {
            Id = id,
            CompanyId = company,
            Name = new PersonName(family, given, familyKana, givenKana),
            Department = department,
            Title = title,
            OwnerId = owner,
            Employment = [new EmploymentEpisode(company, title, department, joined ?? DefaultJoined)],
        };

    /// <summary>A proposal; a closed one (won or lost) closes 30 days after it was created.</summary>
    /// <param name="id">The id.</param>
    /// <param name="company">The partner company.</param>
    /// <param name="rep">The partner rep.</param>
    /// <param name="owner">Our owner.</param>
    /// <param name="offer">What is offered.</param>
    /// <param name="outcome">The outcome; open proposals are at the proposal stage, the others closed.</param>
    /// <param name="created">The day it was created.</param>
    /// <param name="amount">The amount in yen.</param>
    /// <param name="themes">The themes.</param>
    /// <returns>The proposal.</returns>
    public static Proposal Proposal(
        string id, CompanyId company, RepId? rep, UserId? owner, string offer, ProposalOutcome outcome, DateOnly created, decimal amount, IReadOnlyList<string>? themes = null) => new()
        {
            Id = new ProposalId(id),
            CompanyId = company,
            RepId = rep,
            OwnerId = owner,
            Offer = offer,
            Outcome = outcome,
            Stage = outcome == ProposalOutcome.Open ? ProposalStage.Proposal : ProposalStage.Closed,
            CreatedOn = created,
            ClosedOn = outcome == ProposalOutcome.Open ? null : created.AddDays(30),
            Amount = amount,
            Themes = themes ?? [],
        };

    /// <summary>A won proposal (クラウド会計パッケージ) with a fresh id.</summary>
    /// <param name="company">The partner company.</param>
    /// <param name="amount">The amount in yen.</param>
    /// <param name="created">The day it was created.</param>
    /// <param name="closed">The day it was won.</param>
    /// <param name="grossProfit">The gross profit in yen.</param>
    /// <returns>The proposal.</returns>
    public static Proposal WonProposal(CompanyId company, decimal amount, DateOnly created, DateOnly closed, decimal? grossProfit = 0) => new()
    {
        Id = NextProposalId(),
        CompanyId = company,
        Offer = "クラウド会計パッケージ",
        Amount = amount,
        GrossProfit = grossProfit,
        Stage = ProposalStage.Closed,
        Outcome = ProposalOutcome.Won,
        CreatedOn = created,
        ClosedOn = closed,
    };

    /// <summary>A lost proposal (勤怠管理オプション) with a fresh id.</summary>
    /// <param name="company">The partner company.</param>
    /// <param name="created">The day it was created.</param>
    /// <param name="closed">The day it was lost.</param>
    /// <param name="reason">The loss reason, or <see langword="null"/> for none recorded; a price loss carries a note.</param>
    /// <param name="amount">The amount in yen.</param>
    /// <returns>The proposal.</returns>
    public static Proposal LostProposal(CompanyId company, DateOnly created, DateOnly closed, LossReasonCategory? reason = LossReasonCategory.Price, decimal amount = 1_000_000m) => new()
    {
        Id = NextProposalId(),
        CompanyId = company,
        Offer = "勤怠管理オプション",
        Amount = amount,
        Stage = ProposalStage.Closed,
        Outcome = ProposalOutcome.Lost,
        CreatedOn = created,
        ClosedOn = closed,
        LossReason = reason is { } r ? new LossReason(r, r == LossReasonCategory.Price ? "他社より月額が高いとの指摘" : null) : null,
    };

    /// <summary>An open proposal (経費精算SaaS) with a fresh id.</summary>
    /// <param name="company">The partner company.</param>
    /// <param name="amount">The amount in yen.</param>
    /// <param name="created">The day it was created.</param>
    /// <returns>The proposal.</returns>
    public static Proposal OpenProposal(CompanyId company, decimal amount, DateOnly created) => new()
    {
        Id = NextProposalId(),
        CompanyId = company,
        Offer = "経費精算SaaS",
        Amount = amount,
        Stage = ProposalStage.Proposal,
        Outcome = ProposalOutcome.Open,
        CreatedOn = created,
    };

    /// <summary>An interaction (a meeting unless told otherwise).</summary>
    /// <param name="id">The id.</param>
    /// <param name="rep">The partner rep.</param>
    /// <param name="user">Who of our team took part.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="statements">What the rep said.</param>
    /// <param name="reaction">The rep's reaction.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The interaction.</returns>
    public static Interaction Interaction(
        string id, RepId rep, UserId? user, DateTimeOffset at, string? statements = null, Reaction reaction = Reaction.Unknown, InteractionChannel channel = InteractionChannel.Meeting) => new()
        {
            Id = new InteractionId(id),
            RepId = rep,
            UserId = user,
            OccurredAt = at,
            Channel = channel,
            Statements = statements,
            Reaction = reaction,
        };

    /// <summary>株式会社サンプル商事 with every company karte field filled (profile, policy, strengths, challenges, contract).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The company.</returns>
    public static PartnerCompany CompleteCompany(CompanyId id) => new()
    {
        Id = id,
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

    /// <summary>山田 太郎, a 課長 with every rep karte field filled, employed at <paramref name="company"/> since 2015-04-01.</summary>
    /// <param name="company">The rep's company.</param>
    /// <returns>The rep.</returns>
    public static PartnerRep CompleteRep(CompanyId company) => new()
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

    private static ProposalId NextProposalId() => new($"P-{Interlocked.Increment(ref sequence)}");
}
