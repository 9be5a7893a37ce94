using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>
/// Applies a <see cref="HandoverPlan"/> to an in-memory karte, returning a new data set (the input is not
/// changed). Idempotent: an operation whose target state is already in place is reported as unchanged, and a
/// task whose id already exists is not created again, so applying a plan twice changes nothing the second time.
/// An operation whose record changed since planning (the <c>From</c> value no longer matches) is reported as a
/// conflict and not applied.
/// </summary>
public static class HandoverApplier
{
    /// <summary>The company custom item (tags) listing reps flagged as key persons by a handover.</summary>
    internal const string KeyPersonRiskItemKey = "key_person_risk";

    /// <summary>Applies a plan.</summary>
    /// <param name="data">The current kartes.</param>
    /// <param name="plan">The plan.</param>
    /// <returns>The new kartes and what happened.</returns>
    public static HandoverApplication Apply(KarteDataSet data, HandoverPlan plan)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        var companies = data.Companies.ToArray();
        var reps = data.Reps.ToArray();
        var proposals = data.Proposals.ToArray();
        var interactions = data.Interactions.ToArray();
        var tasks = data.Tasks.ToList();
        var companyAt = IndexOf(companies, c => c.Id);
        var repAt = IndexOf(reps, r => r.Id);
        var proposalAt = IndexOf(proposals, p => p.Id);
        var interactionAt = IndexOf(interactions, i => i.Id);
        var taskIds = new HashSet<string>(tasks.Select(t => t.Id), StringComparer.Ordinal);
        var created = new List<KarteTask>();
        var applied = new List<HandoverOperation>();
        var unchanged = new List<HandoverOperation>();
        var conflicts = new List<HandoverConflict>();

        void Outcome(HandoverOperation op, string? conflict, bool changed)
        {
            if (conflict is not null)
            {
                conflicts.Add(new HandoverConflict(op, conflict));
            }
            else
            {
                (changed ? applied : unchanged).Add(op);
            }
        }

