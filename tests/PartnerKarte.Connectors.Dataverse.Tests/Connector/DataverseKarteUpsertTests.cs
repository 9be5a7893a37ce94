using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

/// <summary>Karte upserts (migration target) read back field by field; CRM edits to mapped columns win; deletions surface.</summary>
public sealed class DataverseKarteUpsertTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 4, 1, 9, 30, 15, TimeSpan.FromHours(9));
    private static readonly CompanyId Sakura = new("C-さくら-001");
    private static readonly CompanyId Fuji = new("C-O'Neil/002");
    private DataverseTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await DataverseTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    // 𠮷 is a surrogate pair: cutting a long text must never split it.
    private static string Long(string unit, int length)
    {
        var text = string.Concat(Enumerable.Repeat(unit, length / unit.Length + 1))[..length];
        return char.IsHighSurrogate(text[^1]) ? text[..^1] + "。" : text;
    }

    /// <summary>A whole karte: every field set somewhere, nulls elsewhere, texts longer than Dataverse's columns, a transfer.</summary>
    public static KarteRecordBatch FullKarte()
    {
        var custom = new Dictionary<string, KarteValue>(StringComparer.Ordinal)
        {
            ["custom.方針メモ"] = KarteValue.FromText("来期は関西に拠点を拡大", multiline: true),
            ["custom.score"] = KarteValue.FromNumber(12.345m, KarteItemType.Percent),
            ["custom.seats"] = KarteValue.FromNumber(300m, KarteItemType.Integer),
            ["custom.nda"] = KarteValue.FromBoolean(true),
            ["custom.audit"] = KarteValue.FromDate(new DateOnly(2026, 6, 30)),
            ["custom.tier"] = KarteValue.FromChoice("gold"),
            ["custom.regions"] = KarteValue.FromItems(["関東", "関西"], tags: false),
            ["custom.empty"] = KarteValue.FromText(null),
        };
        return new KarteRecordBatch
        {
            Companies =
            [
                new PartnerCompany
                {
                    Id = Sakura, Name = "株式会社" + Long("さくら販売𠮷", 200), NameKana = "サクラハンバイ", CorporateNumber = "1234567890123",
                    Profile = new CompanyProfile
                    {
                        Industry = "情報通信業", Prefecture = "東京都", Address = "千代田区丸の内1-1-1", EmployeeCount = 120, YearFounded = 1998,
                        Revenue = 1_234_567_890.1234m, Capital = 50_000_000m, FiscalClosingMonth = 3, ExistingCustomerCount = 450,
                        CustomerSegments = ["中堅企業", "自治体"], Domain = "sakura.example.jp",
                    },
                    BusinessPolicy = Long("クラウド移行に注力𠮷", 2500), Strengths = "保守体制", Challenges = "人材不足",
                    FocusTags = ["クラウド", "セキュリティ"],
                    Contract = new PartnerContract
                    {
                        Type = ContractType.Resale, Start = new DateOnly(2025, 4, 1), TermMonths = 12, End = new DateOnly(2026, 3, 31), AutoRenew = true,
                        CommissionRatePercent = 15.5m, CommissionReviewDate = new DateOnly(2026, 1, 15), SalesConditions = "最低発注 10 ライセンス",
                    },
                    OwnerId = new UserId("manager@example.jp"), CustomItems = custom, ModifiedAt = At,
                },
                new PartnerCompany { Id = Fuji, Name = "富士システム(株)", ModifiedAt = null },
            ],
            Reps =
            [
                new PartnerRep
                {
                    Id = new RepId("R-001"), CompanyId = Fuji, Name = new PersonName(Long("長谷川", 60), "太郎", "ハセガワ", "タロウ"),
                    Title = "営業部長", Department = "第一営業部", Email = "tanaka@fuji.example.jp", Phone = "03-1234-5678",
                    ExpertiseTags = ["クラウド"], InterestTags = ["AI", "ゼロトラスト"],
                    Personality = new Personality(DiscStyle.I, MbtiType.Parse("ENFP"), "雑談好き"),
                    Status = RepStatus.Transferred, OptedOut = true,
                    Employment =
                    [
                        new EmploymentEpisode(Sakura, "課長", "営業部", new DateOnly(2018, 4, 1), new DateOnly(2024, 3, 31)),
                        new EmploymentEpisode(Fuji, "営業部長", "第一営業部", new DateOnly(2024, 4, 1)),
                    ],
                    OwnerId = new UserId("manager@example.jp"), CustomItems = custom, ModifiedAt = At,
                },
                new PartnerRep { Id = new RepId("R-002"), CompanyId = Sakura, Name = new PersonName("鈴木", string.Empty) },
            ],
            Proposals =
            [
                new Proposal
                {
                    Id = new ProposalId("P-001"), CompanyId = Sakura, RepId = new RepId("R-002"), OwnerId = new UserId("nobody@example.jp"),
                    Offer = Long("クラウド移行支援パッケージ", 350), Themes = ["移行", "運用"], Amount = 1_200_000.555m, GrossProfit = 300_000m,
                    Stage = ProposalStage.Closed, Outcome = ProposalOutcome.Lost, CreatedOn = new DateOnly(2026, 1, 10), ClosedOn = new DateOnly(2026, 3, 1),
                    LossReason = new LossReason(LossReasonCategory.Competitor, "他社が低価格"), ModifiedAt = At,
                },
                new Proposal { Id = new ProposalId("P-002"), CompanyId = Fuji, Offer = "保守", CreatedOn = new DateOnly(2026, 2, 1) },
            ],
            Interactions =
            [
                new Interaction
                {
                    Id = new InteractionId("I-001"), RepId = new RepId("R-001"), OccurredAt = At.AddMilliseconds(123), Channel = InteractionChannel.WebMeeting,
                    Initiator = Initiator.Rep, Purpose = InteractionPurpose.Proposal, ResponseLatency = TimeSpan.FromHours(5.5),
                    UserId = new UserId("manager@example.jp"), OtherParticipants = [new RepId("R-002")], Statements = Long("価格が合えば前向き𠮷", 2100),
                    Reaction = Reaction.Positive, Concerns = "予算時期",
                    NextAction = new NextAction("見積提示", At.AddDays(7), null, new UserId("manager@example.jp")) { RepId = new RepId("R-001") },
                    ProposalId = new ProposalId("P-001"), ModifiedAt = At,
                },
                new Interaction { Id = new InteractionId("I-002"), RepId = new RepId("R-002"), OccurredAt = At, Channel = InteractionChannel.Call },
                new Interaction { Id = new InteractionId("I-003"), RepId = new RepId("R-002"), OccurredAt = At, Channel = InteractionChannel.Email, Statements = string.Empty },
                new Interaction { Id = new InteractionId("I-004"), RepId = new RepId("R-001"), OccurredAt = At, Channel = InteractionChannel.Chat },
            ],
        };
    }

    private static async Task<(KarteRecordBatch Read, string? Watermark, List<DeletedRecord> Deleted)> ReadAllAsync(KarteConnector connector, string? watermark)
    {
        var (c, r, p, i, d) = (new List<PartnerCompany>(), new List<PartnerRep>(), new List<Proposal>(), new List<Interaction>(), new List<DeletedRecord>());
        await foreach (var page in connector.ReadChangesAsync(watermark))
        {
            c.AddRange(page.Companies);
            r.AddRange(page.Reps);
            p.AddRange(page.Proposals);
            i.AddRange(page.Interactions);
            d.AddRange(page.Deletions);
            watermark = page.NextWatermark ?? watermark;
        }

        return (new KarteRecordBatch { Companies = c, Reps = r, Proposals = p, Interactions = i }, watermark, d);
    }

    private static void ShouldEqual(KarteRecordBatch read, KarteRecordBatch written)
    {
        read.Companies.OrderBy(x => x.Id.Value, StringComparer.Ordinal).Should().BeEquivalentTo(written.Companies.OrderBy(x => x.Id.Value, StringComparer.Ordinal), o => o.WithStrictOrdering());
        read.Reps.OrderBy(x => x.Id.Value, StringComparer.Ordinal).Should().BeEquivalentTo(written.Reps.OrderBy(x => x.Id.Value, StringComparer.Ordinal), o => o.WithStrictOrdering());
        read.Proposals.OrderBy(x => x.Id.Value, StringComparer.Ordinal).Should().BeEquivalentTo(written.Proposals.OrderBy(x => x.Id.Value, StringComparer.Ordinal), o => o.WithStrictOrdering());
        read.Interactions.OrderBy(x => x.Id.Value, StringComparer.Ordinal).Should().BeEquivalentTo(written.Interactions.OrderBy(x => x.Id.Value, StringComparer.Ordinal), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_whole_karte_upserted_in_one_batch_reads_back_field_by_field()
    {
        using var connector = _env.CreateConnector();
        _env.EnsureUser(new UserId("manager@example.jp"));
        var karte = FullKarte();
        _env.Emulator.ResetLog();

        var results = await connector.UpsertKarteAsync(karte);

        results.Should().HaveCount(karte.Count).And.OnlyContain(r => r.Outcome == UpsertOutcome.Created, string.Join("; ", results.Select(r => r.Message)));
        _env.Emulator.WriteCallCount.Should().Be(1, "all records go in one $batch");
        var (read, _, _) = await ReadAllAsync(connector, null);
        ShouldEqual(read, karte);
        var selected = await connector.ReadKarteAsync(new KarteSelection { CompanyIds = [Sakura, Fuji] }).ToListAsync();
        selected.SelectMany(b => b.Reps).DistinctBy(r => r.Id).Should().BeEquivalentTo(karte.Reps);
        selected.SelectMany(b => b.Interactions).DistinctBy(i => i.Id).Should().BeEquivalentTo(karte.Interactions);

        // What a CRM user sees: the standard columns, cut to their lengths and never inside a surrogate pair.
        var sakura = _env.Emulator.Rows("account").Values.Single(r => r["pk_externalid"]!.GetValue<string>() == Sakura.Value);
        sakura["name"]!.GetValue<string>().Should().HaveLength(160).And.StartWith("株式会社さくら販売");
        var description = sakura["description"]!.GetValue<string>();
        description.Length.Should().BeLessThanOrEqualTo(2000);
        char.IsHighSurrogate(description[^1]).Should().BeFalse();
        sakura["revenue"]!.GetValue<decimal>().Should().Be(1_234_567_890.12m);
        _env.Emulator.Rows("appointment").Should().ContainSingle("a web meeting is an appointment");
        _env.Emulator.Rows("phonecall").Should().ContainSingle();
        _env.Emulator.Rows("email").Should().ContainSingle();
        _env.Emulator.Rows("task").Should().ContainSingle("a chat is a task");
    }

    [Fact]
    public async Task Upserting_again_updates_in_place_and_changed_fields_come_back()
    {
        using var connector = _env.CreateConnector();
        var karte = FullKarte();
        await connector.UpsertKarteAsync(karte);
        var changed = karte with
        {
            Reps = [karte.Reps[0] with { Title = null, ExpertiseTags = [], CustomItems = new Dictionary<string, KarteValue>() }, karte.Reps[1]],
            Proposals = [karte.Proposals[0] with { RepId = null, Outcome = ProposalOutcome.Won }, karte.Proposals[1]],
        };

        var results = await connector.UpsertKarteAsync(changed);

        results.Should().OnlyContain(r => r.Outcome == UpsertOutcome.Updated);
        _env.Emulator.Rows("contact").Should().HaveCount(2);
        var (read, _, _) = await ReadAllAsync(connector, null);
        ShouldEqual(read, changed);
    }

    [Fact]
    public async Task A_column_edited_in_the_CRM_wins_and_the_rest_of_the_karte_is_kept()
    {
        using var connector = _env.CreateConnector();
        var karte = FullKarte();
        await connector.UpsertKarteAsync(karte);
        var id = _env.FindByExternalId("contact", "R-001")!.Value;

        _env.Emulator.Update("contact", id, new JsonObject { ["jobtitle"] = "執行役員" });

        var (read, _, _) = await ReadAllAsync(connector, null);
        var rep = read.Reps.Single(r => r.Id.Value == "R-001");
        rep.Title.Should().Be("執行役員");
        rep.ModifiedAt.Should().NotBe(At, "the CRM changed the record");
        rep.Should().BeEquivalentTo(karte.Reps[0], o => o.Excluding(r => r.Title).Excluding(r => r.ModifiedAt));
    }

    [Fact]
    public async Task Rows_deleted_in_the_CRM_come_as_deletions_under_their_karte_ids()
    {
        using var connector = _env.CreateConnector();
        await connector.UpsertKarteAsync(FullKarte());
        var (_, watermark, none) = await ReadAllAsync(connector, null);
        none.Should().BeEmpty();

        _env.Emulator.Delete("contact", _env.FindByExternalId("contact", "R-002")!.Value);
        _env.Emulator.Delete("opportunity", _env.FindByExternalId("opportunity", "P-002")!.Value);
        var (read, _, deleted) = await ReadAllAsync(connector, watermark);

        deleted.Should().BeEquivalentTo([new DeletedRecord(KarteRecordKind.Rep, "R-002"), new DeletedRecord(KarteRecordKind.Proposal, "P-002")]);
        read.Reps.Should().BeEmpty();
        connector.Capabilities.SupportsDeletions.Should().BeTrue();
    }

    [Fact]
    public async Task Without_change_tracking_no_deletion_is_reported_and_capabilities_say_so()
    {
        using var connector = _env.CreateConnector(o => o.UseChangeTracking = false);
        await connector.UpsertKarteAsync(FullKarte());
        var (_, watermark, _) = await ReadAllAsync(connector, null);

        _env.Emulator.Delete("contact", _env.FindByExternalId("contact", "R-002")!.Value);
        var (_, _, deleted) = await ReadAllAsync(connector, watermark);

        deleted.Should().BeEmpty("Dataverse keeps no trace of a deletion outside change tracking");
        connector.Capabilities.SupportsDeletions.Should().BeFalse();
    }
}
