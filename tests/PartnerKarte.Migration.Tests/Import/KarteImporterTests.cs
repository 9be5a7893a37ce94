using System.Text;
using PartnerKarte.Karte;
using PartnerKarte.Migration;
using PartnerKarte.Text;

namespace PartnerKarte.Migration.Tests.Import;

public class KarteImporterTests
{
    private static Task<ImportResult> ImportAsync(byte[] bytes, ImportOptions? options = null) =>
        KarteImporter.ImportCsvAsync(new MemoryStream(bytes), options);

    [Fact]
    public async Task The_messy_cp932_sheet_yields_the_expected_companies_and_reps()
    {
        var result = await ImportAsync(MessyCsvFixture.Cp932Bytes());

        result.Report.Encoding.Should().Be(ImportEncoding.ShiftJis);
        result.Data.Companies.Select(c => c.Name).Should().Equal("株式会社サンプル商事", "東京テクノ株式会社", "有限会社やまだ屋", "ネクストリンク合同会社");
        result.Data.Reps.Select(r => r.Name.Display).Should().Equal("山田 太郎", "佐藤 花子", "田中 三郎", "伊藤 美咲");

        var sample = result.Data.Companies[0];
        sample.NameKana.Should().Be("サンプルショウジ");
        sample.Profile.Should().BeEquivalentTo(new
        {
            Industry = "SIer", Prefecture = "東京都", Address = "東京都千代田区丸の内1-1", EmployeeCount = 120, YearFounded = 1998,
            Capital = 50_000_000m, FiscalClosingMonth = 3, Domain = "sample-shoji.co.jp",
        });
        sample.Contract.Should().BeEquivalentTo(new { Start = new DateOnly(2024, 4, 1), TermMonths = 12, CommissionRatePercent = 15m });
        result.Data.Reps.Where(r => r.CompanyId == sample.Id).Should().HaveCount(2, "both reps of the three spellings belong to one company");

        var hanako = result.Data.Reps[1];
        hanako.Name.Should().Be(new PersonName("佐藤", "花子", "サトウ", "ハナコ"));
        hanako.Phone.Should().Be("09012345678");
        hanako.Email.Should().Be("hanako.sato@sample-shoji.co.jp");

        var nextlink = result.Data.Companies[3];
        nextlink.Profile.Address.Should().Be("東京都港区芝公園4-2-8 東京タワービル 5F");
        nextlink.Profile.YearFounded.Should().Be(2015);
        nextlink.Profile.Capital.Should().Be(10_000_000m);
        nextlink.Contract!.Start.Should().Be(new DateOnly(2024, 4, 1));
        result.Data.Reps[3].Department.Should().Be("営業部, 第二課");
        result.Data.Reps[3].ExpertiseTags.Should().Equal("Web広告", "SNS");
        result.Data.Companies[1].Profile.YearFounded.Should().Be(1998, "平成10年 is 1998");
    }

    [Fact]
    public async Task The_variants_are_merged_and_recorded()
    {
        var result = await ImportAsync(MessyCsvFixture.Cp932Bytes());
        var report = result.Report;
        var sampleId = result.Data.Companies[0].Id.Value;

        report.CompaniesCreated.Should().Be(4);
        report.CompaniesMerged.Should().Be(2);
        report.RepsCreated.Should().Be(4);
        report.RepsMerged.Should().Be(1);
        report.DuplicateRows.Should().Be(1);
        report.RowsRead.Should().Be(12, "the quoted address spans two lines of one row");
        report.Merges.Select(m => (m.Kind, m.LineNumber, m.SurvivorId, m.MergedName)).Should().Equal(
            (ImportMergeKind.CompanyMerged, 3, sampleId, "(株)サンプル商事"),
            (ImportMergeKind.CompanyMerged, 4, sampleId, "(株)サンプル商事"),
            (ImportMergeKind.RepMerged, 4, result.Data.Reps[0].Id.Value, "山田 太郎"));
        report.Merges[0].Reasons.Should().Contain(MatchReason.SameName);
        report.Merges[2].Reasons.Should().Contain(MatchReason.SameEmail);
        report.UnknownColumns.Should().Equal("社内ランク");
    }

