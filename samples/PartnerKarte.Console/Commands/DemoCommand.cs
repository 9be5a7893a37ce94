using System.CommandLine;
using System.Diagnostics;
using System.Text;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary><c>demo</c>: creates the database with the sample data, runs the enrichment sync and prints a summary.</summary>
internal static class DemoCommand
{
    private const string MarkerScope = "demo";
    private const string MarkerKey = "sample-data";

    private static readonly Option<int?> SeedOption = new("--seed") { Description = "Seed of the sample data (config Demo:Seed)." };
    private static readonly Option<int?> CompaniesOption = new("--companies") { Description = "Number of partner companies (default 50)." };
    private static readonly Option<int?> RepsOption = new("--reps") { Description = "Number of partner reps (default 400)." };
    private static readonly Option<long?> InteractionsOption = new("--interactions") { Description = "Number of interactions (default 20000)." };
    private static readonly Option<int?> ProposalsOption = new("--proposals") { Description = "Number of proposals (default 3000)." };
    private static readonly Option<bool> ForceOption = new("--force") { Description = "Replace the database even if it was not created by demo." };
    private static readonly Option<bool> NoSyncOption = new("--no-sync") { Description = "Only load the sample data; leave the enrichment sync pending." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("demo", "Create ./partnerkarte.db with deterministic Japanese sample data, run the enrichment sync and print a summary.")
        {
            SeedOption, CompaniesOption, RepsOption, InteractionsOption, ProposalsOption, ForceOption, NoSyncOption,
        };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var output = ctx.Output;
        var path = ctx.Settings.DatabasePath;
        var clock = Stopwatch.StartNew();
        var options = new SampleKarteOptions
        {
            Seed = parse.GetValue(SeedOption) ?? ctx.Settings.DemoSeed,
            AsOf = StartOfDayJst(ctx.AsOf),
        };
        options.CompanyCount = parse.GetValue(CompaniesOption) ?? options.CompanyCount;
        options.RepCount = parse.GetValue(RepsOption) ?? options.RepCount;
        options.InteractionCount = parse.GetValue(InteractionsOption) ?? options.InteractionCount;
        options.ProposalCount = parse.GetValue(ProposalsOption) ?? options.ProposalCount;
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw CliException.BadInput(ex.Message, ex);
        }

        var replaced = await PrepareFileAsync(ctx, path, parse.GetValue(ForceOption)).ConfigureAwait(false);
        output.Line(replaced
            ? $"[yellow]既存のデモDBを作り直します[/] (replacing the existing demo database) {Markup.Escape(path)}"
            : $"デモDBを作成します (creating the demo database) {Markup.Escape(path)}");

        var generator = new SampleKarteGenerator(options);
        var store = ctx.OpenStore(create: true);
        var loaded = await output.WithProgressAsync("サンプルデータ投入 (loading sample data)", p => LoadAsync(store, generator, p, ctx.CancellationToken)).ConfigureAwait(false);
        var state = store.CreateSyncStateStore();
        await state.SaveStateEntriesAsync(MarkerScope, MarkerScope, new Dictionary<string, byte[]> { [MarkerKey] = Encoding.UTF8.GetBytes($"seed={options.Seed}") }, ctx.CancellationToken).ConfigureAwait(false);
        output.Line($"投入完了 (loaded): 企業 {loaded.Companies} 社, 担当者 {loaded.Reps} 名, 提案 {loaded.Proposals} 件, 接点 {loaded.Interactions:N0} 件 — {clock.Elapsed.TotalSeconds:F1} s");
        if (loaded.Failed > 0)
        {
            throw new CliException(ExitCodes.PartialFailure, "load", $"{loaded.Failed} sample records were rejected by the store.");
        }

        SyncReport? report = null;
        if (!parse.GetValue(NoSyncOption))
        {
            report = await SyncRunner.RunAsync(ctx, store, state, dryRun: false, batchSize: null, maxParallelism: null).ConfigureAwait(false);
        }

