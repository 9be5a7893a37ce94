using Microsoft.Extensions.Time.Testing;
using PartnerKarte.Karte;

namespace PartnerKarte.Migration.Tests.Relationship;

/// <summary>Issue 22: the relationship knowledge of a 代理店管理表 survives the import — every column lands somewhere or is
/// reported, several sheets keep their links, and a bad rep part does not take its company down.</summary>
public class RelationshipImportTests
{
    private static ImportResult Import() => KarteImporter.ImportSheets(RelationshipWorkbook.ImportSheets());

    private static PartnerCompany Company(ImportResult r, string name) => r.Data.Companies.Single(c => c.Name == name);

    private static PartnerRep Rep(ImportResult r, string name) => r.Data.Reps.Single(x => x.Name.Display == name);

    [Fact]
    public void The_variants_of_one_company_on_several_sheets_are_one_company()
    {
        var result = Import();

        result.Data.Companies.Select(c => c.Name).Should().BeEquivalentTo("株式会社サンプル商事", "(株)北斗システム", "ネクストリンク合同会社");
        var sample = Company(result, "株式会社サンプル商事");
        Rep(result, "山田 太郎").CompanyId.Should().Be(sample.Id, "㈱サンプル商事 on the reps sheet is the same company");
        Rep(result, "田中 三郎").CompanyId.Should().Be(Company(result, "(株)北斗システム").Id, "株式会社北斗ｼｽﾃﾑ (half-width kana) is the same company");
        sample.Profile.EmployeeCount.Should().Be(120, "全角 digits are read");
        sample.Profile.YearFounded.Should().Be(1998, "平成10年 is 1998");
        Company(result, "(株)北斗システム").Profile.YearFounded.Should().Be(2020, "令和2年 is 2020");
    }

    [Fact]
    public void Notes_keep_their_line_breaks_and_land_on_the_company_or_the_rep()
    {
        var result = Import();

        Company(result, "株式会社サンプル商事").CustomItems["company.note"].Text.Should().Be("2023年に担当交代。\n社長と旧知の仲");
        Rep(result, "山田 太郎").CustomItems["rep.note"].Text.Should().Be("ゴルフ好き\n土曜は連絡不可");
        Rep(result, "伊藤 美咲").CustomItems["rep.note"].Text.Should().Be("決裁は本人");
        result.Report.CarriedOver.Should().Contain(c => c.StartsWith("会社: 備考", StringComparison.Ordinal))
            .And.Contain(c => c.StartsWith("担当者: 備考", StringComparison.Ordinal));
    }

    [Fact]
    public void Template_items_are_recognised_by_their_japanese_labels_without_a_mapping_file()
    {
        var result = Import();
        var yamada = Rep(result, "山田 太郎");

        yamada.CustomItems["rep.temperature"].Should().Be(KarteValue.FromChoice("hot"), "温度感 is part of the label 自社への関心度（温度感）");
        yamada.CustomItems["rep.internalInfluence"].Number.Should().Be(4, "社内推進力 is part of 社内推進力（社内政治力）");
        yamada.Personality.Disc.Should().Be(DiscStyle.D);
        yamada.Personality.Mbti!.Value.Code.Should().Be("ENTJ");
        Rep(result, "田中 三郎").Personality.Should().Be(new Personality(DiscStyle.C, MbtiType.Parse("ISTJ")), "慎重 is DiSC C and ＩＳＴＪ is full-width");
    }

    [Fact]
    public void A_trust_level_kept_by_hand_is_carried_as_a_labelled_note_and_reported()
    {
        var result = Import();

        Rep(result, "山田 太郎").CustomItems["rep.manualTrust"].Text.Should().Be("A");
        Rep(result, "伊藤 美咲").CustomItems["rep.manualTrust"].Text.Should().Be("★★★");
        result.Report.CarriedOver.Should().Contain(c => c.StartsWith("信頼度 → 信頼度（旧管理表の手入力値）", StringComparison.Ordinal) && c.Contains("not used by the trust score"));
        KarteTemplate.Default.Find("rep.manualTrust")!.Requirement.Should().Be(KarteItemRequirement.Optional, "a carried-over note does not change karte completeness");
    }

