using System.CommandLine;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Commands;

/// <summary><c>handover --from ID --to ID [--apply]</c>: plans (and applies) a handover with the handover planner.</summary>
internal static class HandoverCommand
{
    private static readonly Option<string> FromOption = new("--from") { Description = "Who leaves: our team member (U-03) or a partner rep (R-00012).", Required = true };
    private static readonly Option<string> ToOption = new("--to") { Description = "The successor: a team member or a rep of the same kind.", Required = true };
    private static readonly Option<bool> ApplyOption = new("--apply") { Description = "Apply the plan to the store (default: preview only)." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("handover", "Plan a handover (引き継ぎ) from one owner or rep to a successor; --apply writes it.") { FromOption, ToOption, ApplyOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        _ = ctx;
        _ = parse;
        throw CliException.NotAvailable("The handover planner (HandoverPlanner)");
    }
}
