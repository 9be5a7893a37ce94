extern alias cli;

using System.Diagnostics;
using System.Globalization;
using cli::PartnerKarte.Console.Cli;
using Microsoft.Data.Sqlite;
using MiniExcelLibs;

using static PartnerKarte.Benchmarks.BenchmarkCommandLine;

namespace PartnerKarte.Benchmarks;

/// <summary>
/// The workbook import benchmark: <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- import-workbook [--rows 100000]</c>.
/// Writes a 代理店管理表 workbook of N rows on four sheets (会社 10%, 担当者 30%, 提案 30%, 接触履歴 30%) with what real sheets
/// hold — 株式会社/(株)/㈱ variants of each company across the sheets, repeated company rows, 和暦 dates, 備考 with line
/// breaks, DiSC/MBTI/温度感/信頼度, 自社担当 names, a bad e-mail on 1% of the reps — then runs the console's
/// <c>import --file workbook.xlsx</c> into a fresh SQLite store in a child process with server GC (as the console runs),
/// so that wall time and peak RSS (VmHWM) are the import's alone. Target: ≤ 10 s and ≤ 600 MB for 100,000 rows.
/// </summary>
internal static class ImportWorkbookBenchmarkCommand
{
    private static readonly string[] Family = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村"];
    private static readonly string[] Given = ["太郎", "花子", "一郎", "美咲", "健", "直子", "翔", "陽菜"];
    private static readonly string[] Owners = ["営業 一郎", "営業 二郎", "営業 三郎", "営業 四郎", "営業 五郎", "営業 六郎"];
    private static readonly string[] Industries = ["SIer", "広告代理店", "製造業", "小売", "人材"];
    private static readonly string[] Prefectures = ["東京都", "大阪府", "神奈川県", "愛知県", "福岡県"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "child")
        {
            return args[1] == "read" ? Read(args[2]) : await ChildAsync(args[1], args[2]);
        }

        var rows = Option(args, "--rows", 100_000);

