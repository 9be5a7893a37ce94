using System.CommandLine;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Cli;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Console.Connectors;
using PartnerKarte.Hosting;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Commands;

/// <summary><c>sync</c>: the nightly enrichment sync against a connector.</summary>
internal static class SyncCommand
{
    private static readonly Option<string?> ConnectorOption = new("--connector") { Description = "sqlite (default), postgres, salesforce or dataverse (config Sync:Connector)." };
    private static readonly Option<bool> DryRunOption = new("--dry-run") { Description = "Compute and show the diff; write nothing." };
    private static readonly Option<int?> BatchSizeOption = new("--batch-size") { Description = "Enrichment records per write batch (config Sync:BatchSize; default: the connector's maximum)." };
    private static readonly Option<int?> ParallelismOption = new("--max-parallelism") { Description = "Concurrent write batches (config Sync:MaxParallelism)." };
    private static readonly Option<bool> FullRefreshOption = new("--full-refresh") { Description = "Ignore the saved watermark and local state: read every karte, rebuild the local state, recompute everything (writes only what changed). Recovers a lost or damaged state store." };
    private static readonly Option<bool> ProgressLinesOption = new("--progress-lines") { Description = "Write one plain progress line per step to stderr (for logs and scripts)." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("sync", "Run the enrichment sync: read changes since the last run, evaluate every rep and company as of now, write only what changed. Exit 4 when another sync is running on the same state.")
        {
            ConnectorOption, DryRunOption, FullRefreshOption, BatchSizeOption, ParallelismOption, ProgressLinesOption,
        };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var batchSize = parse.GetValue(BatchSizeOption) ?? ctx.Settings.BatchSize;
        var parallelism = parse.GetValue(ParallelismOption) ?? ctx.Settings.MaxParallelism;
        if (batchSize is < 1)
        {
            throw CliException.BadInput($"--batch-size must be at least 1 (was {batchSize}).");
        }

        if (parallelism is < 1)
        {
            throw CliException.BadInput($"--max-parallelism must be at least 1 (was {parallelism}).");
        }

        var connector = ctx.CreateConnector(parse.GetValue(ConnectorOption));
        // The SQLite file keeps the sync state for the CRM connectors; the sqlite and postgres stores keep their own.
        ISyncStateStore state = connector switch
        {
            SqliteKarteConnector sqlite => sqlite.CreateSyncStateStore(),
            PostgreSqlKarteConnector postgres => postgres.CreateSyncStateStore(),
            _ => ctx.OpenStore(create: true).CreateSyncStateStore(),
        };
        if (connector is SalesforceConnector salesforce)
        {
            await SalesforceConnectorModule.CheckBeforeSyncAsync(salesforce, ctx.CancellationToken).ConfigureAwait(false);
        }

        var report = await SyncRunner.RunAsync(ctx, connector, state, parse.GetValue(DryRunOption), batchSize, parallelism, parse.GetValue(ProgressLinesOption), parse.GetValue(FullRefreshOption)).ConfigureAwait(false);

        // The same codes as the hosted job: 0 ok, 1 partial, 2 configuration (the report says so, for example Dataverse metadata
        // that does not match the mapping), 3 environment (the CRM unreachable or refusing the run).
        var exit = SyncExitCodes.FromReport(report);
        if (ctx.Output.Json)
        {
            if (report.Outcome == SyncOutcome.Aborted)
            {
                var code = exit == SyncExitCodes.ConfigurationProblem ? "config" : "environment";
                var message = report.Error ?? "The sync was aborted; what was committed stays committed. Rerun once the problem is fixed.";
                ctx.Output.WriteJson(new { ok = false, exitCode = exit, error = new { code, key = (string?)null, message }, report = SyncRunner.ToJson(report) });
            }
            else
            {
                ctx.Output.WriteJson(new { ok = report.Outcome == SyncOutcome.Succeeded, exitCode = exit, report = SyncRunner.ToJson(report) });
            }
        }
        else
        {
            SyncRunner.Print(ctx.Output, report);
        }

        return exit;
    }
}
