using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>
/// Plans handovers as pure functions of the karte, the trust scores and the request: nothing is changed until
/// the plan is applied (<see cref="HandoverApplier"/>). Items are visited in ordinal id order, so the same input
/// always gives the same plan, and task ids are derived from the handover (e.g. <c>handover:u1:introduce:r7</c>).
/// </summary>
public sealed class HandoverPlanner
{
    private readonly HandoverOptions _options;

    /// <summary>Creates a planner.</summary>
    /// <param name="options">Rules and thresholds; defaults when null.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is invalid.</exception>
    public HandoverPlanner(HandoverOptions? options = null)
    {
        _options = options ?? new HandoverOptions();
        _options.Validate();
    }

    /// <summary>
    /// Plans the departure of our partner manager: every company, rep, open proposal and open next action they own
    /// gets a successor — the explicit one for the company, else the company's other owner, else
    /// <see cref="OwnerDepartureRequest.DefaultSuccessor"/>, else the active member of the same team with the
    /// lowest load (companies + reps + open proposals owned, counting what this plan already gave them). Reps whose
    /// contact sits mostly with the departing manager get an "introduce the successor" task.
    /// </summary>
    /// <param name="data">The kartes.</param>
    /// <param name="request">Who leaves, when, and explicit successors.</param>
    /// <param name="trust">Trust scores by rep (used in task descriptions).</param>
    /// <returns>The plan.</returns>
    public HandoverPlan PlanOwnerDeparture(KarteDataSet data, OwnerDepartureRequest request, IReadOnlyDictionary<RepId, TrustScore> trust)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trust);
        var departing = request.Departing;
        var members = new Dictionary<UserId, TeamMember>();
        foreach (var m in data.TeamMembers)
        {
            members.TryAdd(m.Id, m);
        }

        var reps = Index(data.Reps, r => r.Id);
        var companies = Index(data.Companies, c => c.Id);
        var noCompany = new CompanyId(string.Empty);
        CompanyId CompanyOfRep(RepId id) => reps.TryGetValue(id, out var r) ? r.CompanyId : noCompany;

        // Items the departing manager owns, grouped by partner company so one company stays with one successor.
        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        Group G(CompanyId c)
        {
            if (!groups.TryGetValue(c.Value, out var g))
            {
                groups[c.Value] = g = new Group(c);
            }

            return g;
        }

        foreach (var c in companies.Values.Where(c => c.OwnerId == departing))
        {
            G(c.Id).Company = true;
        }

        foreach (var r in reps.Values.Where(r => r.OwnerId == departing))
        {
            G(r.CompanyId).Reps.Add(r.Id);
        }

        foreach (var p in data.Proposals.Where(p => p.Outcome == ProposalOutcome.Open && p.OwnerId == departing))
        {
            G(p.CompanyId).Proposals.Add(p.Id);
        }

        foreach (var i in data.Interactions.Where(i => i.NextAction is { IsOpen: true } a && a.Owner == departing))
        {
            G(CompanyOfRep(i.NextAction!.RepId ?? i.RepId)).Actions.Add(i.Id);
        }

        // Load of each member, updated as the plan assigns items.
        var load = new Dictionary<UserId, int>();
        void AddLoad(UserId? u, int n)
        {
            if (u is { } id)
            {
                load[id] = load.GetValueOrDefault(id) + n;
            }
        }

        foreach (var c in companies.Values)
        {
            AddLoad(c.OwnerId, 1);
        }

        foreach (var r in reps.Values)
        {
            AddLoad(r.OwnerId, 1);
        }

        foreach (var p in data.Proposals.Where(p => p.Outcome == ProposalOutcome.Open))
        {
            AddLoad(p.OwnerId, 1);
        }

        var team = members.TryGetValue(departing, out var me) ? me.Team : null;
        var pool = members.Values
            .Where(m => m.Active && m.Id != departing && (team is null || string.Equals(m.Team, team, StringComparison.Ordinal)))
            .Select(m => m.Id).OrderBy(id => id.Value, StringComparer.Ordinal).ToArray();

        var ops = new List<HandoverOperation>();
        var issues = new List<HandoverBlocker>();
        var successorOf = new Dictionary<string, UserId>(StringComparer.Ordinal);
        foreach (var (key, g) in groups)
        {
            var items = (g.Company ? 1 : 0) + g.Reps.Count + g.Proposals.Count + g.Actions.Count;
            UserId? successor = null;
            if (request.Successors.TryGetValue(g.CompanyId, out var explicitSuccessor))
            {
                successor = explicitSuccessor;
            }
            else if (companies.TryGetValue(g.CompanyId, out var co) && co.OwnerId is { } other && other != departing && IsActive(members, other))
            {
                successor = other;
            }
            else if (request.DefaultSuccessor is { } d)
            {
                successor = d;
            }
            else if (pool.Length > 0)
            {
                successor = pool.MinBy(u => (load.GetValueOrDefault(u), u.Value), LoadComparer.Instance);
            }

            var item = key.Length == 0 ? "company:(unknown)" : $"company:{key}";
            if (successor is not { } to)
            {
                issues.Add(new HandoverBlocker(HandoverBlockerKind.NoSuccessor, item,
                    new($"{Name(companies, g.CompanyId)} の後任が決まっていません（{items}件）", $"No successor for {Name(companies, g.CompanyId)} ({items} items)")));
                continue;
            }

            if (to == departing)
            {
                issues.Add(new HandoverBlocker(HandoverBlockerKind.NoSuccessor, item,
                    new($"{Name(companies, g.CompanyId)} の後任が退任者本人です", $"The successor for {Name(companies, g.CompanyId)} is the departing manager")));
                continue;
            }

            // Without a roster of our team (a store that keeps none) membership cannot be checked, and saying
            // "not a team member" about everyone would bury the real blockers.
            if (members.Count > 0 && !IsActive(members, to))
            {
                issues.Add(new HandoverBlocker(HandoverBlockerKind.InactiveSuccessor, $"user:{to}",
                    new($"後任 {to} は有効なチームメンバーではありません", $"Successor {to} is not an active team member")));
            }

            successorOf[key] = to;
            AddLoad(to, items);
            if (g.Company)
            {
                ops.Add(new ReassignCompanyOwner(g.CompanyId, departing, to));
            }

            ops.AddRange(g.Reps.Order(IdOrder<RepId>.Instance).Select(r => new ReassignRepOwner(r, departing, to)));
            ops.AddRange(g.Proposals.Order(IdOrder<ProposalId>.Instance).Select(p => new ReassignProposalOwner(p, departing, to)));
            ops.AddRange(g.Actions.Order(IdOrder<InteractionId>.Instance).Select(a => new ReassignNextActionOwner(a, departing, to)));
        }

        // Reps whose contact (and so trust) sits with the departing manager: introduce the successor in person.
        var from = request.EffectiveOn.AddDays(-_options.ConcentrationWindowDays);
        var concentratedReps = new List<RepId>();
        foreach (var byRep in data.Interactions
            .Where(i => i.UserId is not null && InWindow(i.OccurredAt, from, request.EffectiveOn))
            .GroupBy(i => i.RepId).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var total = byRep.Count();
            var mine = byRep.Count(i => i.UserId == departing);
            if (mine < _options.MinInteractionsForConcentration || (double)mine / total < _options.TrustConcentrationThreshold ||
                !reps.TryGetValue(byRep.Key, out var rep) || rep.Status != RepStatus.Active || rep.OptedOut ||
                !successorOf.TryGetValue(rep.CompanyId.Value, out var to))
            {
                continue;
            }

            concentratedReps.Add(rep.Id);
            var trustText = trust.TryGetValue(rep.Id, out var s) && s.Value is double v ? v.ToString("0", CultureInfo.InvariantCulture) + $" ({s.Rank})" : "unrated";
            ops.Add(new CreateTask(new KarteTask
            {
                Id = $"handover:{departing}:introduce:{rep.Id}",
                Kind = "introduce-successor",
                Subject = LocalizedText.IsJapanese(_options.TaskCulture)
                    ? $"{rep.Name.Display}様に後任 {MemberName(members, to)} を紹介（{MemberName(members, departing)} 同席）"
                    : $"Introduce successor {MemberName(members, to)} to {rep.Name.Display} (with {MemberName(members, departing)})",
                Description = $"contact share with {departing}: {mine}/{total}; trust {trustText}",
                AssigneeId = to,
                RepId = rep.Id,
                CompanyId = rep.CompanyId,
                Due = request.EffectiveOn,
            }));
        }

        var touched = groups.Values.Select(g => g.CompanyId).Where(c => c.Value.Length > 0).ToArray();
        var briefReps = groups.Values.SelectMany(g => g.Reps).Concat(concentratedReps)
            .Concat(reps.Values.Where(r => touched.Contains(r.CompanyId) && r.Status == RepStatus.Active).Select(r => r.Id))
            .Distinct().Order(IdOrder<RepId>.Instance).ToArray();
        return new HandoverPlan
        {
            Kind = HandoverKind.OwnerDeparture,
            Subject = $"user:{departing}",
            DepartingUser = departing,
            EffectiveOn = request.EffectiveOn,
            Operations = ops,
            Companies = touched,
            Reps = briefReps,
            Issues = issues,
        };
    }

    /// <summary>
    /// Plans the transfer or departure of a partner rep: the current employment episode is closed (history kept),
    /// a successor at the partner is chosen (explicit, or the best candidate when its fit reaches
    /// <see cref="HandoverOptions.MinSuccessorScore"/>) or suggested with reasons, open proposals and next actions
    /// move to the successor, a "meet the successor" task is created for our owner, and key-person risk is
    /// flagged when the partner's deal flow or trust sat mostly with this rep.
    /// </summary>
    /// <param name="data">The kartes.</param>
    /// <param name="request">Who leaves, when, and an optional explicit successor.</param>
    /// <param name="trust">Trust scores by rep.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="HandoverSubjectNotFoundException">The rep is not in the karte.</exception>
    public HandoverPlan PlanRepDeparture(KarteDataSet data, RepDepartureRequest request, IReadOnlyDictionary<RepId, TrustScore> trust)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trust);
        var reps = Index(data.Reps, r => r.Id);
        var companies = Index(data.Companies, c => c.Id);
        if (!reps.TryGetValue(request.RepId, out var rep))
        {
            throw new HandoverSubjectNotFoundException($"Rep {request.RepId} is not in the karte; cannot plan their handover.") { Subject = $"rep:{request.RepId}" };
        }

        if (request.NewStatus == RepStatus.Active)
        {
            throw new ArgumentException("A departing rep's new status cannot be Active; use Transferred, Left or OnLeave.", nameof(request));
        }

        var ops = new List<HandoverOperation> { new CloseEmploymentEpisode(rep.Id, request.EffectiveOn, request.NewStatus) };
        var issues = new List<HandoverBlocker>();
        var candidates = Candidates(rep, reps.Values, trust);
        RepId? successor = null;
        if (request.Successor is { } explicitRep)
        {
            if (!reps.TryGetValue(explicitRep, out var s) || explicitRep == rep.Id)
            {
                issues.Add(new HandoverBlocker(HandoverBlockerKind.NoSuccessor, $"rep:{rep.Id}",
                    new($"指定された後任 {explicitRep} がカルテにありません", $"The given successor {explicitRep} is not in the karte")));
            }
            else
            {
                successor = explicitRep;
                if (s.Status != RepStatus.Active || s.OptedOut)
                {
                    issues.Add(new HandoverBlocker(HandoverBlockerKind.InactiveSuccessor, $"rep:{explicitRep}",
                        new($"後任 {s.Name.Display} は現在対応できません（{s.Status}{(s.OptedOut ? "・連絡拒否" : "")}）", $"Successor {explicitRep} is not reachable ({s.Status}{(s.OptedOut ? ", opted out" : "")})")));
                }
            }
        }
        else if (candidates.Count > 0 && candidates[0].Score >= _options.MinSuccessorScore)
        {
            successor = candidates[0].RepId;
        }
        else
        {
            var hint = candidates.Count > 0 ? $" (best candidate {candidates[0].RepId}, fit {candidates[0].Score:0.00})" : string.Empty;
            issues.Add(new HandoverBlocker(HandoverBlockerKind.NoSuccessor, $"rep:{rep.Id}",
                new($"{rep.Name.Display} の後任が決まっていません{(candidates.Count > 0 ? $"（候補 {candidates[0].RepId}）" : "")}", $"No successor for {rep.Name.Display}{hint}")));
        }

        if (successor is { } to)
        {
            foreach (var p in data.Proposals.Where(p => p.Outcome == ProposalOutcome.Open && p.RepId == rep.Id).OrderBy(p => p.Id.Value, StringComparer.Ordinal))
            {
                ops.Add(new ReassignProposalRep(p.Id, rep.Id, to));
            }

            foreach (var i in data.Interactions.Where(i => i.NextAction is { IsOpen: true } a && (a.RepId ?? i.RepId) == rep.Id).OrderBy(i => i.Id.Value, StringComparer.Ordinal))
            {
                ops.Add(new ReassignNextActionRep(i.Id, rep.Id, to));
            }

            var owner = rep.OwnerId ?? (companies.TryGetValue(rep.CompanyId, out var co) ? co.OwnerId : null);
            var successorName = reps[to].Name.Display;
            ops.Add(new CreateTask(new KarteTask
            {
                Id = $"handover:{rep.Id}:meet:{to}",
                Kind = "meet-successor",
                Subject = LocalizedText.IsJapanese(_options.TaskCulture)
                    ? $"後任 {successorName}様と面談（前任 {rep.Name.Display}様の引き継ぎ）"
                    : $"Meet successor {successorName} (taking over from {rep.Name.Display})",
                Description = candidates.FirstOrDefault(c => c.RepId == to) is { } c ? string.Join("; ", c.Reasons.Select(r => r.Text.En)) : null,
                AssigneeId = owner,
                RepId = to,
                CompanyId = rep.CompanyId,
                Due = request.EffectiveOn.AddDays(_options.TaskDueDays),
            }));
        }

        var risk = KeyPerson(rep, data, reps.Values, trust, request.EffectiveOn);
        if (risk.Flagged)
        {
            ops.Add(new FlagKeyPersonRisk(risk));
            var owner = rep.OwnerId ?? (companies.TryGetValue(rep.CompanyId, out var co) ? co.OwnerId : null);
            ops.Add(new CreateTask(new KarteTask
            {
                Id = $"handover:{rep.Id}:key-person:{rep.CompanyId}",
                Kind = "key-person-risk",
                Subject = LocalizedText.IsJapanese(_options.TaskCulture)
                    ? $"{Name(companies, rep.CompanyId)}: 担当者依存の解消（商談の{risk.DealFlowShare:P0}・信頼の{risk.TrustShare:P0}が{rep.Name.Display}様に集中）"
                    : $"{Name(companies, rep.CompanyId)}: reduce dependence on {rep.Name.Display} ({risk.DealFlowShare:P0} of deals, {risk.TrustShare:P0} of trust)",
                AssigneeId = owner,
                RepId = rep.Id,
                CompanyId = rep.CompanyId,
                Due = request.EffectiveOn.AddDays(_options.TaskDueDays),
            }));
        }

        return new HandoverPlan
        {
            Kind = HandoverKind.RepDeparture,
            Subject = $"rep:{rep.Id}",
            DepartingRep = rep.Id,
            EffectiveOn = request.EffectiveOn,
            Operations = ops,
            Companies = [rep.CompanyId],
            Reps = successor is { } sr ? [rep.Id, sr] : [rep.Id],
            SuccessorRep = successor,
            SuccessorCandidates = candidates,
            KeyPersonRisk = risk,
            Issues = issues,
        };
    }

    private static List<SuccessorCandidate> Candidates(PartnerRep rep, IEnumerable<PartnerRep> all, IReadOnlyDictionary<RepId, TrustScore> trust)
    {
        var mine = TagNormalizer.ToSet(rep.ExpertiseTags.Concat(rep.InterestTags));
        var dept = rep.Department is null ? null : TagNormalizer.Normalize(rep.Department);
        var list = new List<SuccessorCandidate>();
        foreach (var c in all.Where(c => c.CompanyId == rep.CompanyId && c.Id != rep.Id && c.Status == RepStatus.Active && !c.OptedOut))
        {
            var reasons = new List<FitReason>(3);
            if (dept is not null && c.Department is not null && TagNormalizer.Normalize(c.Department) == dept)
            {
                reasons.Add(new("same-department", 0.4, new($"同じ部署（{c.Department}）", $"Same department ({c.Department})")));
            }

            var theirs = TagNormalizer.ToSet(c.ExpertiseTags.Concat(c.InterestTags));
            var union = mine.Count + theirs.Count - mine.Count(theirs.Contains);
            if (union > 0)
            {
                var shared = c.ExpertiseTags.Concat(c.InterestTags).Where(t => mine.Contains(TagNormalizer.Normalize(t))).Distinct().ToArray();
                if (shared.Length > 0)
                {
                    var j = (double)mine.Count(theirs.Contains) / union;
                    reasons.Add(new("overlapping-expertise", 0.3 * j, new($"得意領域・関心の重なり: {string.Join("、", shared)}", $"Overlapping expertise: {string.Join(", ", shared)}")));
                }
            }

            if (trust.TryGetValue(c.Id, out var s) && s.Value is double v && v > 0)
            {
                reasons.Add(new("existing-trust", 0.3 * v / 100, new($"既存の信頼関係（信頼スコア {v:0}・{s.Rank}）", $"Existing trust (score {v:0}, {s.Rank})")));
            }

            reasons.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
            list.Add(new SuccessorCandidate(c.Id, reasons.Sum(r => r.Contribution), reasons));
        }

        list.Sort((a, b) => b.Score.CompareTo(a.Score) is var x && x != 0 ? x : string.CompareOrdinal(a.RepId.Value, b.RepId.Value));
        return list;
    }

    private KeyPersonRisk KeyPerson(PartnerRep rep, KarteDataSet data, IEnumerable<PartnerRep> all, IReadOnlyDictionary<RepId, TrustScore> trust, DateOnly on)
    {
        var from = on.AddDays(-_options.KeyPersonWindowDays);
        var proposals = data.Proposals.Where(p => p.CompanyId == rep.CompanyId && p.CreatedOn > from && p.CreatedOn <= on).ToArray();
        var mine = proposals.Count(p => p.RepId == rep.Id);
        var deal = proposals.Length == 0 ? 0 : (double)mine / proposals.Length;
        var wonTotal = proposals.Where(p => p.Outcome == ProposalOutcome.Won).Sum(p => p.Amount);
        var wonMine = proposals.Where(p => p.Outcome == ProposalOutcome.Won && p.RepId == rep.Id).Sum(p => p.Amount);
        var won = wonTotal > 0 ? (double)(wonMine / wonTotal) : 0;
        double TrustOf(RepId id) => trust.TryGetValue(id, out var s) && s.Value is double v ? v : 0;
        var trustTotal = all.Where(r => r.CompanyId == rep.CompanyId && (r.Id == rep.Id || r.Status == RepStatus.Active)).Sum(r => TrustOf(r.Id));
        var trustShare = trustTotal > 0 ? TrustOf(rep.Id) / trustTotal : 0;
        var dealEvidence = proposals.Length >= _options.KeyPersonMinProposals ? Math.Max(deal, won) : 0;
        var share = Math.Max(dealEvidence, trustShare);
        var level = share >= _options.KeyPersonHighShare ? KeyPersonRiskLevel.High
            : share >= _options.KeyPersonShareThreshold ? KeyPersonRiskLevel.Elevated
            : KeyPersonRiskLevel.None;
        return new KeyPersonRisk(rep.CompanyId, rep.Id, deal, won, trustShare, proposals.Length, level);
    }

    private static bool InWindow(DateTimeOffset at, DateOnly from, DateOnly to)
    {
        var d = DateOnly.FromDateTime(at.UtcDateTime);
        return d > from && d <= to;
    }

    private static bool IsActive(Dictionary<UserId, TeamMember> members, UserId id) => members.TryGetValue(id, out var m) && m.Active;

    private static string MemberName(Dictionary<UserId, TeamMember> members, UserId id) => members.TryGetValue(id, out var m) ? m.Name : id.Value;

    private static string Name(Dictionary<CompanyId, PartnerCompany> companies, CompanyId id) =>
        companies.TryGetValue(id, out var c) ? c.Name : id.Value.Length == 0 ? "(unknown company)" : id.Value;

    private static Dictionary<TKey, T> Index<TKey, T>(IEnumerable<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var d = new Dictionary<TKey, T>();
        foreach (var i in items)
        {
            d.TryAdd(key(i), i);
        }

        return d;
    }

    private sealed class Group(CompanyId companyId)
    {
        public CompanyId CompanyId { get; } = companyId;

        public bool Company { get; set; }

        public HashSet<RepId> Reps { get; } = [];

        public HashSet<ProposalId> Proposals { get; } = [];

        public HashSet<InteractionId> Actions { get; } = [];
    }

    private sealed class LoadComparer : IComparer<(int Load, string Id)>
    {
        public static readonly LoadComparer Instance = new();

        public int Compare((int Load, string Id) x, (int Load, string Id) y) =>
            x.Load != y.Load ? x.Load.CompareTo(y.Load) : string.CompareOrdinal(x.Id, y.Id);
    }
}
