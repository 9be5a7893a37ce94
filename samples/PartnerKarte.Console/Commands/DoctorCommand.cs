using System.CommandLine;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Cli;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary><c>doctor</c>: checks configuration, the database, connectivity and mappings, and says what is wrong.</summary>
internal static class DoctorCommand
{
    private static readonly Option<string?> ConnectorOption = new("--connector") { Description = "Also check this connector (default: Sync:Connector)." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("doctor", "Check configuration, database, connectivity and mappings; say what is wrong and how to fix it.") { ConnectorOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    internal sealed record Check(string Area, string Name, CheckStatus Status, string Detail);

    internal enum CheckStatus
    {
        Ok = 0,
        Warning = 1,
        Failed = 2,
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var checks = new List<Check>();
        var s = ctx.Settings;
        checks.Add(new("configuration", "sources", CheckStatus.Ok,
            (ctx.Configuration.Sources.Count == 0 ? "no appsettings.json found; " : "files: " + string.Join(", ", ctx.Configuration.Sources) + "; ")
            + $"environment variables {CliConfiguration.EnvironmentPrefix}*" + (ctx.Environment.UseUserSecrets ? ", user secrets" : string.Empty)));
        checks.Add(new("configuration", "settings", CheckStatus.Ok,
            $"{ConsoleSettings.DatabasePathKey}={s.DatabasePath}; {ConsoleSettings.ConnectorKey}={s.Connector}; {ConsoleSettings.BatchSizeKey}={s.BatchSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(connector maximum)"}"));
        foreach (var c in ctx.Connectors.All)
        {
            checks.Add(new("configuration", $"connector {c.Name}", CheckStatus.Ok, $"available: {c.Description}"));
        }

        checks.Add(new("configuration", "endpoint sources", CheckStatus.Ok, EndpointSources(ctx)));

        SqliteKarteConnector? store = null;
        var environment = false; // the store's file system or another process, not the settings
        if (!File.Exists(s.DatabasePath))
        {
            checks.Add(new("database", "file", CheckStatus.Failed, $"no database at {s.DatabasePath}: run 'partnerkarte demo', or set --db / {ConsoleSettings.DatabasePathKey} ({CliConfiguration.EnvironmentName(ConsoleSettings.DatabasePathKey)})"));
        }
        else
        {
            try
            {
                store = ctx.OpenStore();
                checks.Add(new("database", "file", CheckStatus.Ok, $"{s.DatabasePath}: PartnerKarte store, schema up to date"));
            }
            catch (SqliteStoreException ex)
            {
                environment = ex.Problem is SqliteStoreProblem.ReadOnly or SqliteStoreProblem.Locked or SqliteStoreProblem.DiskFull;
                checks.Add(new("database", "file", CheckStatus.Failed, ex.Message + " (left untouched)"));
            }
        }

        if (store is not null)
        {
            await CheckStoreAsync(ctx, store, checks).ConfigureAwait(false);
        }

        var connectorName = parse.GetValue(ConnectorOption) ?? s.Connector;
        var registration = ctx.Connectors.Get(connectorName);
        var unreachable = false;
        if (registration.Name != "sqlite" || store is not null)
        {
            try
            {
                var connector = registration.Name == "sqlite" ? store! : ctx.CreateConnector(registration.Name);
                var health = await connector.CheckHealthAsync(ctx.CancellationToken).ConfigureAwait(false);
                unreachable = !health.IsHealthy && health.Problems.Any(p => p.Contains("unreachable", StringComparison.OrdinalIgnoreCase));
                checks.Add(new("connectivity", registration.Name, health.IsHealthy ? CheckStatus.Ok : CheckStatus.Failed,
                    health.IsHealthy ? "reachable, authenticated, mappings present" : string.Join("; ", health.Problems)));
            }
            catch (PartnerKarteException ex)
            {
                checks.Add(new("connectivity", registration.Name, CheckStatus.Failed, ex.Message));
            }
            catch (HttpRequestException ex)
            {
                unreachable = true;
                checks.Add(new("connectivity", registration.Name, CheckStatus.Failed, CliApp.Unreachable(parse, ex)));
            }
        }

        var failed = checks.Count(c => c.Status == CheckStatus.Failed);

        // Only the CRM out of reach or the store's file system failing: the environment (exit 3), not the settings (exit 2).
        var exit = failed == 0 ? ExitCodes.Ok : failed == (unreachable ? 1 : 0) + (environment ? 1 : 0) ? ExitCodes.Environment : ExitCodes.BadInput;
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new { ok = failed == 0, exitCode = exit, checks });
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title("partnerkarte doctor");
            table.AddColumn("area");
            table.AddColumn("check");
            table.AddColumn("status");
            table.AddColumn("detail");
            foreach (var c in checks)
            {
                table.AddRow(c.Area, Markup.Escape(c.Name), c.Status switch
                {
                    CheckStatus.Ok => "[green]OK[/]",
                    CheckStatus.Warning => "[yellow]WARN[/]",
                    _ => "[red]FAIL[/]",
                }, Markup.Escape(c.Detail));
            }

            ctx.Output.Console.Write(table);
            ctx.Output.Line(failed == 0 ? "[green]問題なし (all checks passed)[/]" : $"[red]{failed} 件の問題 (problems found)[/]");
        }

        return exit;
    }

    private static async Task CheckStoreAsync(CommandContext ctx, SqliteKarteConnector store, List<Check> checks)
    {
        var data = await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false);
        checks.Add(new("database", "karte", data.Companies.Count == 0 ? CheckStatus.Warning : CheckStatus.Ok,
            $"{data.Companies.Count} companies, {data.Reps.Count} reps, {data.Proposals.Count} proposals, {data.Interactions.Count} interactions"));

        // Mappings: every reference must resolve, or scores and KPIs would silently miss records.
        var companies = data.Companies.Select(c => c.Id).ToHashSet();
        var reps = data.Reps.Select(r => r.Id).ToHashSet();
        var orphanReps = data.Reps.Count(r => !companies.Contains(r.CompanyId));
        var orphanProposals = data.Proposals.Count(p => !companies.Contains(p.CompanyId) || (p.RepId is { } r && !reps.Contains(r)));
        var orphanInteractions = data.Interactions.Count(i => !reps.Contains(i.RepId));
        var orphans = orphanReps + orphanProposals + orphanInteractions;
        checks.Add(new("mappings", "references", orphans == 0 ? CheckStatus.Ok : CheckStatus.Warning,
            orphans == 0 ? "every rep, proposal and interaction points to an existing record"
                : $"{orphanReps} reps without their company, {orphanProposals} proposals and {orphanInteractions} interactions without their company/rep"));

        var state = store.CreateSyncStateStore();
        foreach (var key in ctx.Connectors.All.Select(c => c.Name))
        {
            var history = await state.GetRunHistoryAsync(key, 1, ctx.CancellationToken).ConfigureAwait(false);
            var failures = await state.GetFailuresAsync(key, ctx.CancellationToken).ConfigureAwait(false);
            if (history.Count == 0 && failures.Count == 0)
            {
                if (key == "sqlite")
                {
                    checks.Add(new("sync", key, CheckStatus.Warning, "never synced: run 'partnerkarte sync'"));
                }

                continue;
            }

            var last = history.FirstOrDefault();
            checks.Add(new("sync", key, failures.Count == 0 && last?.Outcome != SyncOutcome.Aborted ? CheckStatus.Ok : CheckStatus.Warning,
                (last is null ? "no finished run" : $"last run {last.FinishedAt:yyyy-MM-dd HH:mm} {last.Outcome}: written {last.Written}, skipped {last.Skipped}, failed {last.Failed}")
                + (failures.Count == 0 ? "; failure ledger empty" : $"; {failures.Count} records in the failure ledger (retried next run), e.g. {failures[0].Key} {failures[0].ErrorCode}: {failures[0].Reason}")));
        }
    }

