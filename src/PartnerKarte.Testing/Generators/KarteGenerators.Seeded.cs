using PartnerKarte.Karte;

namespace PartnerKarte.Testing;

public static partial class KarteGenerators
{
    /// <summary>The longest a company name or an offer can be in the CRMs (Account.Name, opportunity name).</summary>
    public const int MaxNameLength = 255;

    /// <summary>A long-text field at the CRM maximum (Description is 32,000 characters).</summary>
    public const int MaxLongTextLength = 32_000;

    private static readonly string[] Words =
    [
        "株式会社サンプル商事", "ｻﾝﾌﾟﾙｼｮｳｼﾞ", "東京都千代田区丸の内１－１", "営業部, \"第二課\"", "課長", "クラウド", "製造業", "改行を\r\n含む説明",
        "ＡＢＣ　ソリューションズ", "㈱テスト", "髙橋", "𠮷野家", "ﾃｽﾄ", "SaaS", "DX推進", "予算は来期",
    ];

    private static readonly string[] SeedUsers = ["U-01", "U-02", "U-03"];

    /// <summary>
    /// A karte made from a seed: Japanese text (full- and half-width, line breaks, commas and quotes), nulls wherever a
    /// field is optional, texts at the CRM field maximums (<see cref="MaxNameLength"/>, <see cref="MaxLongTextLength"/>),
    /// custom items of every type (null values included), and transfers (reps with a closed episode at another company).
    /// The same seed and counts give the same karte, so a failing case is reproduced by its seed.
    /// </summary>
    /// <param name="seed">Drives every value.</param>
    /// <param name="companyCount">Companies (at least 1).</param>
    /// <param name="repCount">Reps (at least 1).</param>
    /// <param name="proposalCount">Proposals.</param>
    /// <param name="interactionCount">Interactions.</param>
    /// <returns>The karte.</returns>
    public static KarteDataSet FromSeed(int seed, int companyCount, int repCount, int proposalCount, int interactionCount)
    {
        var r = new Random(seed);
        var tag = seed.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var day0 = new DateOnly(2020, 4, 1).AddDays(r.Next(0, 1500));

        var companies = Enumerable.Range(0, companyCount).Select(i => new PartnerCompany
        {
            Id = new CompanyId($"C-{tag}-{i}"),
            Name = r.Next(4) == 0 ? Long(r, MaxNameLength) : Text(r)! + i,
            NameKana = Maybe(r, () => "サンプル" + i),
            CorporateNumber = Maybe(r, () => string.Concat(Enumerable.Range(0, 13).Select(_ => (char)('0' + r.Next(10))))),
            Profile = new CompanyProfile
            {
                Industry = Text(r), Prefecture = Maybe(r, () => "東京都"), Address = Text(r),
                EmployeeCount = MaybeValue(r, () => r.Next(1, 100_000)), YearFounded = MaybeValue(r, () => r.Next(1900, 2025)),
                Revenue = MaybeValue(r, () => (decimal)r.NextInt64(0, 1_000_000_000_000)), Capital = MaybeValue(r, () => (decimal)r.Next(0, 1_000_000_000)),
                FiscalClosingMonth = MaybeValue(r, () => r.Next(1, 13)), ExistingCustomerCount = MaybeValue(r, () => r.Next(0, 10_000)),
                CustomerSegments = List(r), Domain = Maybe(r, () => $"example{i}.co.jp"),
            },
            BusinessPolicy = Text(r), Strengths = Text(r), Challenges = r.Next(6) == 0 ? Long(r, MaxLongTextLength) : Text(r),
            FocusTags = List(r),
            Contract = r.Next(3) == 0 ? null : new PartnerContract
            {
                Type = (ContractType)r.Next(3), Start = day0, TermMonths = MaybeValue(r, () => r.Next(1, 61)), End = MaybeValue(r, () => day0.AddYears(2)),
                AutoRenew = r.Next(2) == 0, CommissionRatePercent = MaybeValue(r, () => r.Next(0, 1000) / 10m),
                CommissionReviewDate = MaybeValue(r, () => day0.AddMonths(6)), SalesConditions = Text(r),
            },
            OwnerId = User(r),
            CustomItems = Custom(r, "company"),
        }).ToList();

        var reps = Enumerable.Range(0, repCount).Select(i =>
        {
            var company = companies[r.Next(companies.Count)].Id;
            var joined = day0.AddDays(r.Next(0, 300));
            List<EmploymentEpisode> employment = [];
            if (companies.Count > 1 && r.Next(3) == 0)
            {
                // A transfer: a closed episode at another company, then the current one.
                var before = companies.First(c => c.Id != company).Id;
                employment.Add(new EmploymentEpisode(before, Text(r), Text(r), joined.AddYears(-3), joined.AddDays(-1)));
            }

            if (r.Next(5) != 0)
            {
                employment.Add(new EmploymentEpisode(company, Text(r), Text(r), joined));
            }

            return new PartnerRep
            {
                Id = new RepId($"R-{tag}-{i}"),
                CompanyId = company,
                Name = new PersonName(r.Next(2) == 0 ? "山田" : "ﾔﾏﾀﾞ", r.Next(4) == 0 ? string.Empty : "太郎" + i, Maybe(r, () => "ヤマダ"), Maybe(r, () => "タロウ")),
                Title = Text(r), Department = Text(r),
                Email = Maybe(r, () => $"taro{i}.{tag}@example{i}.co.jp"), Phone = Maybe(r, () => "03-1234-56" + r.Next(10, 99)),
                ExpertiseTags = List(r), InterestTags = List(r),
                Personality = r.Next(3) == 0 ? Personality.None : new Personality(
                    MaybeValue(r, () => (DiscStyle)r.Next(1, 5)), r.Next(2) == 0 ? null : MbtiType.Parse("INTJ"), Text(r)),
                Status = (RepStatus)r.Next(4),
                Employment = employment,
                OwnerId = User(r),
                OptedOut = r.Next(5) == 0,
                CustomItems = Custom(r, "rep"),
            };
        }).ToList();

        var proposals = Enumerable.Range(0, proposalCount).Select(i =>
        {
            var company = companies[r.Next(companies.Count)];
            var rep = reps.Where(x => x.CompanyId == company.Id).Select(x => (RepId?)x.Id).FirstOrDefault();
            var outcome = (ProposalOutcome)r.Next(3);
            var created = day0.AddDays(r.Next(0, 400));
            return new Proposal
            {
                Id = new ProposalId($"P-{tag}-{i}"),
                CompanyId = company.Id,
                RepId = r.Next(4) == 0 ? null : rep,
                OwnerId = User(r),
                Offer = r.Next(5) == 0 ? Long(r, MaxNameLength) : "クラウド会計 スタンダード" + i,
                Themes = List(r),
                Amount = r.Next(0, 100_000_000),
                GrossProfit = r.Next(0, 10_000_000),
                Stage = outcome == ProposalOutcome.Open ? (ProposalStage)r.Next(4) : ProposalStage.Closed,
                Outcome = outcome,
                CreatedOn = created,
                ClosedOn = outcome == ProposalOutcome.Open ? null : created.AddDays(r.Next(1, 200)),
                LossReason = outcome == ProposalOutcome.Lost && r.Next(3) != 0 ? new LossReason((LossReasonCategory)r.Next(9), Text(r)) : null,
            };
        }).ToList();

        var interactions = Enumerable.Range(0, interactionCount).Select(i =>
        {
            var rep = reps[r.Next(reps.Count)];
            var at = new DateTimeOffset(day0.AddDays(r.Next(0, 500)).ToDateTime(new TimeOnly(r.Next(8, 20), r.Next(60), r.Next(60))), TimeSpan.FromHours(9));
            var initiator = (Initiator)r.Next(2);
            return new Interaction
            {
                Id = new InteractionId($"I-{tag}-{i}"),
                RepId = rep.Id,
                OccurredAt = at,
                Channel = (InteractionChannel)r.Next(8),
                Initiator = initiator,
                Purpose = (InteractionPurpose)r.Next(6),
                ResponseLatency = MaybeValue(r, () => TimeSpan.FromSeconds(r.Next(60, 200_000))),
                UserId = User(r),
                OtherParticipants = reps.Count > 1 && r.Next(3) == 0 ? [reps.First(x => x.Id != rep.Id).Id] : [],
                Statements = r.Next(8) == 0 ? Long(r, MaxLongTextLength) : Text(r),
                Reaction = (Reaction)r.Next(4),
                Concerns = Text(r),
                NextAction = r.Next(3) == 0 ? null : new NextAction(Text(r) ?? "資料送付", MaybeValue(r, () => at.AddDays(7)), MaybeValue(r, () => at.AddDays(5)), User(r)),
                ProposalId = proposals.Count > 0 && r.Next(3) == 0 ? proposals[r.Next(proposals.Count)].Id : null,
            };
        }).ToList();

        return new KarteDataSet { Companies = companies, Reps = reps, Proposals = proposals, Interactions = interactions };
    }