    [Fact]
    public void Our_owner_is_matched_by_name_and_unknown_names_are_listed()
    {
        var result = Import();

        Company(result, "株式会社サンプル商事").OwnerId.Should().Be(new UserId("佐藤 一郎"));
        Company(result, "ネクストリンク合同会社").OwnerId.Should().Be(new UserId("佐藤 一郎"), "佐藤一郎 without the space is the same person");
        result.Report.NewOwners.Select(o => o.Name).Should().BeEquivalentTo("佐藤 一郎", "鈴木 次郎");

        var roster = new KarteDataSet { TeamMembers = [new TeamMember(new UserId("U-007"), "佐藤　一郎")] };
        var known = KarteImporter.ImportSheets(RelationshipWorkbook.ImportSheets(), new ImportOptions { Existing = roster });
        Company(known, "株式会社サンプル商事").OwnerId.Should().Be(new UserId("U-007"), "a team member's name finds their id");
        known.Report.NewOwners.Select(o => o.Name).Should().Equal("鈴木 次郎");
    }

    [Fact]
    public void Last_contact_and_next_action_become_contact_history_and_the_history_sheets_keep_their_links()
    {
        var result = Import();
        var yamada = Rep(result, "山田 太郎");
        var sample = Company(result, "株式会社サンプル商事");

        var fromRow = result.Data.Interactions.Single(i => i.RepId == yamada.Id && i.OccurredAt == new DateTimeOffset(2024, 4, 10, 0, 0, 0, TimeSpan.FromHours(9)));
        fromRow.NextAction!.What.Should().Be("新製品の勉強会を提案");
        fromRow.NextAction.Due.Should().Be(new DateTimeOffset(2024, 5, 10, 0, 0, 0, TimeSpan.FromHours(9)));
        fromRow.UserId.Should().BeNull("the reps sheet names no owner");

        var visit = result.Data.Interactions.Single(i => i.Channel == InteractionChannel.Meeting);
        visit.RepId.Should().Be(yamada.Id);
        visit.OccurredAt.Should().Be(new DateTimeOffset(2024, 4, 12, 14, 0, 0, TimeSpan.FromHours(9)));
        visit.Statements.Should().Be("新製品の説明。\n前向きに検討とのこと");
        visit.NextAction!.What.Should().Be("見積提出");
        result.Data.Interactions.Should().Contain(i => i.RepId == Rep(result, "伊藤 美咲").Id && i.Channel == InteractionChannel.WebMeeting && i.OccurredAt.Month == 3);

        var won = result.Data.Proposals.Single(p => p.Offer == "クラウド会計 導入支援");
        won.CompanyId.Should().Be(sample.Id);
        won.RepId.Should().Be(yamada.Id);
        won.Amount.Should().Be(1_200_000m);
        won.Outcome.Should().Be(ProposalOutcome.Won);
        won.CreatedOn.Should().Be(new DateOnly(2024, 2, 1), "令和6年2月1日");
        var lost = result.Data.Proposals.Single(p => p.Offer == "勤怠管理 SaaS");
        lost.LossReason.Should().Be(new LossReason(LossReasonCategory.Price, "競合他社に価格で負けた"));
        result.Data.Proposals.Single(p => p.Offer == "Web広告 運用代行").RepId.Should().BeNull("no rep was named");
        result.Report.ProposalsCreated.Should().Be(3);
    }