    [Fact]
    public async Task Exactly_the_bad_rows_are_quarantined_with_line_column_and_reason()
    {
        var result = await ImportAsync(MessyCsvFixture.Cp932Bytes());

        result.Report.Rejected.Select(r => (r.LineNumber, r.Column, r.Reason.En)).Should().Equal(
            (6, "メールアドレス", "email domain has no dot"),
            (7, "会社名", "company name is required"),
            (9, "決算月", "fiscal closing month must be 1–12"),
            (11, "担当者名", "value is required"),
            (14, "メールアドレス", "email has more than one @"));
        result.Report.Rejected[0].Fields.Should().HaveCount(20).And.Contain("suzuki@tokyo-techno");
        result.Report.Rejected.Select(r => r.Part).Should().Equal(
            [ImportRowPart.Rep, ImportRowPart.Company, ImportRowPart.Company, ImportRowPart.Rep, ImportRowPart.Rep],
            "a bad e-mail or a missing rep name rejects the rep part; the row's company is imported");
        result.Report.CanWrite.Should().BeTrue();
    }

    [Fact]
    public async Task Utf8_with_bom_gives_the_same_result_as_cp932()
    {
        var cp932 = await ImportAsync(MessyCsvFixture.Cp932Bytes());
        var utf8 = await ImportAsync(MessyCsvFixture.Utf8BomBytes());

        utf8.Report.Encoding.Should().Be(ImportEncoding.Utf8);
        utf8.Data.Companies.Should().BeEquivalentTo(cp932.Data.Companies);
        utf8.Data.Reps.Should().BeEquivalentTo(cp932.Data.Reps);
        utf8.Report.Rejected.Select(r => r.LineNumber).Should().Equal(cp932.Report.Rejected.Select(r => r.LineNumber));
    }

    [Fact]
    public async Task Forcing_the_wrong_encoding_is_possible_and_visible()
    {
        var result = await ImportAsync(MessyCsvFixture.Utf8BomBytes(), new ImportOptions { Encoding = ImportEncoding.ShiftJis });
        result.Report.Encoding.Should().Be(ImportEncoding.ShiftJis);
        result.Data.Companies.Should().NotContain(c => c.Name == "株式会社サンプル商事");
    }

    [Fact]
    public async Task Strict_mode_fails_before_anything_is_written()
    {
        var result = await ImportAsync(MessyCsvFixture.Cp932Bytes(), new ImportOptions { Strict = true });

        result.Report.StrictFailed.Should().BeTrue();
        result.Report.CanWrite.Should().BeFalse();
        result.Data.Companies.Should().BeEmpty();
        result.Data.Reps.Should().BeEmpty();
        result.Report.Rejected.Should().HaveCount(5);
    }

    [Fact]
    public async Task Two_people_with_one_name_at_one_company_stay_two_and_are_listed_for_review()
    {
        var csv = "会社名,担当者名,部署,メール,携帯\r\n"
            + "株式会社サンプル,山田 太郎,営業部,t.yamada@sample.co.jp,090-1111-2222\r\n"
            + "株式会社サンプル,山田 太郎,経理部,yamada.taro@sample.co.jp,080-3333-4444\r\n";

        var result = await KarteImporter.ImportCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        result.Data.Companies.Should().ContainSingle();
        result.Data.Reps.Should().HaveCount(2, "different e-mail and mobile: two people, not one");
        result.Report.Merges.Should().ContainSingle(m => m.Kind == ImportMergeKind.Candidate && m.LineNumber == 3)
            .Which.Reasons.Should().Contain(MatchReason.DifferentEmail);
    }

    [Fact]
    public async Task A_header_that_appears_twice_refuses_the_file_with_both_columns()
    {
        var csv = "会社名,担当者名,メール,メール\r\n株式会社サンプル,山田 太郎,yamada@sample.co.jp,taro@sample.co.jp\r\n";

        var import = () => KarteImporter.ImportCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        var refused = (await import.Should().ThrowAsync<CsvFormatException>()).Which;
        refused.LineNumber.Should().Be(1);
        refused.Message.Should().Contain("メール").And.Contain("3").And.Contain("4");
    }

    [Fact]
    public async Task Importing_again_gives_the_same_ids()
    {
        var first = await ImportAsync(MessyCsvFixture.Cp932Bytes());
        var second = await ImportAsync(MessyCsvFixture.Utf8BomBytes());
        second.Data.Companies.Select(c => c.Id).Should().Equal(first.Data.Companies.Select(c => c.Id));
        second.Data.Reps.Select(r => r.Id).Should().Equal(first.Data.Reps.Select(r => r.Id));
    }

