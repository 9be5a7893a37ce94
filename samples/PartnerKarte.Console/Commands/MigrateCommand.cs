using System.CommandLine;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Cli;
using PartnerKarte.Console.Migration;
using PartnerKarte.Console.Stores;
using PartnerKarte.Migration;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// <c>migrate --from A --to B</c>: moves every karte record between two connectors with <see cref="KarteMigration"/>,
/// checkpointed in the <c>--db</c> file, so a killed run is simply run again.
/// </summary>
internal static class MigrateCommand
{
    private static readonly Option<string> FromOption = new("--from") { Description = "The source connector: sqlite, postgres, salesforce or dataverse.", Required = true };
    private static readonly Option<string> ToOption = new("--to") { Description = "The target connector: sqlite, postgres, salesforce or dataverse.", Required = true };
    private static readonly Option<string?> FromDbOption = new("--from-db") { Description = "For --from sqlite: the source store file (default --db)." };
    private static readonly Option<string?> ToDbOption = new("--to-db") { Description = "For --to sqlite: the target store file (default --db)." };
    private static readonly Option<bool> DryRunOption = new("--dry-run") { Description = "Read and plan (records and write calls); write nothing." };
    private static readonly Option<bool> RestartOption = new("--restart") { Description = "Ignore the saved checkpoint and read the whole source again (safe: upserts are idempotent)." };
    private static readonly Option<int?> BatchSizeOption = new("--batch-size") { Description = "Records per upsert call (default: the target's maximum, the fewest calls)." };
    private static readonly Option<bool> ProgressLinesOption = new("--progress-lines") { Description = "Write one plain progress line per committed batch to stderr (for logs and scripts)." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("migrate", "Migrate every karte record from one connector to another (by external id; checkpointed, resumable).")
        {
            FromOption, ToOption, FromDbOption, ToDbOption, DryRunOption, RestartOption, BatchSizeOption, ProgressLinesOption,
        };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var from = parse.GetValue(FromOption)!;
        var to = parse.GetValue(ToOption)!;
        var fromDb = parse.GetValue(FromDbOption);
        var toDb = parse.GetValue(ToDbOption);
        var batchSize = parse.GetValue(BatchSizeOption);
        if (batchSize is < 1 or > 100_000)
        {
            throw CliException.BadInput($"--batch-size must be between 1 and 100000 (was {batchSize}).");
        }

        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase) && !string.Equals(from, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.BadInput($"--from and --to are both {from}: a migration needs two different stores.");
        }

        var dryRun = parse.GetValue(DryRunOption);
        var source = MigrationConnectors.Open(ctx, from, fromDb, create: false);

        // A dry run writes nothing, not even an empty store file: a SQLite target (or state store) that does not exist yet
        // is planned against as an empty store kept in memory.
        var target = dryRun && MigrationConnectors.IsMissingSqliteStore(ctx, to, toDb)
            ? new SqliteKarteConnector(new SqliteStoreOptions { Path = ":memory:", CreateIfMissing = true })
            : MigrationConnectors.OpenTarget(ctx, to, toDb);
        if (source is SqliteKarteConnector s && target is SqliteKarteConnector t && string.Equals(s.Path, t.Path, StringComparison.Ordinal))
        {
            throw CliException.BadInput($"--from and --to are the same SQLite file ({s.Path}); give --from-db or --to-db.");
        }

        var state = dryRun && !File.Exists(ctx.Settings.DatabasePath)
            ? new SqliteKarteConnector(new SqliteStoreOptions { Path = ":memory:", CreateIfMissing = true }).CreateSyncStateStore()
            : MigrationConnectors.StateStore(ctx, source, target);
        var migration = new KarteMigration(source, target, state, new KarteMigrationOptions
        {
            BatchSize = batchSize,
            DryRun = dryRun,
            Restart = parse.GetValue(RestartOption),
        }, ctx.Clock);
        MigrationReport report;
        try
        {
            var progressLines = parse.GetValue(ProgressLinesOption);
            report = await ctx.Output.WithProgressAsync($"移行 (migrating) {source.Name} → {target.Name}", async progress =>
            {
                void Bar(MigrationProgress p) => progress.Report((p.Written + p.Failed, Math.Max(p.Read, p.Written + p.Failed)));
                return await migration.RunAsync(
                    progressLines ? new LineProgress<MigrationProgress>(
                        ctx.Environment.Error,
                        v => FormattableString.Invariant($"progress: read {v.Read} written {v.Written} failed {v.Failed} calls {v.WriteCalls}"),
                        Bar) : new Progress<MigrationProgress>(Bar),
                    ctx.CancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (ConnectorNotSupportedException ex)
        {
            throw CliException.BadInput(ex.Message, ex);
        }

        // Our team comes along into a store: the CRM's users (or the source store's roster) name the owners there.
        var teamCopied = 0;
        if (KarteStores.For(target) is { } roster && !dryRun && report.Outcome == SyncOutcome.Succeeded)
        {
            teamCopied = await roster.SaveTeamAsync(await source.ReadTeamAsync(ctx.CancellationToken).ConfigureAwait(false), ctx.CancellationToken).ConfigureAwait(false);
        }

        var exit = report.Outcome == SyncOutcome.Succeeded ? ExitCodes.Ok : report.IsUnreachable ? ExitCodes.Environment : ExitCodes.PartialFailure;
        var unreachable = report.IsUnreachable
            ? $"{(report.Error ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()} ({source.Name} → {target.Name}; committed batches stay, the next run resumes from the checkpoint)"
            : null;
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new
            {
                ok = exit == ExitCodes.Ok,
                exitCode = exit,
                error = unreachable is null ? null : new { code = "unreachable", message = unreachable },
                target = target.Name,
                teamMembers = teamCopied,
                report,
                durationSeconds = Math.Round(report.Duration.TotalSeconds, 3),
            });
        }
        else
        {
            MigrationOutput.PrintMigration(ctx.Output, report, target.Name);
            if (teamCopied > 0)
            {
                ctx.Output.Line($"自社チーム {teamCopied} 名を名簿に取り込みました (team members imported into the roster).");
            }
        }

        if (unreachable is not null && !ctx.Output.Json)
        {
            ctx.Environment.Error.WriteLine($"error: {unreachable}");
        }

        return exit;
    }
}
