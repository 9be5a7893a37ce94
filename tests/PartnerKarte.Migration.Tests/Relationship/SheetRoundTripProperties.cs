using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;

namespace PartnerKarte.Migration.Tests.Relationship;

/// <summary>Issue 22: import → export (<see cref="KarteSheetExport"/>) → import gives the same kartes.</summary>
public class SheetRoundTripProperties
{
    private static readonly string[] CompanyNames = ["株式会社サンプル商事", "(株)サンプル商事", "㈱北斗システム", "ネクストリンク合同会社", "有限会社やまだ屋", "=HYPERLINK(\"x\")商会"];
    private static readonly string[] People = ["山田 太郎", "佐藤 花子", "田中 三郎", "伊藤 美咲", "鈴木 一"];
    private static readonly string[] Emails = ["taro@sample.co.jp", "hanako@sample", "", "misaki@nextlink.jp", "ichi@@x.jp"];
    private static readonly string[] Dates = ["", "令和6年4月10日", "2024/3/1", "H31.4.1", "２０２４／１２／２４"];
    private static readonly string[] Notes = ["", "ゴルフ好き\n土曜は連絡不可", "-1 は要確認", "決裁は本人, 上司は反対"];
    private static readonly string[] Owners = ["", "佐藤 一郎", "佐藤一郎", "鈴木 次郎"];
    private static readonly string[] Temperatures = ["", "高い", "普通", "低い", "Hot"];
    private static readonly string[] Disc = ["", "D", "I", "慎重", "Ｓ"];
    private static readonly string[] Mbti = ["", "ENTJ", "ＩＮＦＰ", "istj"];
    private static readonly string[] Trust = ["", "A", "★★★", "80"];

    private const string Header = "会社名,従業員数,設立年,自社担当,担当者名,メールアドレス,DiSC,MBTI,温度感,信頼度,最終接触日,次回アクション,期日,備考";

    private static Gen<string> Pick(string[] values) => Gen.Elements(values);

    private static Gen<string> RowGen() =>
        from company in Pick(CompanyNames)
        from employees in Gen.Choose(0, 3).Select(n => n switch { 0 => "", 1 => "120", 2 => "１２", _ => "3000" })
        from founded in Pick(["", "平成10年", "2001", "令和2年"])
        from owner in Pick(Owners)
        from person in Gen.Frequency((1, Gen.Constant("")), (4, Pick(People)))
        from email in Pick(Emails)
        from disc in Pick(Disc)
        from mbti in Pick(Mbti)
        from temperature in Pick(Temperatures)
        from trust in Pick(Trust)
        from contact in Pick(Dates)
        from next in Pick(["", "見積提出", "勉強会の日程調整"])
        from due in Pick(["", "2025/1/31"])
        from note in Pick(Notes)
        select string.Join(',', new[] { company, employees, founded, owner, person, email, disc, mbti, temperature, trust, contact, next, due, note }.Select(KarteCsv.Quote));

    private static KarteDataSet Import(string csv) =>
        KarteImporter.ImportRows(RelationshipImportTests.Rows(csv)).Data;

    private static KarteDataSet ExportAndImport(KarteDataSet data)
    {
        var sheets = new List<ImportSheet>();
        foreach (var sheet in Enum.GetValues<KarteExportSheet>())
        {
            var writer = new StringWriter();
            KarteSheetExport.WriteAsync(data, sheet, writer).GetAwaiter().GetResult();
            sheets.Add(new ImportSheet(Path.GetFileNameWithoutExtension(KarteSheetExport.FileName(sheet)), [.. RelationshipImportTests.Rows(writer.ToString())]));
        }

        return KarteImporter.ImportSheets(sheets).Data;
    }

    [Fact]
    public void Import_export_import_gives_the_same_kartes()
    {
        var rows = RowGen().ListOf().Select(r => Header + "\n" + string.Join("\n", r) + "\n");
        Prop.ForAll(rows.ToArbitrary(), csv =>
        {
            var first = Import(csv);
            var again = ExportAndImport(first);

            again.Companies.Should().BeEquivalentTo(first.Companies, csv);
            again.Reps.Should().BeEquivalentTo(first.Reps, csv);
            again.Proposals.Should().BeEquivalentTo(first.Proposals, csv);
            again.Interactions.Should().BeEquivalentTo(first.Interactions, csv);
            again.TeamMembers.Should().BeEquivalentTo(first.TeamMembers, csv);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void The_realistic_workbook_round_trips_and_the_export_neutralises_formulas()
    {
        var first = KarteImporter.ImportSheets(RelationshipWorkbook.ImportSheets()).Data;
        var again = ExportAndImport(first);

        again.Companies.Should().BeEquivalentTo(first.Companies);
        again.Reps.Should().BeEquivalentTo(first.Reps);
        again.Proposals.Should().BeEquivalentTo(first.Proposals);
        again.Interactions.Should().BeEquivalentTo(first.Interactions);

        var evil = new KarteDataSet { Companies = [new PartnerCompany { Id = new CompanyId("C-1"), Name = "=cmd|' /C calc'!A0" }] };
        var writer = new StringWriter();
        KarteSheetExport.WriteAsync(evil, KarteExportSheet.Companies, writer).GetAwaiter().GetResult();
        writer.ToString().Should().Contain("\"'=cmd|' /C calc'!A0\"", "a cell a spreadsheet would run gets an apostrophe");
        ExportAndImport(evil).Companies.Single().Name.Should().Be("=cmd|' /C calc'!A0", "the importer takes the apostrophe off again");
    }
}
