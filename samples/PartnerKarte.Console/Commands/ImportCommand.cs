using System.CommandLine;
using System.Globalization;
using System.Text;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Stores;
using PartnerKarte.Console.Cli;
using PartnerKarte.Console.Migration;
using PartnerKarte.Karte;
using PartnerKarte.Migration;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// <c>import --file F.csv|F.xlsx --to sqlite|salesforce|dataverse</c>: reads a spreadsheet karte with <see cref="KarteImporter"/>,
/// deduplicates it against itself and the target, quarantines bad rows to <c>rejected.csv</c>, lists merges and review
/// candidates in <c>duplicates.csv</c>, and upserts the rest with <see cref="KarteMigration.WriteAsync"/>.
/// </summary>
internal static class ImportCommand
{
    private static readonly Option<string[]> FileOption = new("--file")
    {
        Description = "The spreadsheet: .csv (UTF-8 or Shift_JIS/CP932) or .xlsx (every sheet: companies, reps, proposals, contact history). Repeat --file for a set of CSV files (会社.csv, 担当者.csv, 提案.csv, 接触履歴.csv).",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };
    private static readonly Option<string?> ToOption = new("--to") { Description = "The target connector: sqlite (default, the --db file), postgres (with --connection-string), salesforce or dataverse." };
    private static readonly Option<string?> MappingOption = new("--mapping") { Description = "A column mapping file: {\"columns\": {\"取引先\": \"CompanyName\", \"温度感\": \"custom:rep.temperature\"}}." };
    private static readonly Option<string?> EncodingOption = new("--encoding") { Description = "auto (default), utf8 or sjis (Shift_JIS/CP932)." };
    private static readonly Option<string?> OnDuplicateOption = new("--on-duplicate") { Description = "merge (default), skip or fail." };
    private static readonly Option<bool> StrictOption = new("--strict") { Description = "Any rejected row fails the run before anything is written (exit 2)." };
    private static readonly Option<bool> DryRunOption = new("--dry-run") { Description = "Print the plan (creates, updates, merges, rejections); write nothing but the report files." };
    private static readonly Option<string?> SheetOption = new("--sheet") { Description = "Import this .xlsx sheet only (default: every sheet, each recognised by its name or headers)." };
    private static readonly Option<string?> KeepSeparateOption = new("--keep-separate") { Description = "Lines never merged, e.g. 3,4: reverses merges listed in duplicates.csv." };
    private static readonly Option<string?> ReportDirOption = new("--report-dir") { Description = "Where rejected.csv and duplicates.csv are written (default: next to the file)." };
    private static readonly Option<int?> BatchSizeOption = new("--batch-size") { Description = "Records per upsert call (default: the target's maximum)." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("import", "Import a spreadsheet karte (代理店管理表) into a connector: dedup, quarantine, upsert by external id.")
        {
            FileOption, ToOption, MappingOption, EncodingOption, OnDuplicateOption, StrictOption, DryRunOption, SheetOption, KeepSeparateOption, ReportDirOption, BatchSizeOption,
        };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var env = ctx.Environment;
        var inputs = parse.GetValue(FileOption)!.Select(env.ResolvePath).ToList();
        foreach (var f in inputs)
        {
            if (!File.Exists(f))
            {
                throw CliException.BadInput($"--file: {f} does not exist.");
            }

            if (Path.GetExtension(f).ToLowerInvariant() is not (".csv" or ".txt" or ".xlsx"))
            {
                throw CliException.BadInput($"--file: {Path.GetFileName(f)} is neither .csv nor .xlsx.");
            }
        }

        var file = inputs[0];
        var extension = Path.GetExtension(file).ToLowerInvariant();
        if (inputs.Count > 1 && inputs.Any(f => Path.GetExtension(f).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)))
        {
            throw CliException.BadInput("--file: several inputs are a set of CSV inputs; give a workbook (.xlsx) on its own — its sheets are read together.");
        }

        if (extension != ".xlsx" && parse.GetValue(SheetOption) is not null)
        {
            throw CliException.BadInput($"--sheet applies to .xlsx workbooks; {Path.GetFileName(file)} is a CSV file with no sheets.");
        }

        var options = new ImportOptions
        {
            Encoding = ParseEncoding(parse.GetValue(EncodingOption)),
            OnDuplicate = ParseDuplicate(parse.GetValue(OnDuplicateOption)),
            Strict = parse.GetValue(StrictOption),
            Template = KarteTemplate.Default,
            KeepSeparateLines = ParseLines(parse.GetValue(KeepSeparateOption)),
        };
        if (parse.GetValue(MappingOption) is { } mappingPath)
        {
            var full = env.ResolvePath(mappingPath);
            if (!File.Exists(full))
            {
                throw CliException.BadInput($"--mapping: {full} does not exist.");
            }

            try
            {
                options.Mapping = ImportMapping.FromJson(await File.ReadAllTextAsync(full, ctx.CancellationToken).ConfigureAwait(false), Path.GetFileName(full));
            }
            catch (ImportMappingException ex)
            {
                throw CliException.BadInput(ex.Message, ex);
            }
        }

        var batchSize = parse.GetValue(BatchSizeOption);
        if (batchSize is < 1 or > 100_000)
        {
            throw CliException.BadInput($"--batch-size must be between 1 and 100000 (was {batchSize}).");
        }