        foreach (var op in plan.Operations)
        {
            bool changed;
            string? conflict;
            switch (op)
            {
                case ReassignCompanyOwner o:
                    if (!companyAt.TryGetValue(o.CompanyId, out var ci))
                    {
                        Outcome(op, $"company {o.CompanyId} not found", false);
                        break;
                    }

                    conflict = Check(companies[ci].OwnerId, o.From, o.To, out changed);
                    if (changed)
                    {
                        companies[ci] = companies[ci] with { OwnerId = o.To };
                    }

                    Outcome(op, conflict, changed);
                    break;
                case ReassignRepOwner o:
                    if (!repAt.TryGetValue(o.RepId, out var ri))
                    {
                        Outcome(op, $"rep {o.RepId} not found", false);
                        break;
                    }

                    conflict = Check(reps[ri].OwnerId, o.From, o.To, out changed);
                    if (changed)
                    {
                        reps[ri] = reps[ri] with { OwnerId = o.To };
                    }

                    Outcome(op, conflict, changed);
                    break;
                case ReassignProposalOwner o:
                    if (!proposalAt.TryGetValue(o.ProposalId, out var pi))
                    {
                        Outcome(op, $"proposal {o.ProposalId} not found", false);
                        break;
                    }

                    conflict = Check(proposals[pi].OwnerId, o.From, o.To, out changed);
                    if (changed)
                    {
                        proposals[pi] = proposals[pi] with { OwnerId = o.To };
                    }

                    Outcome(op, conflict, changed);
                    break;
                case ReassignProposalRep o:
                    if (!proposalAt.TryGetValue(o.ProposalId, out var pj))
                    {
                        Outcome(op, $"proposal {o.ProposalId} not found", false);
                        break;
                    }

                    conflict = Check(proposals[pj].RepId, o.From, o.To, out changed);
                    if (changed)
                    {
                        proposals[pj] = proposals[pj] with { RepId = o.To };
                    }

                    Outcome(op, conflict, changed);
                    break;
                case ReassignNextActionOwner o:
                    if (!interactionAt.TryGetValue(o.InteractionId, out var ii) || interactions[ii].NextAction is not { } na)
                    {
                        Outcome(op, $"next action of interaction {o.InteractionId} not found", false);
                        break;
                    }

                    conflict = Check(na.Owner, o.From, o.To, out changed);
                    if (changed)
                    {
                        interactions[ii] = interactions[ii] with { NextAction = na with { Owner = o.To } };
                    }

                    Outcome(op, conflict, changed);
                    break;
                case ReassignNextActionRep o:
                    if (!interactionAt.TryGetValue(o.InteractionId, out var ij) || interactions[ij].NextAction is not { } nb)
                    {
                        Outcome(op, $"next action of interaction {o.InteractionId} not found", false);
                        break;
                    }

                    conflict = Check(nb.RepId ?? interactions[ij].RepId, o.From, o.To, out changed);
                    if (changed)
                    {
                        interactions[ij] = interactions[ij] with { NextAction = nb with { RepId = o.To } };
                    }

                    Outcome(op, conflict, changed);
                    break;
                case CloseEmploymentEpisode o:
                    if (!repAt.TryGetValue(o.RepId, out var rk))
                    {
                        Outcome(op, $"rep {o.RepId} not found", false);
                        break;
                    }

                    var rep = reps[rk];
                    changed = rep.Status != o.NewStatus || rep.Employment.Any(e => e.IsCurrent);
                    if (changed)
                    {
                        // Close, never delete: the episode keeps its company, title and department.
                        var episodes = rep.Employment.Select(e => e.IsCurrent ? e with { To = e.From > o.LastDay ? e.From : o.LastDay } : e).ToArray();
                        reps[rk] = rep with { Status = o.NewStatus, Employment = episodes };
                    }

                    Outcome(op, null, changed);
                    break;
                case CreateTask o:
                    changed = taskIds.Add(o.Task.Id);
                    if (changed)
                    {
                        tasks.Add(o.Task);
                        created.Add(o.Task);
                    }

                    Outcome(op, null, changed);
                    break;
                case FlagKeyPersonRisk o:
                    if (!companyAt.TryGetValue(o.Risk.CompanyId, out var ck))
                    {
                        Outcome(op, $"company {o.Risk.CompanyId} not found", false);
                        break;
                    }

                    var company = companies[ck];
                    var flagged = company.CustomItems.TryGetValue(KeyPersonRiskItemKey, out var v) ? v.Items : [];
                    changed = !flagged.Contains(o.Risk.RepId.Value, StringComparer.Ordinal);
                    if (changed)
                    {
                        var items = new Dictionary<string, KarteValue>(company.CustomItems, StringComparer.Ordinal)
                        {
                            [KeyPersonRiskItemKey] = KarteValue.FromItems([.. flagged, o.Risk.RepId.Value]),
                        };
                        companies[ck] = company with { CustomItems = items };
                    }

                    Outcome(op, null, changed);
                    break;
                default:
                    Outcome(op, $"unknown operation {op.GetType().Name}", false);
                    break;
            }
        }

        var result = data with { Companies = companies, Reps = reps, Proposals = proposals, Interactions = interactions, Tasks = tasks };

        return new HandoverApplication(result, created, applied, unchanged, conflicts);
    }

    // Null when the operation may proceed; changed tells whether it has anything to do.
    private static string? Check<T>(T? current, T? expected, T to, out bool changed)
        where T : struct, IEquatable<T>
    {
        changed = false;
        if (current is { } c && c.Equals(to))
        {
            return null;
        }

        if (!Nullable.Equals(current, expected))
        {
            return $"is {current?.ToString() ?? "(none)"}, expected {expected?.ToString() ?? "(none)"}";
        }

        changed = true;
        return null;
    }

    private static Dictionary<TKey, int> IndexOf<T, TKey>(T[] items, Func<T, TKey> key)
        where TKey : notnull
    {
        var d = new Dictionary<TKey, int>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            d.TryAdd(key(items[i]), i);
        }

        return d;
    }
}
