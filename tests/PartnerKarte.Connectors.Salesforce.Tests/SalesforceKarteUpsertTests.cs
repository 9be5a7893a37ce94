using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>Karte upserts by external id read back field by field, and Salesforce users' edits still show.</summary>
public sealed class SalesforceKarteUpsertTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 15, 30, 123, TimeSpan.FromHours(9));
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    /// <summary>Every kind of record, Japanese text, values longer than the standard fields, nulls, custom items of every type, a transfer.</summary>
    public static KarteRecordBatch Karte()
    {
        var sakura = new CompanyId("C-桜-001");
        var fuji = new CompanyId("C-002");
        var longName = "株式会社" + new string('長', 300); // longer than Account.Name (255)
        return new KarteRecordBatch
        {
            Companies =
            [
                new PartnerCompany
                {
                    Id = sakura, Name = longName, NameKana = "サクラハンバイ", CorporateNumber = "1234567890123",
                    Profile = new CompanyProfile
                    {
                        Industry = "情報通信業", Prefecture = "東京都", Address = "千代田区丸の内1-1-1", EmployeeCount = 120, YearFounded = 1998,
                        Revenue = 1_234_567_890.5m, Capital = 50_000_000m, FiscalClosingMonth = 3, ExistingCustomerCount = 420,
                        CustomerSegments = ["中小企業", "製造業"], Domain = "sakura.example.jp",
                    },
                    BusinessPolicy = "中堅企業向けクラウド移行に注力\n\"引用\" と \\ バックスラッシュ", Strengths = "関西の販売網", Challenges = null,
                    FocusTags = ["クラウド", "AI"],
                    Contract = new PartnerContract
                    {
                        Type = ContractType.Resale, Start = new DateOnly(2025, 4, 1), TermMonths = 12, AutoRenew = true,
                        CommissionRatePercent = 15.5m, CommissionReviewDate = new DateOnly(2026, 3, 31), SalesConditions = "最低発注 10 ライセンス",
                    },
                    OwnerId = new UserId("U-001"),
                    CustomItems = new Dictionary<string, KarteValue>
                    {
                        ["policy_note"] = KarteValue.FromText("来期は\r\n公共分野へ", multiline: true),
                        ["short"] = KarteValue.FromText("短い"),
                        ["empty"] = KarteValue.FromText(null),
                        ["headcount"] = KarteValue.FromNumber(42, KarteItemType.Integer),
                        ["budget"] = KarteValue.FromNumber(1_000_000.25m, KarteItemType.Money),
                        ["share"] = KarteValue.FromNumber(12.5m, KarteItemType.Percent),
                        ["score"] = KarteValue.FromNumber(null),
                        ["nda"] = KarteValue.FromBoolean(true),
                        ["visited"] = KarteValue.FromDate(new DateOnly(2026, 1, 20)),
                        ["tier"] = KarteValue.FromChoice("gold"),
                        ["regions"] = KarteValue.FromItems(["関東", "関西"], tags: false),
                        ["tags"] = KarteValue.FromItems(["重点", "新規"]),
                    },
                },
                new PartnerCompany { Id = fuji, Name = "富士システム(株)" },
            ],
            Reps =
            [
                new PartnerRep
                {
                    Id = new RepId("R-001"), CompanyId = fuji, Name = new PersonName("田中", "太郎", "タナカ", "タロウ"), Title = "営業部長", Department = "第一営業部",
                    Email = "tanaka@fuji.example.jp", Phone = "03-1234-5678", ExpertiseTags = ["クラウド"], InterestTags = ["セキュリティ"],
                    Personality = new Personality(DiscStyle.D, MbtiType.TryParse("ENTJ", out var mbti) ? mbti : null, "結論から話すと良い"), Status = RepStatus.Active,
                    Employment =
                    [
                        new EmploymentEpisode(sakura, "主任", "第二営業部", new DateOnly(2018, 4, 1), new DateOnly(2024, 3, 31)),
                        new EmploymentEpisode(sakura, "課長", "第一営業部", new DateOnly(2024, 4, 1), new DateOnly(2025, 9, 30)),
                        new EmploymentEpisode(fuji, "営業部長", "第一営業部", new DateOnly(2025, 10, 1)),
                    ],
                    OwnerId = new UserId("U-002"), OptedOut = true,
                    CustomItems = new Dictionary<string, KarteValue> { ["hobby"] = KarteValue.FromText("ゴルフ") },
                },
                new PartnerRep
                {
                    Id = new RepId("R-002"), CompanyId = sakura, Name = new PersonName(string.Empty, "花子"), Email = "不正なメール",
                    Title = new string('長', 200), // longer than Contact.Title (128)
                },
            ],
            Proposals =
            [
                new Proposal
                {
                    Id = new ProposalId("P-001"), CompanyId = sakura, RepId = new RepId("R-002"), OwnerId = new UserId("U-001"), Offer = "クラウド会計パッケージ",
                    Themes = ["会計", "クラウド"], Amount = 1_200_000m, GrossProfit = 400_000m, Stage = ProposalStage.Closed, Outcome = ProposalOutcome.Lost,
                    CreatedOn = new DateOnly(2026, 1, 10), ClosedOn = new DateOnly(2026, 3, 1), LossReason = new LossReason(LossReasonCategory.Price, "他社が 2 割安い"),
                },
                new Proposal { Id = new ProposalId("P-002"), CompanyId = fuji, Offer = "生産管理SaaS", Stage = ProposalStage.Negotiation, CreatedOn = new DateOnly(2026, 2, 1) },
            ],
            Interactions =
            [
                new Interaction
                {
                    Id = new InteractionId("I-001"), RepId = new RepId("R-001"), OccurredAt = At, Channel = InteractionChannel.Meeting, Initiator = Initiator.Us,
                    Purpose = InteractionPurpose.Proposal, UserId = new UserId("U-001"), OtherParticipants = [new RepId("R-002")],
                    Statements = new string('話', 40_000), // longer than Description (32,000)
                    Reaction = Reaction.Positive, Concerns = "価格", ProposalId = new ProposalId("P-001"),
                    NextAction = new NextAction("見積を送る", At.AddDays(3), null, new UserId("U-001")) { RepId = new RepId("R-002") },
                },
                new Interaction
                {
                    Id = new InteractionId("I-002"), RepId = new RepId("R-002"), OccurredAt = At.AddDays(1), Channel = InteractionChannel.Email,
                    Initiator = Initiator.Rep, ResponseLatency = TimeSpan.FromHours(5.5), Reaction = Reaction.Neutral,
                },
            ],
        };
    }

    private static async Task<KarteRecordBatch> ReadAllAsync(KarteConnector connector)
    {
        var companies = new List<PartnerCompany>();
        var reps = new List<PartnerRep>();
        var proposals = new List<Proposal>();
        var interactions = new List<Interaction>();
        await foreach (var page in connector.ReadChangesAsync(null))
        {
            companies.AddRange(page.Companies);
            reps.AddRange(page.Reps);
            proposals.AddRange(page.Proposals);
            interactions.AddRange(page.Interactions);
        }

        return new KarteRecordBatch { Companies = companies, Reps = reps, Proposals = proposals, Interactions = interactions };
    }

    private static void ShouldEqual(KarteRecordBatch actual, KarteRecordBatch expected)
    {
        actual.Companies.Should().BeEquivalentTo(expected.Companies, o => o.Excluding(c => c.ModifiedAt).WithStrictOrdering());
        actual.Reps.Should().BeEquivalentTo(expected.Reps, o => o.Excluding(r => r.ModifiedAt).WithStrictOrdering());
        actual.Proposals.Should().BeEquivalentTo(expected.Proposals, o => o.Excluding(p => p.ModifiedAt).WithStrictOrdering());
        actual.Interactions.OrderBy(i => i.Id.Value, StringComparer.Ordinal).Should()
            .BeEquivalentTo(expected.Interactions, o => o.Excluding(i => i.ModifiedAt).WithStrictOrdering());
    }

    [Fact]
    public async Task A_whole_karte_reads_back_field_by_field_through_changes_and_karte_reads()
    {
        var connector = _org.Connector();
        var karte = Karte();

        var results = await connector.UpsertKarteAsync(karte);

        results.Should().HaveCount(karte.Count).And.OnlyContain(r => r.Outcome == UpsertOutcome.Created, "{0}", string.Join("; ", results.Select(r => r.Message)));
        var fresh = _org.Connector();
        ShouldEqual(await ReadAllAsync(fresh), karte);
        var batches = new List<KarteRecordBatch>();
        await foreach (var b in fresh.ReadKarteAsync(new KarteSelection { CompanyIds = [new CompanyId("C-桜-001")] }))
        {
            batches.Add(b);
        }

        batches.SelectMany(b => b.Reps).Single(r => r.Id.Value == "R-002").Should().BeEquivalentTo(karte.Reps[1], o => o.Excluding(r => r.ModifiedAt));
        batches.SelectMany(b => b.Proposals).Single(p => p.Id.Value == "P-001").Should().BeEquivalentTo(karte.Proposals[0], o => o.Excluding(p => p.ModifiedAt));
    }

    [Fact]
    public async Task Records_land_on_the_standard_objects_users_see()
    {
        await _org.Connector().UpsertKarteAsync(Karte());

        var account = _org.Org.Records("Account").Single(a => (string?)a["PK_ExternalId__c"] == "C-桜-001");
        ((string)account["Name"]!).Should().HaveLength(255).And.StartWith("株式会社");
        account["Industry"].Should().Be("情報通信業");
        account["OwnerId"].Should().Be(_org.UserId(new UserId("U-001")));
        var tanaka = _org.Org.Records("Contact").Single(c => (string?)c["PK_ExternalId__c"] == "R-001");
        tanaka["AccountId"].Should().Be(_org.IdOf("Account", "C-002"), "the current company");
        _org.Org.Records("Contact").Single(c => (string?)c["PK_ExternalId__c"] == "R-002")["Email"].Should().BeNull("an invalid address is not put into an Email field");
        var role = _org.Org.Records("OpportunityContactRole").Single();
        role["OpportunityId"].Should().Be(_org.IdOf("Opportunity", "P-001"));
        role["ContactId"].Should().Be(_org.IdOf("Contact", "R-002"));
        _org.Org.Records("Opportunity").Single(o => (string?)o["PK_ExternalId__c"] == "P-001")["StageName"].Should().Be("Closed Lost");
        var meeting = _org.Org.Records("Event").Single();
        meeting["PK_ExternalId__c"].Should().Be("I-001");
        meeting["WhatId"].Should().Be(_org.IdOf("Opportunity", "P-001"));
        _org.Org.Records("Task").Single()["PK_ExternalId__c"].Should().Be("I-002");
    }

    [Fact]
    public async Task Edits_made_in_salesforce_win_over_the_saved_record_and_nothing_else_changes()
    {
        var karte = Karte();
        await _org.Connector().UpsertKarteAsync(karte);
        var accountId = _org.IdOf("Account", "C-002")!;
        _org.Org.Upsert("Account", "PK_ExternalId__c", new Dictionary<string, object?> { ["PK_ExternalId__c"] = "C-002", ["Name"] = "富士システム株式会社" });
        _org.Org.Upsert("Opportunity", "PK_ExternalId__c", new Dictionary<string, object?> { ["PK_ExternalId__c"] = "P-002", ["StageName"] = "Closed Won", ["CloseDate"] = new DateOnly(2026, 4, 1) });

        var read = await ReadAllAsync(_org.Connector());

        read.Companies.Single(c => c.Id.Value == "C-002").Name.Should().Be("富士システム株式会社");
        var won = read.Proposals.Single(p => p.Id.Value == "P-002");
        won.Outcome.Should().Be(ProposalOutcome.Won);
        won.ClosedOn.Should().Be(new DateOnly(2026, 4, 1));
        won.Offer.Should().Be("生産管理SaaS");
        _org.IdOf("Account", "C-002").Should().Be(accountId);
        ShouldEqual(read with { Companies = [read.Companies[0]], Proposals = [read.Proposals[0]] }, karte with { Companies = [karte.Companies[0]], Proposals = [karte.Proposals[0]] });
    }

    [Fact]
    public async Task An_archived_event_that_becomes_a_task_is_not_left_behind()
    {
        var connector = _org.Connector();
        var karte = Karte();
        var longAgo = TimeProvider.System.GetUtcNow().AddDays(-500); // Events this old are archived: only queryAll sees them
        var meeting = karte.Interactions[0] with { Channel = InteractionChannel.Meeting, OccurredAt = longAgo };
        await connector.UpsertKarteAsync(karte with { Interactions = [meeting] });
        _org.Org.Records("Event").Should().ContainSingle();

        await connector.UpsertKarteAsync(karte with { Interactions = [meeting with { Channel = InteractionChannel.Call }] });

        _org.Org.Records("Event").Should().BeEmpty("the archived Event was found through queryAll and deleted");
        _org.Org.Records("Task").Should().ContainSingle(t => (string?)t["PK_ExternalId__c"] == meeting.Id.Value);
    }

    [Fact]
    public async Task Upserting_twice_updates_in_place_with_one_collection_call_per_object_and_moves_an_interaction_between_task_and_event()
    {
        var connector = _org.Connector();
        var karte = Karte();
        await connector.UpsertKarteAsync(karte);
        _org.Emulator.ResetCounters();
        var moved = karte with { Interactions = [karte.Interactions[0] with { Channel = InteractionChannel.Call }, karte.Interactions[1]] };

        var second = await connector.UpsertKarteAsync(moved);

        second.Should().OnlyContain(r => r.Outcome == UpsertOutcome.Updated || (r.Id == "I-001" && r.Outcome == UpsertOutcome.Created));
        _org.Emulator.CountCalls(SalesforceApiCallKind.Write).Should().Be(5 + 1, "Account, Contact, Opportunity, OpportunityContactRole and Task upserts (no Event left) plus deleting the Event that became a Task");
        _org.Org.Records("Event").Should().BeEmpty();
        _org.Org.Records("Task").Should().HaveCount(2);
        _org.Org.Records("Account").Should().HaveCount(2);
        _org.Org.Records("OpportunityContactRole").Should().HaveCount(1);
        ShouldEqual(await ReadAllAsync(_org.Connector()), moved);
    }

    [Fact]
    public async Task Five_hundred_reps_take_three_contact_collection_calls()
    {
        var connector = _org.Connector();
        var company = new PartnerCompany { Id = new CompanyId("C-1"), Name = "株式会社大量" };
        var reps = Enumerable.Range(0, 500).Select(i => new PartnerRep
        {
            Id = new RepId($"R-{i:D3}"), CompanyId = company.Id, Name = new PersonName("担当", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }).ToList();
        _org.Emulator.ResetCounters();

        var results = await connector.UpsertKarteAsync(new KarteRecordBatch { Companies = [company], Reps = reps });

        results.Should().HaveCount(501).And.OnlyContain(r => r.Succeeded);
        _org.Emulator.CountCalls(SalesforceApiCallKind.Write).Should().Be(1 + 3, "one Account call and ceil(500/200) Contact calls");
    }

    [Fact]
    public async Task A_record_pointing_at_a_missing_parent_fails_as_a_value_naming_it()
    {
        var connector = _org.Connector();
        var orphan = new PartnerRep { Id = new RepId("R-X"), CompanyId = new CompanyId("C-NONE"), Name = new PersonName("孤立", "者") };

        var results = await connector.UpsertKarteAsync(new KarteRecordBatch { Reps = [orphan] });

        var failed = results.Single();
        failed.Outcome.Should().Be(UpsertOutcome.Failed);
        failed.Message.Should().Contain("R-X").And.Contain("C-NONE");
    }
}
