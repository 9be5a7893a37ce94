using System.CommandLine;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Console.Cli;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// <c>provision --connector dataverse</c>: creates the <c>pk_</c> columns and the <c>pk_externalid</c> alternate keys the connector
/// needs, through the Web API (System Customizer rights). What exists is left alone, so it is safe to run again.
/// </summary>
internal static class ProvisionCommand
{
    private static readonly Option<string?> ConnectorOption = new("--connector") { Description = "The CRM to prepare: dataverse." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("provision", "Create the columns and alternate keys PartnerKarte needs in the CRM (idempotent).") { ConnectorOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var name = parse.GetValue(ConnectorOption) ?? ctx.Settings.Connector;
        if (!string.Equals(name, "dataverse", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.BadInput($"provision --connector: '{name}' has nothing to provision here; use --connector dataverse (Salesforce fields ship as metadata, SQLite creates its own schema).");
        }

        using var connector = (DataverseConnector)ctx.CreateConnector("dataverse");
        IReadOnlyList<string> created;
        try
        {
            created = await ctx.Output.WithProgressAsync("プロビジョニング (provision)", async _ => await connector.ProvisionAsync(ctx.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            await connector.ValidateMappingAsync(ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (CrmRequestException e)
        {
            throw new CliException(ExitCodes.PartialFailure, "provision-failed", "Provisioning failed: " + e.Message + " (the account needs the System Customizer role).");
        }
        catch (DataverseConfigurationException e)
        {
            // A metadata problem provisioning cannot fix (a key index still building or failed, a column of another type).
            throw new CliException(ExitCodes.BadInput, "metadata", "After provisioning the mapping still does not validate: " + string.Join(" ", e.Problems));
        }

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new { ok = true, created });
        }
        else if (created.Count == 0)
        {
            ctx.Output.Console.MarkupLine("[green]変更なし / nothing to create[/]: every column and key already exists; the mapping validates.");
        }
        else
        {
            ctx.Output.Console.MarkupLine($"[green]作成 / created {created.Count}[/]; the mapping validates:");
            foreach (var item in created)
            {
                ctx.Output.Console.MarkupLine("  " + Markup.Escape(item));
            }
        }

        return ExitCodes.Ok;
    }
}
