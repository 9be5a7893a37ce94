using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Migration;
using PartnerKarte.Sync;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// Issue 7, acceptance 4: importing 100,000 CSV rows (CP932, one row per rep with the company repeated,
/// a quarter of the rows spelling the company as (株)/㈱/half-width variants, 1 % duplicated rows, 1 % bad
/// emails) with dedup — parsing, validation and matching alone, and then written into a fresh SQLite store.
/// Run: <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- --filter *CsvImport*</c>, or the quicker
/// command <c>-- csv-import --rows 100000</c> (<see cref="CsvImportCommand"/>).
/// </summary>
[MemoryDiagnoser]
[InProcess]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CsvImportBenchmarks
{
    private byte[] csv = [];
    private string dbDirectory = string.Empty;

    /// <summary>Rows in the file.</summary>
    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        csv = Generate(Rows);
        dbDirectory = Path.Combine(Path.GetTempPath(), "pk-import-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dbDirectory);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(dbDirectory, recursive: true);

    [Benchmark]
    public async Task<int> ImportWithDedup()
    {
        var result = await KarteImporter.ImportCsvAsync(new MemoryStream(csv));
        return result.Data.Reps.Count;
    }

    [Benchmark]
    public async Task<int> ImportWithDedupIntoSqlite()
    {
        var result = await KarteImporter.ImportCsvAsync(new MemoryStream(csv));
        var path = Path.Combine(dbDirectory, Guid.NewGuid().ToString("N") + ".db");
        var connector = new SqliteKarteConnector(new SqliteStoreOptions { Path = path });
        var written = 0;
        foreach (var chunk in result.Data.Companies.Chunk(5000))
        {
            written += (await connector.UpsertKarteAsync(new KarteRecordBatch { Companies = chunk })).Count;
        }

        foreach (var chunk in result.Data.Reps.Chunk(5000))
        {
            written += (await connector.UpsertKarteAsync(new KarteRecordBatch { Reps = chunk })).Count;
        }

        return written;
    }

    /// <summary>A deterministic messy sheet: ~25,000 companies with 4 reps each.</summary>
    public static byte[] Generate(int rows)
    {
        string[] industries = ["SIer", "広告代理店", "製造業", "小売", "人材"];
        string[] prefectures = ["東京都", "大阪府", "神奈川県", "愛知県", "福岡県"];
        string[] family = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村"];
        string[] given = ["太郎", "花子", "一郎", "美咲", "健", "直子", "翔", "陽菜"];
        var sb = new StringBuilder(rows * 200);
        sb.Append("会社名,会社名カナ,業種,所在地,従業員数,資本金,決算月,担当者名,氏名カナ,役職,部署,メールアドレス,電話番号,手数料率,契約開始日,契約期間,備考\r\n");
        var random = new Random(7);
        string? previous = null;
        for (var i = 0; i < rows; i++)
        {
            if (previous is not null && i % 100 == 99)
            {
                sb.Append(previous); // a duplicated row
                continue;
            }

            var company = i / 4;
            var core = "テスト" + company.ToString(CultureInfo.InvariantCulture) + "商事";
            var name = (i % 4) switch { 0 => "株式会社" + core, 1 => "(株)" + core, 2 => "㈱" + core, _ => core + "株式会社" };
            var rep = i % 4;
            var email = i % 100 == 42 ? "broken@" : $"rep{rep}@t{company}.example.co.jp";
            var line = string.Join(',',
                name, "テスト" + company + "ショウジ", industries[company % 5], prefectures[company % 5] + "中央区1-1", (company % 500) + 5,
                (company % 90 + 1) + "00万円", company % 12 + 1, family[(company + rep) % 8] + " " + given[(company * 3 + rep) % 8], "ヤマダ タロウ",
                "課長", "営業部", email, "090-" + (1000 + company % 9000) + "-" + (1000 + rep), (random.Next(5, 30)) + "%", "2024/4/1", "12ヶ月", "") + "\r\n";
            sb.Append(line);
            previous = line;
        }

        return KarteCsv.ShiftJis.GetBytes(sb.ToString());
    }
}