    private static string? Text(Random r) => r.Next(4) switch
    {
        0 => null,
        _ => Words[r.Next(Words.Length)] + (r.Next(2) == 0 ? string.Empty : Words[r.Next(Words.Length)]),
    };

    private static string Long(Random r, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "あいうえおカキクケコ漢字ｱｲｳ営業部、"[r.Next(18)];
        }

        return new string(chars);
    }

    private static string? Maybe(Random r, Func<string> value) => r.Next(3) == 0 ? null : value();

    private static T? MaybeValue<T>(Random r, Func<T> value)
        where T : struct => r.Next(3) == 0 ? null : value();

    private static IReadOnlyList<string> List(Random r) =>
        [.. Enumerable.Range(0, r.Next(0, 4)).Select(_ => Words[r.Next(Words.Length)].Replace(",", string.Empty, StringComparison.Ordinal).Replace("\r\n", string.Empty, StringComparison.Ordinal)).Distinct()];

    private static UserId? User(Random r) => r.Next(4) == 0 ? null : new UserId(SeedUsers[r.Next(SeedUsers.Length)]);

    private static Dictionary<string, KarteValue> Custom(Random r, string level)
    {
        var all = new (string Key, Func<KarteValue> Value)[]
        {
            ($"{level}.note", () => KarteValue.FromText(Text(r))),
            ($"{level}.memo", () => KarteValue.FromText(Text(r) ?? "メモ\n二行目", multiline: true)),
            ($"{level}.count", () => KarteValue.FromNumber(MaybeValue(r, () => (decimal)r.Next(0, 1000)), KarteItemType.Integer)),
            ($"{level}.ratio", () => KarteValue.FromNumber(r.Next(0, 10_000) / 100m, KarteItemType.Percent)),
            ($"{level}.budget", () => KarteValue.FromNumber(r.Next(0, 100_000_000), KarteItemType.Money)),
            ($"{level}.flag", () => KarteValue.FromBoolean(r.Next(3) == 0 ? null : r.Next(2) == 0)),
            ($"{level}.since", () => KarteValue.FromDate(MaybeValue(r, () => new DateOnly(2024, 1, 1).AddDays(r.Next(0, 700))))),
            ($"{level}.temperature", () => KarteValue.FromChoice(r.Next(2) == 0 ? "hot" : "cold")),
            ($"{level}.topics", () => KarteValue.FromItems(List(r))),
            ($"{level}.channels", () => KarteValue.FromItems(["email", "meeting"], tags: false)),
        };
        return all.Where(_ => r.Next(3) == 0).ToDictionary(x => x.Key, x => x.Value(), StringComparer.Ordinal);
    }
}