        var dryRun = parse.GetValue(DryRunOption);
        var targetName = parse.GetValue(ToOption) ?? ctx.Settings.Connector;

        // A SQLite store that does not exist yet is planned against as empty and created only when records are written:
        // a dry run, a refused file or a run with nothing to write leaves no empty store behind.
        var target = MigrationConnectors.IsMissingSqliteStore(ctx, targetName, null)
            ? null
            : MigrationConnectors.OpenTarget(ctx, targetName, null);

        // Records already in the target take part in dedup: a match updates them instead of creating a duplicate; their
        // owners are the roster 自社担当 is matched against.
        options.Existing = target is null
            ? new KarteDataSet()
            : await ctx.Output.WithProgressAsync("既存カルテ読込 (reading the target)", async _ =>
                KarteLoader.WithOwnersAsTeam(await MigrationConnectors.LoadCompaniesAndRepsAsync(target, ctx.CancellationToken).ConfigureAwait(false))).ConfigureAwait(false);

        ImportResult result;
        if (extension == ".xlsx")
        {
            var sheet = parse.GetValue(SheetOption);
            result = sheet is not null || SheetReader.SheetNames(file).Count == 1
                ? KarteImporter.ImportRows(SheetReader.ReadXlsx(file, sheet), options)
                : KarteImporter.ImportSheets(SheetReader.ReadWorkbook(file), options);
        }
        else
        {
            result = inputs.Count == 1
                ? await KarteImporter.ImportCsvAsync(file, options, ctx.CancellationToken).ConfigureAwait(false)
                : await KarteImporter.ImportCsvFilesAsync(inputs, options, ctx.CancellationToken).ConfigureAwait(false);
        }

        var report = result.Report;

        // Report files: new files only (never one we did not create in this run), and none at all in a dry run.
        string? rejectedPath = null, duplicatesPath = null;
        if (!dryRun)
        {
            var reportDir = parse.GetValue(ReportDirOption) is { } rd ? env.ResolvePath(rd) : Path.GetDirectoryName(file)!;
            Directory.CreateDirectory(reportDir);
            rejectedPath = await ImportFiles.WriteRejectedAsync(report, reportDir, ctx.CancellationToken).ConfigureAwait(false);
            duplicatesPath = await ImportFiles.WriteDuplicatesAsync(report, reportDir, ctx.CancellationToken).ConfigureAwait(false);
        }

        KarteWriteReport? write = null;
        var data = result.Data;
        var anything = data.Companies.Count + data.Reps.Count + data.Proposals.Count + data.Interactions.Count + data.Tasks.Count + data.TeamMembers.Count > 0;
        if (report.CanWrite && !dryRun && (target is not null || anything))
        {
            target ??= MigrationConnectors.OpenTarget(ctx, targetName, null);
            write = await ctx.Output.WithProgressAsync("書込 (writing)", async progress =>
                await KarteMigration.WriteAsync(target, result.Data, batchSize, dryRun: false,
                    new Progress<MigrationProgress>(p => progress.Report((p.Written + p.Failed, p.Read))), ctx.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        // The owners 自社担当 named become members of our team in a store, so every view shows their names.
        var teamAdded = 0;
        if (write is not null && KarteStores.For(target!) is { } roster && result.Data.TeamMembers.Count > 0)
        {
            teamAdded = await roster.SaveTeamAsync(result.Data.TeamMembers, ctx.CancellationToken).ConfigureAwait(false);
        }

        var exit = report.StrictFailed ? ExitCodes.BadInput
            : report.Rejected.Count > 0 || write?.Failures.Count > 0 ? ExitCodes.PartialFailure
            : ExitCodes.Ok;
        var files = new { rejected = rejectedPath, duplicates = duplicatesPath };
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = exit == ExitCodes.Ok,
                exitCode = exit,
                dryRun,
                file,
                target = target?.Name ?? targetName,
                plan = ImportFiles.ToJson(report),
                write,
                teamMembers = teamAdded,
                files,
            });
        }
        else
        {
            MigrationOutput.PrintImport(ctx.Output, report, write, dryRun, target?.Name ?? targetName, files.rejected, files.duplicates);
            if (report.StrictFailed)
            {
                env.Error.WriteLine($"error: --strict: {report.Rejected.Count} row(s) rejected, nothing was written{(rejectedPath is null ? "" : $" (see {rejectedPath})")}.");
            }
        }

        return exit;
    }

    private static ImportEncoding ParseEncoding(string? value) => value?.ToLowerInvariant() switch
    {
        null or "auto" => ImportEncoding.Auto,
        "utf8" or "utf-8" => ImportEncoding.Utf8,
        "sjis" or "shift_jis" or "shift-jis" or "cp932" or "932" => ImportEncoding.ShiftJis,
        _ => throw CliException.BadInput($"--encoding: '{value}' is not auto, utf8 or sjis."),
    };

    private static DuplicateHandling ParseDuplicate(string? value) => value?.ToLowerInvariant() switch
    {
        null or "merge" => DuplicateHandling.Merge,
        "skip" => DuplicateHandling.Skip,
        "fail" => DuplicateHandling.Fail,
        _ => throw CliException.BadInput($"--on-duplicate: '{value}' is not merge, skip or fail."),
    };

    private static int[] ParseLines(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var lines = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw CliException.BadInput($"--keep-separate: '{part}' is not a line number.");
            }

            lines.Add(n);
        }

        return [.. lines];
    }
}
