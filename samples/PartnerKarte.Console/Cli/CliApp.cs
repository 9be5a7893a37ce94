using System.CommandLine;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Commands;
using PartnerKarte.Console.Connectors;
using PartnerKarte.Migration;

using PartnerKarte.Sync;

namespace PartnerKarte.Console.Cli;

/// <summary>The <c>partnerkarte</c> command line: parsing, configuration, error handling and exit codes.</summary>
internal static class CliApp
{
    public static readonly Option<bool> JsonOption = new("--json") { Description = "Write one JSON document to stdout instead of text.", Recursive = true };

    public static readonly Option<string?> DbOption = new("--db") { Description = "The SQLite database file (default ./partnerkarte.db; config Sqlite:Path).", Recursive = true };

    public static readonly Option<string?> AsOfOption = new("--as-of") { Description = "Score as of this instant instead of now, e.g. 2026-11-01 (config Sync:AsOf).", Recursive = true };

    public static RootCommand BuildRoot(CliEnvironment env)
    {
        var root = new RootCommand("partnerkarte — partner karte (パートナーカルテ): sample data, enrichment sync, kartes, reports and handover.");
        root.Options.Add(JsonOption);
        root.Options.Add(DbOption);
        root.Options.Add(AsOfOption);
        foreach (var flag in ConnectorFlags.All)
        {
            root.Options.Add(flag);
        }

        root.Subcommands.Add(DemoCommand.Create(env));
        root.Subcommands.Add(SyncCommand.Create(env));
        root.Subcommands.Add(KarteCommand.Create(env));
        root.Subcommands.Add(ReportCommand.Create(env));
        root.Subcommands.Add(HandoverCommand.Create(env));
        root.Subcommands.Add(DoctorCommand.Create(env));
        root.Subcommands.Add(ProvisionCommand.Create(env));
        root.Subcommands.Add(ImportCommand.Create(env));
        root.Subcommands.Add(MigrateCommand.Create(env));
        root.Subcommands.Add(ExportCommand.Create(env));
        root.Subcommands.Add(TargetCommand.Create(env));
        root.Subcommands.Add(FocusCommand.Create(env));
        root.Subcommands.Add(ReferralCommand.Create(env));
        root.Subcommands.Add(StrategyCommand.Create(env));
        root.Subcommands.Add(PrivacyCommand.Create(env));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var output = new CliOutput(env, parse.GetValue(JsonOption));
            output.WriteError("usage", string.Join(" ", parse.Errors.Select(e => e.Message)) + " (see --help)", ExitCodes.BadInput);
            return ExitCodes.BadInput;
        }

        if (parse.CommandResult.Command == root)
        {
            // No command: show the help and the commands, as a usage error.
            await parse.InvokeAsync(new InvocationConfiguration { Output = env.Out, Error = env.Error }, cancellationToken).ConfigureAwait(false);
            return args.Any(a => a is "--help" or "-h" or "-?" or "--version") ? ExitCodes.Ok : ExitCodes.BadInput;
        }