    [Fact]
    public async Task Records_already_in_the_target_are_planned_as_updates()
    {
        var existing = new KarteDataSet
        {
            Companies = [new PartnerCompany { Id = new CompanyId("SF-001"), Name = "サンプル商事株式会社", CorporateNumber = "4011001098993" }],
            Reps = [new PartnerRep { Id = new RepId("SF-R-9"), CompanyId = new CompanyId("SF-001"), Name = new PersonName("山田", "太郎"), Email = "taro.yamada@sample-shoji.co.jp" }],
        };

        var result = await ImportAsync(MessyCsvFixture.Cp932Bytes(), new ImportOptions { Existing = existing });

        result.Report.CompaniesUpdated.Should().Be(1);
        result.Report.CompaniesCreated.Should().Be(3);
        result.Report.RepsUpdated.Should().Be(1);
        result.Report.RepsCreated.Should().Be(3);
        var updated = result.Data.Companies.Single(c => c.Id == new CompanyId("SF-001"));
        updated.Name.Should().Be("サンプル商事株式会社", "the target's own name is kept");
        updated.Profile.EmployeeCount.Should().Be(120, "empty fields are filled from the sheet");
        result.Data.Reps.Single(r => r.Id == new RepId("SF-R-9")).Title.Should().Be("課長");
    }

    [Fact]
    public async Task Duplicates_can_be_set_to_fail_or_skip()
    {
        var fail = await ImportAsync(MessyCsvFixture.Cp932Bytes(), new ImportOptions { OnDuplicate = DuplicateHandling.Fail });
        fail.Report.Rejected.Select(r => r.LineNumber).Should().Equal([3, 4, 5, 6, 7, 9, 11, 14], "line 5 repeats the rejected line 3, so it is rejected too");
        fail.Report.Rejected[0].Reason.En.Should().StartWith("company is a duplicate of C-");

        var skip = await ImportAsync(MessyCsvFixture.Cp932Bytes(), new ImportOptions { OnDuplicate = DuplicateHandling.Skip });
        skip.Report.Merges.Should().OnlyContain(m => m.Kind == ImportMergeKind.Skipped);
        skip.Data.Reps.Single(r => r.Name.FamilyName == "山田").Phone.Should().Be("0312345678");
    }

    [Fact]
    public async Task The_rejected_file_holds_line_column_reason_and_the_original_row()
    {
        var result = await ImportAsync(MessyCsvFixture.Cp932Bytes());
        using var writer = new StringWriter();
        await RejectedCsv.WriteAsync(result.Report, writer);
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        lines.Should().HaveCount(6);
        lines[0].Should().Be("line,部分,part,column,理由,reason," + MessyCsvFixture.Header);
        lines[1].Should().StartWith("6,担当者,rep,メールアドレス,メールアドレスの形式が正しくありません,email domain has no dot,東京テクノ株式会社,");
    }

    [Fact]
    public async Task Custom_template_items_are_imported_from_their_label_and_checked()
    {
        var csv = "会社名,担当者名,メールアドレス,自社への関心度（温度感）,入社年\n" +
                  "株式会社サンプル商事,山田 太郎,taro@sample.co.jp,高い,2010\n" +
                  "株式会社サンプル商事,佐藤 花子,hanako@sample.co.jp,激アツ,2015\n";
        var result = await ImportAsync(System.Text.Encoding.UTF8.GetBytes(csv), new ImportOptions { Template = KarteTemplate.Default });

        result.Data.Reps.Should().ContainSingle().Which.CustomItems.Should().BeEquivalentTo(new Dictionary<string, KarteValue>
        {
            ["rep.temperature"] = KarteValue.FromChoice("hot"),
            ["rep.joinedYear"] = KarteValue.FromNumber(2010, KarteItemType.Integer),
        });
        result.Report.Rejected.Should().ContainSingle().Which.Column.Should().Be("自社への関心度（温度感）");
    }

    [Fact]
    public async Task A_mapping_file_adds_headers()
    {
        var csv = "取引先,窓口,連絡先\nサンプル商事(株),山田 太郎,taro@sample.co.jp\n";
        var mapping = ImportMapping.FromJson("""{ "columns": { "取引先": "CompanyName", "窓口": "RepName", "連絡先": "RepEmail" } }""");
        var result = await ImportAsync(System.Text.Encoding.UTF8.GetBytes(csv), new ImportOptions { Mapping = mapping });

        result.Data.Companies.Should().ContainSingle().Which.Name.Should().Be("サンプル商事(株)");
        result.Data.Reps.Should().ContainSingle().Which.Email.Should().Be("taro@sample.co.jp");
    }

    [Fact]
    public void A_bad_mapping_file_names_the_entry() =>
        FluentActions.Invoking(() => ImportMapping.FromJson("""{ "columns": { "取引先": "Nonsense" } }""", "m.json"))
            .Should().Throw<ImportMappingException>().Which.Header.Should().Be("取引先");

    [Fact]
    public void Options_are_checked_and_name_the_option() =>
        FluentActions.Invoking(() => new ImportOptions { MergeThreshold = 0.1 }.Validate())
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MergeThreshold*");
}