    [Fact]
    public void A_bad_email_rejects_the_rep_part_only_and_nothing_disappears_unreported()
    {
        var result = Import();
        var r = result.Report;

        result.Data.Reps.Select(x => x.Name.Display).Should().NotContain("佐藤 花子");
        var hanako = r.Rejected.Single(q => q.Fields.Contains("佐藤 花子"));
        hanako.Part.Should().Be(ImportRowPart.Rep);
        hanako.Sheet.Should().Be("担当者");
        hanako.Column.Should().Be("メールアドレス");
        hanako.Reason.Ja.Should().Be("メールアドレスの形式が正しくありません");
        hanako.Reason.En.Should().Be("email domain has no dot");

        r.Rejected.Should().Contain(q => q.Part == ImportRowPart.Proposal && q.Fields.Contains("株式会社どこにもない") && q.Reason.Ja.StartsWith("会社が見つかりません", StringComparison.Ordinal));
        r.Rejected.Should().Contain(q => q.Part == ImportRowPart.Interaction && q.Fields.Contains("存在 しない") && q.Reason.En == "the row names no rep the import knows");
        r.UnknownColumns.Should().Equal("社内ランク");
        r.SkippedSheets.Should().Equal("記入方法");

        // Every company and rep name of the workbook is either imported or on a rejected line.
        foreach (var row in RelationshipWorkbook.Reps.Rows)
        {
            var name = row[1]!;
            (result.Data.Reps.Any(x => x.Name.Display == name) || r.Rejected.Any(q => q.Fields.Contains(name))).Should().BeTrue(name);
        }
    }

    [Fact]
    public void A_next_action_without_a_contact_date_is_dated_the_day_of_the_import()
    {
        var csv = "会社名,担当者名,次回アクション,期日\n株式会社サンプル商事,山田 太郎,見積提出,2026/12/20\n";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero));
        var result = KarteImporter.ImportRows(Rows(csv), new ImportOptions { TimeProvider = clock });

        var interaction = result.Data.Interactions.Should().ContainSingle().Subject;
        interaction.OccurredAt.Should().Be(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.FromHours(9)), "16:00 UTC is already the 8th in Japan");
        interaction.NextAction!.Due.Should().Be(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.FromHours(9)));
    }

    [Fact]
    public void A_contact_date_on_a_row_without_a_rep_is_reported_and_the_company_kept()
    {
        var result = KarteImporter.ImportRows(Rows("会社名,最終接触日\n株式会社サンプル商事,2024/4/1\n"));

        result.Data.Companies.Should().ContainSingle();
        result.Report.Rejected.Should().ContainSingle().Which.Should().Match<QuarantinedRow>(q => q.Part == ImportRowPart.Interaction && q.Reason.Ja.StartsWith("接触履歴には担当者が必要", StringComparison.Ordinal));
    }

    [Fact]
    public void A_karte_sheet_with_a_stray_history_header_stays_a_karte_sheet_and_the_header_is_reported()
    {
        var result = KarteImporter.ImportRows(Rows("会社名,業種,担当者名,結果,日付\n株式会社サンプル商事,SIer,山田 太郎,受注,2024/4/1\n"));

        result.Data.Companies.Should().ContainSingle().Which.Profile.Industry.Should().Be("SIer");
        result.Data.Reps.Should().ContainSingle();
        result.Report.UnknownColumns.Should().Equal("結果", "日付");
    }

    [Fact]
    public void A_single_sheet_of_proposals_links_to_the_companies_already_in_the_store()
    {
        var existing = KarteImporter.ImportSheets(RelationshipWorkbook.ImportSheets()).Data;
        var result = KarteImporter.ImportRows(
            Rows("会社名,提案名,金額,提案日\n(株)サンプル商事,保守契約,10万,令和6年5月1日\n"),
            new ImportOptions { Existing = existing });

        result.Data.Proposals.Should().ContainSingle().Which.CompanyId.Should().Be(existing.Companies.Single(c => c.Name == "株式会社サンプル商事").Id);
        result.Report.Rejected.Should().BeEmpty();
    }

    internal static IEnumerable<CsvRecord> Rows(string csv) => KarteCsv.ReadAsync(new StringReader(csv)).ToBlockingEnumerable();
}
