using System.Text;
using MiniExcelLibs;

namespace PartnerKarte.Migration.Tests.Relationship;

/// <summary>
/// A team's 代理店管理表 as a workbook of four sheets (会社, 担当者, 提案, 接触履歴) and an instructions sheet, with what real
/// sheets hold: 全角 digits and letters, 和暦 dates, 株式会社/(株)/㈱ variants of one company, 備考 with line breaks, our owner
/// written with and without a space, DiSC/MBTI/温度感/信頼度 kept by hand, and a bad e-mail on a row whose company is fine.
/// </summary>
public static class RelationshipWorkbook
{
    public sealed record Sheet(string Name, string[] Header, string?[][] Rows);

    public static readonly Sheet Instructions = new("記入方法", ["この表の使い方"], [["会社シートに1社1行で入力してください"], ["担当者は担当者シートへ"]]);

    public static readonly Sheet Companies = new(
        "会社",
        ["会社名", "業種", "所在地", "従業員数", "設立年", "自社担当", "備考"],
        [
            ["株式会社サンプル商事", "SIer", "東京都千代田区丸の内１－１", "１２０", "平成10年", "佐藤 一郎", "2023年に担当交代。\n社長と旧知の仲"],
            ["(株)北斗システム", "受託開発", "北海道札幌市中央区北1条西2丁目", "45", "令和2年", "鈴木 次郎", null],
            ["ネクストリンク合同会社", "Web制作", "大阪府大阪市北区梅田1-1", "12", "2019", "佐藤一郎", "紹介案件が多い"],
        ]);

    public static readonly Sheet Reps = new(
        "担当者",
        ["会社名", "担当者名", "フリガナ", "役職", "メールアドレス", "電話番号", "DiSC", "MBTI", "温度感", "社内推進力", "信頼度", "最終接触日", "次回アクション", "期日", "備考", "社内ランク"],
        [
            ["㈱サンプル商事", "山田 太郎", "ヤマダ タロウ", "課長", "taro.yamada@sample-shoji.co.jp", "03-1234-5678", "D", "ENTJ", "高い", "4", "A", "令和6年4月10日", "新製品の勉強会を提案", "2024/05/10", "ゴルフ好き\n土曜は連絡不可", "S"],
            ["株式会社サンプル商事", "佐藤 花子", "サトウ ハナコ", "主任", "hanako@sample-shoji", "03-1234-5679", "I", null, "普通", null, "B", null, null, null, null, "A"],
            ["株式会社北斗ｼｽﾃﾑ", "田中 三郎", "タナカ サブロウ", "部長", "tanaka@hokuto-sys.co.jp", "011-222-3333", "慎重", "ＩＳＴＪ", "低い", "2", "C", "2024/3/1", null, null, null, "B"],
            ["ネクストリンク合同会社", "伊藤 美咲", "イトウ ミサキ", "代表", "misaki@nextlink.jp", "06-1111-2222", "S", "ＩＮＦＰ", "普通", "5", "★★★", null, null, null, "決裁は本人", null],
        ]);

    public static readonly Sheet Proposals = new(
        "提案",
        ["会社名", "担当者名", "提案名", "金額", "ステージ", "結果", "提案日", "完了日", "失注理由"],
        [
            ["株式会社サンプル商事", "山田 太郎", "クラウド会計 導入支援", "120万", "完了", "受注", "令和6年2月1日", "2024/3/15", null],
            ["(株)北斗システム", "田中 三郎", "勤怠管理 SaaS", "800000", "完了", "失注", "2024/1/10", "2024/2/20", "競合他社に価格で負けた"],
            ["ネクストリンク合同会社", null, "Web広告 運用代行", "30万", "提案", null, "2024/4/1", null, null],
            ["株式会社どこにもない", "山田 太郎", "保守契約", "10万", "提案", null, "2024/4/1", null, null],
        ]);

    public static readonly Sheet Contacts = new(
        "接触履歴",
        ["日付", "会社名", "担当者名", "手段", "内容", "次回アクション", "期日"],
        [
            ["2024/04/12 14:00", "株式会社サンプル商事", "山田 太郎", "訪問", "新製品の説明。\n前向きに検討とのこと", "見積提出", "2024/04/20"],
            ["令和6年3月5日", "ネクストリンク合同会社", "伊藤 美咲", "Web会議", "定例", null, null],
            ["2024/03/06", "ネクストリンク合同会社", "存在 しない", "電話", "確認", null, null],
        ]);

    public static IReadOnlyList<Sheet> All => [Instructions, Companies, Reps, Proposals, Contacts];

    /// <summary>The sheets as the importer reads them (line 1 is the header).</summary>
    public static IEnumerable<ImportSheet> ImportSheets() =>
        All.Select(s => new ImportSheet(s.Name, Records(s)));

    public static IEnumerable<CsvRecord> Records(Sheet sheet) =>
        new[] { new CsvRecord(1, sheet.Header) }.Concat(sheet.Rows.Select((r, i) => new CsvRecord(i + 2, [.. r.Select(c => c ?? string.Empty)])));

    /// <summary>Writes the workbook as .xlsx.</summary>
    public static void SaveXlsx(string path)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var s in All)
        {
            sheets[s.Name] = s.Rows.Select(r => s.Header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => (object?)r[x.i])).ToList();
        }

        MiniExcel.SaveAs(path, sheets);
    }

    /// <summary>Writes the sheets as CSV files (会社.csv in Shift_JIS as older Excel saves it, the rest UTF-8 with BOM).</summary>
    public static IReadOnlyList<string> SaveCsvSet(string directory)
    {
        var paths = new List<string>();
        foreach (var s in new[] { Contacts, Proposals, Reps, Companies })
        {
            var text = new StringBuilder();
            text.Append(string.Join(',', s.Header.Select(KarteCsv.Quote))).Append("\r\n");
            foreach (var r in s.Rows)
            {
                text.Append(string.Join(',', r.Select(KarteCsv.Quote))).Append("\r\n");
            }

            var path = Path.Combine(directory, s.Name + ".csv");
            File.WriteAllBytes(path, s == Companies ? KarteCsv.ShiftJis.GetBytes(text.ToString()) : [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())]);
            paths.Add(path);
        }

        return paths;
    }
}