    /// <summary>
    /// Where each CRM endpoint setting comes from (a flag, a file, user secrets or an environment variable), so a URL
    /// picked up from an unexpected appsettings.json shows; never the values (a URL may carry a token or a password).
    /// </summary>
    private static string EndpointSources(CommandContext ctx)
    {
        var f = ctx.Flags;
        var c = ctx.Configuration;
        string Config(string key) => c.SourceOf(key) ?? "not set";
        var login = f.LoginUrl is not null ? "flag --login-url" : Config("PartnerKarte:Salesforce:LoginUrl");
        var instance = f.InstanceUrl is not null ? "flag --instance-url" : f.Url is not null ? "flag --url" : Config("PartnerKarte:Salesforce:InstanceUrl");
        var environment = f.Url is not null ? "flag --url"
            : f.ConnectionString is not null ? "flag --connection-string"
            : c.SourceOf("PartnerKarte:Dataverse:Url") ?? (c.SourceOf("PartnerKarte:Dataverse:ConnectionString") is { } cs ? $"PartnerKarte:Dataverse:ConnectionString, {cs}" : "not set");
        var authority = Config("PartnerKarte:Dataverse:AuthorityHost");
        return $"PartnerKarte:Salesforce:LoginUrl from {login}; PartnerKarte:Salesforce:InstanceUrl from {instance}; PartnerKarte:Dataverse:Url (EnvironmentUrl) from {environment}; PartnerKarte:Dataverse:AuthorityHost from {authority}";
    }
}