        // --keep DIR: write the workbook into DIR and keep it (and the store) for profiling the import by hand.
        var keep = TextOption(args, "--keep") ?? string.Empty;
        var dir = keep.Length > 0 ? Directory.CreateDirectory(keep).FullName : Directory.CreateTempSubdirectory("pk-workbook-bench-").FullName;
        try
        {
            var xlsx = Path.Combine(dir, "代理店管理表.xlsx");
            var watch = Stopwatch.StartNew();
            var (companies, reps, proposals, contacts) = Write(xlsx, rows);
            Console.WriteLine(
                $"Workbook import benchmark: {rows:N0} rows (会社 {companies:N0}, 担当者 {reps:N0}, 提案 {proposals:N0}, 接触履歴 {contacts:N0}), " +
                $"{new FileInfo(xlsx).Length / 1024.0 / 1024.0:F1} MiB xlsx written in {watch.Elapsed.TotalSeconds:F1} s; server GC");
            Console.WriteLine($"{"step",-16} {"wall s",8} {"peak RSS MB",12}  result");
            return await ChildProcessAsync(["import-workbook", "child", "read", xlsx]) is var read and not 0
                ? read
                : await ChildProcessAsync(["import-workbook", "child", xlsx, Path.Combine(dir, "bench.db")]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep.Length == 0)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static (int Companies, int Reps, int Proposals, int Contacts) Write(string path, int rows)
    {
        var companyRows = rows / 10;
        var repRows = rows * 3 / 10;
        var proposalRows = rows * 3 / 10;
        var contactRows = rows - companyRows - repRows - proposalRows;
        var companyCount = Math.Max(1, companyRows * 9 / 10); // the other 10% of the rows repeat a company as (株)…

        static string Core(int c) => "テスト" + c.ToString(CultureInfo.InvariantCulture) + "商事";
        static string Variant(int c, int v) => (v % 3) switch { 0 => "株式会社" + Core(c), 1 => "(株)" + Core(c), _ => "㈱" + Core(c) };
        static string RepName(int c, int r) => Family[(c + r) % 8] + " " + Given[(c * 3 + r) % 8];
        static string Email(int c, int r) => $"rep{r}@t{c}.example.co.jp";

        IEnumerable<Dictionary<string, object?>> Companies()
        {
            for (var i = 0; i < companyRows; i++)
            {
                var c = i < companyCount ? i : i % companyCount;
                yield return new()
                {
                    ["会社名"] = i < companyCount ? Variant(c, 0) : Variant(c, 1),
                    ["会社名カナ"] = "テスト" + c + "ショウジ",
                    ["業種"] = Industries[c % 5],
                    ["所在地"] = Prefectures[c % 5] + "中央区1-1",
                    ["従業員数"] = (c % 500 + 5).ToString(CultureInfo.InvariantCulture),
                    ["設立年"] = c % 2 == 0 ? "平成" + (c % 30 + 1) + "年" : (1980 + c % 40).ToString(CultureInfo.InvariantCulture),
                    ["自社担当"] = Owners[c % Owners.Length],
                    ["備考"] = c % 4 == 0 ? "紹介案件が多い。\n社長と旧知の仲" : null,
                };
            }
        }

        IEnumerable<Dictionary<string, object?>> Reps()
        {
            for (var i = 0; i < repRows; i++)
            {
                var c = i / 3 % companyCount;
                var r = i % 3;
                yield return new()
                {
                    ["会社名"] = Variant(c, 2),
                    ["担当者名"] = RepName(c, r),
                    ["役職"] = "課長",
                    ["メールアドレス"] = i % 100 == 42 ? "broken@" : Email(c, r),
                    ["電話番号"] = "090-" + (1000 + c % 9000) + "-" + (1000 + r),
                    ["DiSC"] = "DISC"[i % 4].ToString(),
                    ["MBTI"] = i % 2 == 0 ? "ENTJ" : "ＩＮＦＰ",
                    ["温度感"] = (i % 3) switch { 0 => "高い", 1 => "普通", _ => "低い" },
                    ["信頼度"] = "ABC"[i % 3].ToString(),
                    ["最終接触日"] = "令和6年" + (i % 12 + 1) + "月10日",
                    ["次回アクション"] = i % 5 == 0 ? "勉強会の日程調整" : null,
                    ["期日"] = i % 5 == 0 ? "2025/1/31" : null,
                    ["備考"] = i % 7 == 0 ? "ゴルフ好き\n土曜は連絡不可" : null,
                };
            }
        }

        IEnumerable<Dictionary<string, object?>> Proposals()
        {
            for (var i = 0; i < proposalRows; i++)
            {
                var c = i % companyCount;
                var r = i % 3;
                var outcome = (i % 3) switch { 0 => "受注", 1 => "失注", _ => null };
                yield return new()
                {
                    ["会社名"] = Variant(c, i),
                    ["担当者名"] = RepName(c, r),
                    ["メールアドレス"] = Email(c, r),
                    ["提案名"] = "クラウド会計 導入支援 " + (i / companyCount + 1),
                    ["金額"] = (i % 50 + 1) + "0万",
                    ["ステージ"] = outcome is null ? "提案" : "完了",
                    ["結果"] = outcome,
                    ["提案日"] = "2024/" + (i % 12 + 1) + "/1",
                    ["完了日"] = outcome is null ? null : "2024/" + (i % 12 + 1) + "/20",
                    ["失注理由"] = outcome == "失注" ? "競合他社に価格で負けた" : null,
                };
            }
        }

        IEnumerable<Dictionary<string, object?>> Contacts()
        {
            for (var i = 0; i < contactRows; i++)
            {
                var c = i % companyCount;
                var r = (i / companyCount) % 3;
                yield return new()
                {
                    ["日付"] = "2024/" + (i % 12 + 1) + "/" + (i % 28 + 1) + " 10:00",
                    ["会社名"] = Variant(c, i + 1),
                    ["メールアドレス"] = Email(c, r),
                    ["手段"] = (i % 4) switch { 0 => "訪問", 1 => "Web会議", 2 => "電話", _ => "メール" },
                    ["内容"] = "定例の打ち合わせ。\n次回は新製品の紹介",
                };
            }
        }

        MiniExcel.SaveAs(path, new Dictionary<string, object>
        {
            ["会社"] = Companies(), ["担当者"] = Reps(), ["提案"] = Proposals(), ["接触履歴"] = Contacts(),
        });
        return (companyRows, repRows, proposalRows, contactRows);
    }

    private static async Task<int> ChildProcessAsync(string[] args)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment["DOTNET_gcServer"] = "1";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(ImportWorkbookBenchmarkCommand).Assembly.Location);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var child = Process.Start(psi)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Console.Write(output);
        return child.ExitCode;
    }

    /// <summary>Only reads every row of every sheet (the part of the import that is the xlsx reader's).</summary>
    private static int Read(string xlsx)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var cells = 0L;
        foreach (var sheet in MiniExcel.GetSheetNames(xlsx))
        {
            foreach (IDictionary<string, object?> row in MiniExcel.Query(xlsx, useHeaderRow: false, sheetName: sheet))
            {
                cells += row.Count;
            }
        }

        watch.Stop();
        Console.WriteLine($"{"read xlsx only",-16} {watch.Elapsed.TotalSeconds,8:F2} {PeakRssMegabytes(),12:F0}  {cells:N0} cells; CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s");
        return 0;
    }

    /// <summary>Runs <c>import --file xlsx --db db --json</c> in this process and prints wall time, peak RSS and the plan's counts.</summary>
    private static async Task<int> ChildAsync(string xlsx, string db)
    {
        var output = new StringWriter();
        var env = new CliEnvironment { Out = output, Error = output, WorkingDirectory = Path.GetDirectoryName(xlsx)!, UseUserSecrets = false };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var code = await CliApp.RunAsync(["import", "--file", xlsx, "--db", db, "--json"], env);
        var cpuTime = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        watch.Stop();
        var peak = PeakRssMegabytes();
        string summary;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
            var plan = json.RootElement.GetProperty("plan");
            summary = $"rows {plan.GetProperty("rowsRead").GetInt32():N0}; companies {plan.GetProperty("companies").GetProperty("created").GetInt32():N0} " +
                $"(merged {plan.GetProperty("companies").GetProperty("merged").GetInt32():N0}), reps {plan.GetProperty("reps").GetProperty("created").GetInt32():N0}, " +
                $"proposals {plan.GetProperty("proposals").GetProperty("created").GetInt32():N0}, contact history {plan.GetProperty("interactions").GetProperty("created").GetInt32():N0}, " +
                $"rejected {plan.GetProperty("rejected").GetArrayLength():N0}; written {json.RootElement.GetProperty("write").GetProperty("written").GetInt64():N0}; CPU {cpuTime:F2} s (all threads)";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            summary = output.ToString();
        }

        Console.WriteLine($"{"import",-16} {watch.Elapsed.TotalSeconds,8:F2} {peak,12:F0}  exit {code}; {summary}");
        Console.WriteLine($"target ≤ 10 s and ≤ 600 MB: {(watch.Elapsed.TotalSeconds <= 10 && peak <= 600 ? "met" : "NOT met")}");
        return code is 0 or 1 ? 0 : 10 + code;
    }
}