        var summary = report is null ? null : await DemoSummary.BuildAsync(store, ctx.CancellationToken, DateOnly.FromDateTime(ctx.AsOf.ToOffset(TimeSpan.FromHours(9)).DateTime)).ConfigureAwait(false);
        if (output.Json)
        {
            output.WriteJson(new
            {
                ok = report is null || report.Outcome == SyncOutcome.Succeeded,
                database = path,
                replaced,
                asOf = options.AsOf,
                seed = options.Seed,
                loaded,
                sync = report is null ? null : SyncRunner.ToJson(report),
                summary,
                elapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            });
        }
        else
        {
            if (report is not null)
            {
                SyncRunner.Print(output, report);
            }

            if (summary is not null)
            {
                summary.Print(output.Console);
            }

            output.Line($"[grey]完了 (done) in {clock.Elapsed.TotalSeconds:F1} s. 次に: partnerkarte karte --company C-001 / partnerkarte report --out karte.html[/]");
        }

        return report is null || report.Outcome == SyncOutcome.Succeeded ? ExitCodes.Ok : ExitCodes.PartialFailure;
    }

    private static DateTimeOffset StartOfDayJst(DateTimeOffset now)
    {
        var jst = now.ToOffset(TimeSpan.FromHours(9));
        return new DateTimeOffset(jst.Date, TimeSpan.FromHours(9));
    }

    /// <summary>Deletes an earlier demo database; anything else is left alone unless forced.</summary>
    private static async Task<bool> PrepareFileAsync(CommandContext ctx, string path, bool force)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return false;
        }

        if (!force)
        {
            // Opening throws (exit 2, file untouched) when the file is not a PartnerKarte store at all.
            var existing = ctx.OpenStore();
            var marker = await existing.CreateSyncStateStore().GetStateEntriesAsync(MarkerScope, MarkerScope, [MarkerKey], ctx.CancellationToken).ConfigureAwait(false);
            if (marker.Count == 0)
            {
                throw CliException.BadInput($"{path} holds a PartnerKarte database that demo did not create; it was left untouched. Pass --force to replace it, or --db to use another file.");
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }

        return true;
    }

    private static async Task<LoadedCounts> LoadAsync(SqliteKarteConnector store, SampleKarteGenerator generator, IProgress<(long Done, long Total)> progress, CancellationToken cancellationToken)
    {
        var o = generator.Options;
        long total = o.CompanyCount + o.RepCount + o.ProposalCount + o.InteractionCount;
        long done = 0;
        var failed = 0;

        async Task UpsertAsync(KarteRecordBatch batch)
        {
            var results = await store.UpsertKarteAsync(batch, cancellationToken).ConfigureAwait(false);
            failed += results.Count(r => !r.Succeeded);
            done += batch.Count;
            progress.Report((done, total));
        }

        await store.SaveTeamAsync([.. generator.GenerateTeamMembers()], cancellationToken).ConfigureAwait(false);
        await UpsertAsync(new KarteRecordBatch { Companies = [.. generator.GenerateCompanies()] }).ConfigureAwait(false);
        foreach (var chunk in generator.GenerateReps().Chunk(5_000))
        {
            await UpsertAsync(new KarteRecordBatch { Reps = chunk }).ConfigureAwait(false);
        }

        foreach (var chunk in generator.GenerateProposals().Chunk(5_000))
        {
            await UpsertAsync(new KarteRecordBatch { Proposals = chunk }).ConfigureAwait(false);
        }

        foreach (var chunk in generator.GenerateInteractions().Chunk(10_000))
        {
            await UpsertAsync(new KarteRecordBatch { Interactions = chunk }).ConfigureAwait(false);
        }

        return new LoadedCounts(o.CompanyCount, o.RepCount, o.ProposalCount, o.InteractionCount, failed);
    }

    internal sealed record LoadedCounts(int Companies, int Reps, int Proposals, long Interactions, int Failed);
}
