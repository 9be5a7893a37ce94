using System.CommandLine;
using System.Text;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.Migration;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// <c>export --dir D</c>: writes the store's kartes as 会社.csv, 担当者.csv, 提案.csv and 接触履歴.csv
/// (<see cref="KarteSheetExport"/>): UTF-8 with BOM for Excel, formula-like cells neutralised, headers and ids that
/// <c>import --file 会社.csv --file 担当者.csv …</c> reads back into the same kartes. Existing files are never overwritten.
/// </summary>
internal static class ExportCommand
{
    private static readonly Option<string> DirOption = new("--dir") { Description = "The folder the CSV files are written to (created if missing; files already there are not overwritten).", Required = true };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("export", "Export the kartes as CSV files for Excel (会社, 担当者, 提案, 接触履歴) that import reads back.") { DirOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var dir = ctx.Environment.ResolvePath(parse.GetValue(DirOption)!);
        var store = ctx.OpenStore();
        var data = await ctx.Output.WithProgressAsync("カルテ読込 (reading)", async _ =>
            await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        Directory.CreateDirectory(dir);
        var sheets = Enum.GetValues<KarteExportSheet>();
        var taken = sheets.Select(s => Path.Combine(dir, KarteSheetExport.FileName(s))).Where(File.Exists).ToList();
        if (taken.Count > 0)
        {
            throw CliException.BadInput($"出力先に同じ名前のファイルがあります。別のフォルダを指定してください / --dir: {string.Join(", ", taken)} already exist; choose another folder (files are never overwritten).");
        }

        var written = new List<string>();
        foreach (var sheet in sheets)
        {
            var path = Path.Combine(dir, KarteSheetExport.FileName(sheet));
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await using (writer.ConfigureAwait(false))
            {
                await KarteSheetExport.WriteAsync(data, sheet, writer, KarteTemplate.Default, ctx.CancellationToken).ConfigureAwait(false);
            }

            written.Add(path);
        }

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = true,
                files = written,
                companies = data.Companies.Count,
                reps = data.Reps.Count,
                proposals = data.Proposals.Count,
                interactions = data.Interactions.Count,
            });
        }
        else
        {
            ctx.Output.Console.WriteLine($"書き出し (exported): 会社 {data.Companies.Count:N0} / 担当者 {data.Reps.Count:N0} / 提案 {data.Proposals.Count:N0} / 接触履歴 {data.Interactions.Count:N0}");
            foreach (var f in written)
            {
                ctx.Output.Console.WriteLine("  " + f);
            }

            ctx.Output.Console.WriteLine("取り込み直すには / to import again: partnerkarte import " + string.Join(' ', written.Select(f => "--file \"" + f + "\"")));
        }

        return ExitCodes.Ok;
    }
}
