using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>
/// Checks a handover after its plan was applied: successors present and active, no open item left with the
/// departing owner or rep, tasks created, brief complete. Every check is counted for the completeness score.
/// </summary>
public static class HandoverChecker
{
    /// <summary>Checks a handover.</summary>
    /// <param name="after">The kartes after applying the plan.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="brief">The brief, or null when none was produced (a blocker).</param>
    /// <param name="waiver">A waiver accepting the blockers, if any.</param>
    /// <returns>The result.</returns>
    public static HandoverResult Check(KarteDataSet after, HandoverPlan plan, HandoverBrief? brief, HandoverWaiver? waiver = null)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(plan);
        var blockers = new List<HandoverBlocker>();
        var passed = 0;
        var total = 0;
        void Count(bool ok)
        {
            total++;
            passed += ok ? 1 : 0;
        }

        foreach (var issue in plan.Issues)
        {
            // Re-check inactive users against the current team: the member may have been reactivated since planning.
            if (issue.Kind == HandoverBlockerKind.InactiveSuccessor && issue.Item.StartsWith("user:", StringComparison.Ordinal) &&
                after.TeamMembers.Any(m => m.Active && "user:" + m.Id.Value == issue.Item))
            {
                Count(true);
                continue;
            }

            blockers.Add(issue);
            Count(false);
        }

        var tasks = new HashSet<string>(after.Tasks.Select(t => t.Id), StringComparer.Ordinal);
        foreach (var task in plan.Operations.OfType<CreateTask>())
        {
            var ok = tasks.Contains(task.Task.Id);
            Count(ok);
            if (!ok)
            {
                blockers.Add(new HandoverBlocker(HandoverBlockerKind.TaskMissing, $"task:{task.Task.Id}", new($"タスク未作成: {task.Task.Subject}", $"Task not created: {task.Task.Id}")));
            }
        }

        var left = plan.Kind == HandoverKind.OwnerDeparture && plan.DepartingUser is { } u ? LeftWithOwner(after, u)
            : plan.DepartingRep is { } r ? LeftWithRep(after, r)
            : [];
        var reassignments = plan.Operations.Count(o => o is not (CreateTask or FlagKeyPersonRisk));
        for (var i = 0; i < reassignments; i++)
        {
            Count(true);
        }

        foreach (var item in left)
        {
            Count(false);
            blockers.Add(new HandoverBlocker(HandoverBlockerKind.OpenItemLeftWithDepartingOwner, item,
                new($"{item} が退任者に残っています", $"{item} is still with {plan.Subject}")));
        }

        if (brief is null)
        {
            Count(false);
            blockers.Add(new HandoverBlocker(HandoverBlockerKind.BriefItemMissing, "brief", new("引き継ぎブリーフがありません", "No handover brief")));
        }
        else
        {
            Count(true);
            foreach (var m in brief.MissingItems)
            {
                Count(false);
                blockers.Add(new HandoverBlocker(HandoverBlockerKind.BriefItemMissing, m, new($"ブリーフの必須項目が不足: {m}", $"Required brief item missing: {m}")));
            }
        }

        return new HandoverResult
        {
            Blockers = blockers,
            Completeness = total == 0 ? 100 : 100.0 * passed / total,
            Waiver = waiver,
        };
    }

    /// <summary>Open items still owned by a departing manager: companies, reps, open proposals and open next actions.</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="owner">The manager.</param>
    /// <returns>Item references such as <c>proposal:p1</c>, in a stable order.</returns>
    internal static IReadOnlyList<string> LeftWithOwner(KarteDataSet data, UserId owner)
    {
        ArgumentNullException.ThrowIfNull(data);
        return
        [
            .. data.Companies.Where(c => c.OwnerId == owner).Select(c => $"company:{c.Id}").Order(StringComparer.Ordinal),
            .. data.Reps.Where(r => r.OwnerId == owner).Select(r => $"rep:{r.Id}").Order(StringComparer.Ordinal),
            .. data.Proposals.Where(p => p.Outcome == ProposalOutcome.Open && p.OwnerId == owner).Select(p => $"proposal:{p.Id}").Order(StringComparer.Ordinal),
            .. data.Interactions.Where(i => i.NextAction is { IsOpen: true } a && a.Owner == owner).Select(i => $"next-action:{i.Id}").Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>Open items still with a departing rep: open proposals, open next actions, and a still-current employment episode.</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="rep">The rep.</param>
    /// <returns>Item references, in a stable order.</returns>
    internal static IReadOnlyList<string> LeftWithRep(KarteDataSet data, RepId rep)
    {
        ArgumentNullException.ThrowIfNull(data);
        var items = new List<string>();
        if (data.Reps.FirstOrDefault(r => r.Id == rep) is { } karte && (karte.Status == RepStatus.Active || karte.Employment.Any(e => e.IsCurrent)))
        {
            items.Add($"employment:{rep}");
        }

        items.AddRange(data.Proposals.Where(p => p.Outcome == ProposalOutcome.Open && p.RepId == rep).Select(p => $"proposal:{p.Id}").Order(StringComparer.Ordinal));
        items.AddRange(data.Interactions.Where(i => i.NextAction is { IsOpen: true } a && (a.RepId ?? i.RepId) == rep).Select(i => $"next-action:{i.Id}").Order(StringComparer.Ordinal));
        return items;
    }
}