        // Ctrl+C and SIGTERM cancel the command's token; the command stops at its next checkpoint (within the timeout).
        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wraps a command body: builds the context and turns known failures into a message and an exit code.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Handler(CliEnvironment env, Func<CommandContext, ParseResult, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            var output = new CliOutput(env, parse.GetValue(JsonOption));
            CommandContext? context = null;
            try
            {
                context = CreateContext(env, parse, output, cancellationToken);
                return await body(context, parse).ConfigureAwait(false);
            }
            catch (ConfigurationValueException ex)
            {
                output.WriteError(ex.Code, ex.Message, ex.ExitCode, ex.Key);
                return ex.ExitCode;
            }
            catch (CliException ex)
            {
                output.WriteError(ex.Code, ex.Message, ex.ExitCode);
                return ex.ExitCode;
            }
            catch (SyncAlreadyRunningException ex)
            {
                output.WriteError("already-running", ex.Message, ExitCodes.AlreadyRunning);
                return ExitCodes.AlreadyRunning;
            }
            catch (CsvFormatException ex)
            {
                output.WriteError("input", ex.Message + " 何も取り込んでいません / nothing was imported.", ExitCodes.BadInput);
                return ExitCodes.BadInput;
            }
            catch (SqliteStoreException ex) when (ex.Problem is SqliteStoreProblem.Locked or SqliteStoreProblem.ReadOnly or SqliteStoreProblem.DiskFull)
            {
                output.WriteError("environment", ex.Message, ExitCodes.Environment);
                return ExitCodes.Environment;
            }
            catch (SqliteStoreException ex)
            {
                output.WriteError("database", ex.Message + " The file was left untouched.", ExitCodes.BadInput);
                return ExitCodes.BadInput;
            }
            catch (PostgreSqlStoreException ex) when (ex.Problem is PostgreSqlStoreProblem.Unavailable or PostgreSqlStoreProblem.DiskFull or PostgreSqlStoreProblem.PermissionDenied)
            {
                // The message names host, port, database and schema, never the connection string's password.
                output.WriteError(ex.Problem == PostgreSqlStoreProblem.Unavailable ? "unreachable" : "environment", ex.Message, ExitCodes.Environment);
                return ExitCodes.Environment;
            }
            catch (PostgreSqlStoreException ex)
            {
                output.WriteError("database", ex.Message, ExitCodes.BadInput);
                return ExitCodes.BadInput;
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                var store = context?.Settings.DatabasePath is { } file ? $" {file}" : "";
                output.WriteError("environment", $"The SQLite store{store} failed (SQLite error {ex.SqliteErrorCode}: {ex.Message}); what was committed before stays.", ExitCodes.Environment);
                return ExitCodes.Environment;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file we were asked to read or write, or the disk: the runtime's message names the path.
                output.WriteError("environment", ex.Message, ExitCodes.Environment);
                return ExitCodes.Environment;
            }
            catch (HttpRequestException ex)
            {
                // A CRM that cannot be reached (connection refused, unknown host, TLS failure) or answers with an HTTP error
                // the connector does not translate: one line naming the service, exit 3 (the environment, not the input).
                var message = Unreachable(parse, ex);
                output.WriteError("unreachable", message, ExitCodes.Environment);
                return ExitCodes.Environment;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested && ex.InnerException is TimeoutException)
            {
                output.WriteError("unreachable", $"The {ServiceName(parse)} did not answer within the request timeout; nothing more was sent. Check the URL and the network, then rerun.", ExitCodes.Environment);
                return ExitCodes.Environment;
            }
            catch (OptionsValidationException ex)
            {
                output.WriteError("config", string.Join(" ", ex.Failures), ExitCodes.BadInput);
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.WriteError("cancelled", "中断しました。確定済みのバッチはそのまま残り、次回の実行で再開します / cancelled; committed batches stay committed and the next run resumes.", ExitCodes.Cancelled);
                return ExitCodes.Cancelled;
            }
        };

    private static CommandContext CreateContext(CliEnvironment env, ParseResult parse, CliOutput output, CancellationToken cancellationToken)
    {
        var configuration = CliConfiguration.Load(env);
        var registry = ConnectorRegistry.CreateDefault();
        var settings = ConsoleSettings.Read(configuration, registry.Names, env);
        if (parse.GetValue(DbOption) is { Length: > 0 } db)
        {
            settings = settings with { DatabasePath = env.ResolvePath(db) };
        }

        if (parse.GetValue(AsOfOption) is { } asOf)
        {
            if (string.IsNullOrWhiteSpace(asOf))
            {
                throw CliException.BadInput("--as-of is empty; give a date or date-time such as 2026-11-01 or 2026-11-01T09:00:00+09:00, or leave the option out for now.");
            }

            settings = settings with
            {
                AsOf = CliConfiguration.ParseInstant(asOf) ?? throw CliException.BadInput($"--as-of: '{asOf}' is not a date or date-time such as 2026-11-01 or 2026-11-01T09:00:00+09:00 between {CliConfiguration.MinInstant:yyyy-MM-dd} and {CliConfiguration.MaxInstant:yyyy-MM-dd}."),
            };
        }

        return new CommandContext
        {
            Environment = env,
            Output = output,
            Configuration = configuration,
            Settings = settings,
            Connectors = registry,
            Flags = ConnectorFlags.From(parse),
            CancellationToken = cancellationToken,
        };
    }

    /// <summary>The one-line message for a CRM that could not be reached (the connectors' messages name the host, never a credential).</summary>
    internal static string Unreachable(ParseResult parse, HttpRequestException ex)
    {
        var detail = string.Join(' ', ex.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return detail.Contains("unreachable", StringComparison.OrdinalIgnoreCase)
            ? detail
            : $"The {ServiceName(parse)} is unreachable: {detail} Check the URL, DNS and the network, then rerun.";
    }

    /// <summary>"Salesforce org" / "Dataverse environment" from the command's connector options, or "CRM".</summary>
    internal static string ServiceName(ParseResult parse)
    {
        var names = new List<string>();
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] is "--connector" or "--to" or "--from")
            {
                names.Add(tokens[i + 1]);
            }
        }

        return names.Select(n => n.ToLowerInvariant()).FirstOrDefault(n => n is "salesforce" or "dataverse") switch
        {
            "salesforce" => "Salesforce org",
            "dataverse" => "Dataverse environment",
            _ => "CRM",
        };
    }
}
