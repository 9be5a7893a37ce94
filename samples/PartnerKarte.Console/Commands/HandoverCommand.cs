using System.CommandLine;
using System.Globalization;
using PartnerKarte.Console.Cli;
using PartnerKarte.Handover;
using PartnerKarte.Karte;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary><c>handover --from ID --to ID [--apply]</c>: plans (and applies) a handover with the handover planner.</summary>
internal static class HandoverCommand
{
    private static readonly Option<string> FromOption = new("--from") { Description = "Who leaves: our team member (U-03) or a partner rep (R-00012).", Required = true };
    private static readonly Option<string?> ToOption = new("--to") { Description = "The successor: a team member or a rep of the same kind. Omit it to see suggested successors with reasons (後任候補) — a preview, the plan then follows the rules (same team, lowest load; or the best-fitting rep)." };
    private static readonly Option<bool> ApplyOption = new("--apply") { Description = "Apply the plan to the store (default: preview only). A plan with open issues (課題) is not applied unless --waive gives a reason." };
    private static readonly Option<string?> WaiveOption = new("--waive") { Description = "Apply despite the plan's issues, for this reason (recorded with the run), e.g. --waive \"後任は来週着任のため\"." };
    private static readonly Option<string?> BriefOption = new("--brief") { Description = "Write the handover brief (引き継ぎブリーフ) as Japanese Markdown to this file, e.g. --brief brief.md (never overwrites)." };
    private static readonly Option<string?> KindOption = new("--kind") { Description = "For a partner rep: transfer (異動) or leave (退職, the default)." };
    private static readonly Option<string?> ApprovedByOption = new("--approved-by") { Description = "Who accepts the issues with --waive (default: the USER environment variable)." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("handover", "Plan a handover (引き継ぎ) from one owner or rep to a successor; --apply writes it.") { FromOption, ToOption, ApplyOption, WaiveOption, ApprovedByOption, BriefOption, KindOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var from = parse.GetValue(FromOption)!.Trim();
        var to = parse.GetValue(ToOption)?.Trim();
        if (from.Length == 0 || to is { Length: 0 } || string.Equals(from, to, StringComparison.Ordinal))
        {
            throw CliException.BadInput("--from and --to must name two different people (a team member such as U-03, or a partner rep such as R-00012).");
        }

        if (to is null && parse.GetValue(ApplyOption))
        {
            throw CliException.BadInput("--apply needs --to: choose the successor from the suggestions (後任候補) first.");
        }

        var store = ctx.OpenStore();

        // The store's roster of our team (or, for a store without one, everyone who owns something): who can take over.
        var data = KarteLoader.WithOwnersAsTeam(await KarteLoader.LoadAllAsync(store, ctx.CancellationToken).ConfigureAwait(false));
        var people = People.Of(data);
        var asOf = ctx.AsOf;
        var effectiveOn = DateOnly.FromDateTime(asOf.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var trust = (Engines.ScoreAll(data, asOf) ?? []).ToDictionary(s => s.RepId);
        var newStatus = parse.GetValue(KindOption)?.Trim().ToLowerInvariant() switch
        {
            null or "leave" => RepStatus.Left,
            "transfer" => RepStatus.Transferred,
            var other => throw CliException.BadInput($"--kind: '{other}' is not transfer or leave."),
        };
        var plan = Plan(data, from, to, effectiveOn, trust, newStatus);
        string? briefPath = null;
        if (parse.GetValue(BriefOption) is { Length: > 0 } brief)
        {
            briefPath = ctx.Environment.ResolvePath(brief);
            var markdown = HandoverBriefMarkdown.Render(HandoverBriefBuilder.Build(data, plan, trust, asOf), plan, asOf, people);
            var stream = new FileStream(briefPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                await writer.WriteAsync(markdown.AsMemory(), ctx.CancellationToken).ConfigureAwait(false);
            }
        }

        var operations = ToConnectorOperations(plan, from, to ?? "auto");
        var suggestions = to is null ? Successors.Suggest(data, plan, from, people) : [];

        // Blockers block: a plan with issues is applied only with an explicit, recorded waiver.
        var waiver = Waiver(ctx, parse);
        var blocked = parse.GetValue(ApplyOption) && plan.Issues.Count > 0 && waiver is null;
        var apply = parse.GetValue(ApplyOption) && !blocked;
        IReadOnlyList<ConnectorOperationResult> results = [];
        if (apply && operations.Count > 0)
        {
            results = await store.ApplyOperationsAsync([.. operations.Select(o => o.Operation!)], ctx.CancellationToken).ConfigureAwait(false);
        }

        var failed = results.Count(r => !r.Succeeded);
        var exit = blocked ? ExitCodes.BadInput : failed == 0 ? ExitCodes.Ok : ExitCodes.PartialFailure;
        var blockedMessage = $"課題が {plan.Issues.Count} 件あるため適用しませんでした。解消するか、--waive \"理由\" で承認して再実行してください / "
            + $"not applied: the plan has {plan.Issues.Count} issue(s); resolve them, or accept them with --waive \"reason\".";
        if (ctx.Output.Json)
        {
            var byId = results.ToDictionary(r => r.OperationId, StringComparer.Ordinal);
            ctx.Output.WriteJson(new
            {
                ok = exit == ExitCodes.Ok,
                exitCode = exit,
                applied = apply,
                blocked,
                brief = briefPath,
                error = blocked ? blockedMessage : null,
                waiver = waiver is null ? null : new { waiver.ApprovedBy, waiver.Reason, waiver.At },
                plan = new
                {
                    kind = plan.Kind,
                    plan.Subject,
                    effectiveOn = plan.EffectiveOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    successorRep = plan.SuccessorRep?.Value,
                    suggestedSuccessors = suggestions.Select(c => new { c.Id, c.Name, c.Score, reasons = c.Reasons.Select(r => new { ja = r.Ja, en = r.En }) }),
                    operations = operations.Select(o => new
                    {
                        operationId = o.Operation?.OperationId,
                        ja = people.Humanize(o.Source.Describe().Ja),
                        en = people.Humanize(o.Source.Describe().En),
                        status = o.Operation is null ? "not-applicable" : byId.TryGetValue(o.Operation.OperationId, out var r) ? r.Status.ToString() : "planned",
                        error = o.Operation is not null && byId.TryGetValue(o.Operation.OperationId, out var e) && !e.Succeeded ? e.Message : o.Note,
                    }),
                    issues = plan.Issues.Select(i => new { kind = i.Kind, i.Item, ja = people.Humanize(i.Message.Ja), en = people.Humanize(i.Message.En) }),
                },
                summary = new
                {
                    planned = operations.Count,
                    applied = results.Count(r => r.Status == ConnectorOperationStatus.Applied),
                    alreadyApplied = results.Count(r => r.Status == ConnectorOperationStatus.AlreadyApplied),
                    failed,
                },
            });
        }
        else
        {
            Print(ctx.Output, plan, operations, results, apply, people);
            Successors.Print(ctx.Output, suggestions);
            if (waiver is not null && plan.Issues.Count > 0)
            {
                ctx.Output.Console.MarkupLine(Markup.Escape($"課題を承認して適用 (issues waived) by {waiver.ApprovedBy}: {waiver.Reason}"));
            }

            if (briefPath is not null)
            {
                ctx.Output.Console.MarkupLine(Markup.Escape($"引き継ぎブリーフを書き出しました (brief written): {briefPath}"));
            }

            if (blocked)
            {
                ctx.Environment.Error.WriteLine("error: " + blockedMessage);
            }
        }

        return exit;
    }

    private static HandoverWaiver? Waiver(CommandContext ctx, ParseResult parse)
    {
        if (parse.GetValue(WaiveOption) is not { } reason)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw CliException.BadInput("--waive needs a reason, e.g. --waive \"後任は来週着任のため\".");
        }

        var approvedBy = parse.GetValue(ApprovedByOption) is { Length: > 0 } who ? who
            : ctx.Environment.Variables.TryGetValue("USER", out var user) && !string.IsNullOrWhiteSpace(user) ? user
            : throw CliException.BadInput("--waive: say who accepts the issues with --approved-by NAME.");
        return new HandoverWaiver(approvedBy.Trim(), reason.Trim(), ctx.Clock.GetUtcNow());
    }

    private static HandoverPlan Plan(KarteDataSet data, string from, string? to, DateOnly effectiveOn, IReadOnlyDictionary<RepId, Scoring.TrustScore> trust, RepStatus newStatus)
    {
        var planner = new HandoverPlanner();
        var isRep = data.Reps.Any(r => r.Id.Value == from);
        try
        {
            if (isRep)
            {
                if (to is not null && !data.Reps.Any(r => r.Id.Value == to))
                {
                    throw CliException.BadInput($"--to {to}: no partner rep with this id; a rep's successor must be a rep (R-…).");
                }

                return planner.PlanRepDeparture(data, new RepDepartureRequest { RepId = new RepId(from), EffectiveOn = effectiveOn, Successor = to is null ? null : new RepId(to), NewStatus = newStatus }, trust);
            }

            if (from.StartsWith("R-", StringComparison.OrdinalIgnoreCase))
            {
                throw CliException.BadInput($"--from {from}: no partner rep with this id.");
            }

            // Our accounts go to one of us: a partner rep or company as successor would hand them outside the team.
            if (data.Reps.Any(r => r.Id.Value == to) || data.Companies.Any(c => c.Id.Value == to))
            {
                throw CliException.BadInput($"--to {to}: this is a partner rep or company, not a member of our team; the successor of {from} must be one of us (U-…).");
            }

            return planner.PlanOwnerDeparture(data, new OwnerDepartureRequest { Departing = new UserId(from), EffectiveOn = effectiveOn, DefaultSuccessor = to is null ? null : new UserId(to) }, trust);
        }
        catch (HandoverSubjectNotFoundException ex)
        {
            throw CliException.BadInput(ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw CliException.BadInput(ex.Message, ex);
        }
    }

    /// <summary>
    /// The plan in connector terms. Operation ids name the handover and the change (not a position in the plan), so
    /// rerunning the same handover finds what was applied and applies nothing twice.
    /// </summary>
    internal static IReadOnlyList<PlannedOperation> ToConnectorOperations(HandoverPlan plan, string from, string to)
    {
        var prefix = $"handover:{plan.EffectiveOn:yyyyMMdd}:{from}>{to}";
        var list = new List<PlannedOperation>(plan.Operations.Count);
        foreach (var op in plan.Operations)
        {
            list.Add(op switch
            {
                ReassignCompanyOwner o => new(op, ConnectorOperation.ChangeOwner($"{prefix}:owner:company:{o.CompanyId.Value}", KarteRecordKind.Company, o.CompanyId.Value, o.To)),
                ReassignRepOwner o => new(op, ConnectorOperation.ChangeOwner($"{prefix}:owner:rep:{o.RepId.Value}", KarteRecordKind.Rep, o.RepId.Value, o.To)),
                ReassignProposalOwner o => new(op, ConnectorOperation.ChangeOwner($"{prefix}:owner:proposal:{o.ProposalId.Value}", KarteRecordKind.Proposal, o.ProposalId.Value, o.To)),
                ReassignNextActionOwner o => new(op, ConnectorOperation.ChangeOwner($"{prefix}:owner:next-action:{o.InteractionId.Value}", KarteRecordKind.Interaction, o.InteractionId.Value, o.To)),
                ReassignProposalRep o => new(op, ConnectorOperation.ReassignRep($"{prefix}:rep:proposal:{o.ProposalId.Value}", KarteRecordKind.Proposal, o.ProposalId.Value, o.To)),
                ReassignNextActionRep o => new(op, ConnectorOperation.ReassignRep($"{prefix}:rep:next-action:{o.InteractionId.Value}", KarteRecordKind.Interaction, o.InteractionId.Value, o.To)),
                CloseEmploymentEpisode o => new(op, ConnectorOperation.CloseEmployment($"{prefix}:close:{o.RepId.Value}", o.RepId, o.LastDay, o.NewStatus)),
                CreateTask { Task.AssigneeId: { } assignee } o => new(op, ConnectorOperation.CreateTask(
                    o.Task.Id,
                    o.Task.RepId is { } rep ? KarteRecordKind.Rep : KarteRecordKind.Company,
                    o.Task.RepId?.Value ?? o.Task.CompanyId?.Value ?? string.Empty,
                    assignee,
                    o.Task.Subject,
                    o.Task.Due,
                    o.Task.Description)),
                CreateTask => new(op, null, "The task has no assignee; create it by hand."),
                _ => new(op, null, "Shown for information; there is nothing to write."),
            });
        }

        return list;
    }

    private static void Print(CliOutput output, HandoverPlan plan, IReadOnlyList<PlannedOperation> operations, IReadOnlyList<ConnectorOperationResult> results, bool apply, People people)
    {
        var console = output.Console;
        var byId = results.ToDictionary(r => r.OperationId, StringComparer.Ordinal);
        var subject = plan.DepartingUser is { } user ? $"{people.Name(user)}（{user.Value}）" : plan.Subject;
        console.MarkupLine($"[bold]引き継ぎ計画 (handover plan)[/]: {Markup.Escape(subject)}  効力日 {plan.EffectiveOn:yyyy-MM-dd}");
        if (plan.SuccessorRep is { } successor)
        {
            console.MarkupLine($"後任担当者 (successor rep): {Markup.Escape(successor.Value)}");
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("#");
        table.AddColumn("操作 / operation");
        table.AddColumn("状態 / status");
        var n = 1;
        foreach (var o in operations)
        {
            var status = o.Operation is null ? $"[grey]{Markup.Escape(o.Note ?? "info")}[/]"
                : !apply ? "予定 planned"
                : byId.TryGetValue(o.Operation.OperationId, out var r) ? r.Status switch
                {
                    ConnectorOperationStatus.Applied => "[green]適用 applied[/]",
                    ConnectorOperationStatus.AlreadyApplied => "適用済 already applied",
                    _ => $"[red]失敗 failed[/] {Markup.Escape(r.Message ?? r.ErrorCode ?? string.Empty)}",
                }
                : "—";
            var text = o.Source.Describe();
            table.AddRow((n++).ToString(CultureInfo.InvariantCulture), Markup.Escape($"{people.Humanize(text.Ja)}\n{people.Humanize(text.En)}"), status);
        }

        console.Write(table);
        if (operations.Count == 0)
        {
            console.MarkupLine("引き継ぐものはありません (nothing to hand over).");
        }

        foreach (var issue in plan.Issues)
        {
            console.MarkupLine($"[yellow]課題 (issue)[/] {Markup.Escape(people.Humanize(issue.Message.Ja))} / {Markup.Escape(people.Humanize(issue.Message.En))}");
        }

        console.MarkupLine(apply
            ? $"適用 {results.Count(r => r.Status == ConnectorOperationStatus.Applied)} 件、適用済 {results.Count(r => r.Status == ConnectorOperationStatus.AlreadyApplied)} 件、失敗 {results.Count(r => !r.Succeeded)} 件 (applied / already applied / failed)."
            : "プレビューのみ: 何も書き込んでいません。--apply で適用します (preview only; nothing written — add --apply).");
    }

    /// <summary>A plan operation and its connector form (<see langword="null"/> when there is nothing to write).</summary>
    internal sealed record PlannedOperation(HandoverOperation Source, ConnectorOperation? Operation, string? Note = null);
}
