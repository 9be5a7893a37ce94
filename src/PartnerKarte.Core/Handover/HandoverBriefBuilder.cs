using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Builds the <see cref="HandoverBrief"/> of a plan, as a pure function of the karte, the trust scores and an instant.</summary>
public static class HandoverBriefBuilder
{
    private static readonly Dictionary<TrustFactorKind, (string Ja, string En)> FactorNames = new()
    {
        [TrustFactorKind.Responsiveness] = ("レスポンス", "Responsiveness"),
        [TrustFactorKind.Initiative] = ("積極性", "Initiative"),
        [TrustFactorKind.Cadence] = ("接触頻度", "Cadence"),
        [TrustFactorKind.Depth] = ("関係の深さ", "Depth"),
        [TrustFactorKind.Reliability] = ("約束の履行", "Reliability"),
        [TrustFactorKind.Sentiment] = ("反応", "Sentiment"),
        [TrustFactorKind.Outcomes] = ("成果", "Outcomes"),
    };

    private static readonly (TrustTendency Flag, string Ja, string En)[] TendencyNames =
    [
        (TrustTendency.Proactive, "積極的", "proactive"),
        (TrustTendency.Cautious, "慎重派", "cautious"),
        (TrustTendency.FastResponder, "レスポンスが早い", "fast responder"),
        (TrustTendency.SlowResponder, "レスポンスが遅い", "slow responder"),
        (TrustTendency.FrequentInquirer, "問合せが多い", "frequent inquirer"),
        (TrustTendency.RareInquirer, "問合せが少ない", "rare inquirer"),
    ];

    /// <summary>Builds the brief.</summary>
    /// <param name="data">The kartes (before the plan is applied, so open items still show their current owner).</param>
    /// <param name="plan">The plan.</param>
    /// <param name="trust">Trust scores by rep.</param>
    /// <param name="asOf">The instant the brief describes; the digest covers <see cref="HandoverOptions.DigestDays"/> before it.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="graph">The relationship graph for relationships and introductions; when null it is built from the karte
    /// with the departing person made unroutable.</param>
    /// <returns>The brief.</returns>
    public static HandoverBrief Build(
        KarteDataSet data,
        HandoverPlan plan,
        IReadOnlyDictionary<RepId, TrustScore> trust,
        DateTimeOffset asOf,
        HandoverOptions? options = null,
        RelationshipGraph? graph = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(trust);
        options ??= new HandoverOptions();
        options.Validate();
        // Paths must not rely on whoever is leaving: route around the departing manager or rep.
        graph ??= RelationshipGraph.FromKarte(
            data with
            {
                TeamMembers = [.. data.TeamMembers.Select(m => m.Id == plan.DepartingUser ? m with { Active = false } : m)],
                Reps = [.. data.Reps.Select(r => r.Id == plan.DepartingRep ? r with { Status = RepStatus.Left } : r)],
            },
            trust,
            [],
            asOf);
        var reps = new Dictionary<RepId, PartnerRep>();
        foreach (var r in data.Reps)
        {
            reps.TryAdd(r.Id, r);
        }

        var companies = new Dictionary<CompanyId, PartnerCompany>();
        foreach (var c in data.Companies)
        {
            companies.TryAdd(c.Id, c);
        }

        // Who takes over on our side, per company and per rep, from the plan's operations.
        var successorByCompany = new Dictionary<CompanyId, UserId>();
        var successorByRep = new Dictionary<RepId, UserId>();
        foreach (var op in plan.Operations)
        {
            switch (op)
            {
                case ReassignCompanyOwner o:
                    successorByCompany.TryAdd(o.CompanyId, o.To);
                    break;
                case ReassignRepOwner o:
                    successorByRep.TryAdd(o.RepId, o.To);
                    break;
            }
        }

        var from = asOf.AddDays(-options.DigestDays);
        var byRep = data.Interactions.Where(i => i.OccurredAt > from && i.OccurredAt <= asOf).ToLookup(i => i.RepId);
        var missing = new List<string>();
        var sections = new List<RepBrief>();
        foreach (var id in plan.Reps)
        {
            if (!reps.TryGetValue(id, out var rep))
            {
                missing.Add($"rep:{id}:Karte");
                continue;
            }

            trust.TryGetValue(id, out var score);
            var successor = successorByRep.TryGetValue(id, out var su) ? su
                : successorByCompany.TryGetValue(rep.CompanyId, out var sc) ? sc
                : plan.Kind == HandoverKind.RepDeparture ? rep.OwnerId ?? (companies.TryGetValue(rep.CompanyId, out var co) ? co.OwnerId : null)
                : null;
            var recent = byRep[id].OrderByDescending(i => i.OccurredAt).ThenBy(i => i.Id.Value, StringComparer.Ordinal).ToArray();
            var required = plan.Kind == HandoverKind.OwnerDeparture || id == plan.DepartingRep ? options.RequiredBriefItems : BriefItems.None;
            var absent = BriefItems.None;
            if (score?.Value is null)
            {
                absent |= BriefItems.TrustScore;
            }

            if (rep.Personality.Disc is null && rep.Personality.Mbti is not { Code: not null })
            {
                absent |= BriefItems.Personality;
            }

            if (recent.Length == 0)
            {
                absent |= BriefItems.RecentHistory;
            }

            if (rep.ExpertiseTags.Count + rep.InterestTags.Count == 0)
            {
                absent |= BriefItems.Tags;
            }

            absent &= required;
            foreach (var flag in new[] { BriefItems.TrustScore, BriefItems.Personality, BriefItems.RecentHistory, BriefItems.Tags })
            {
                if (absent.HasFlag(flag))
                {
                    missing.Add($"rep:{id}:{flag}");
                }
            }

            var me = PersonRef.Rep(id);
            var introductions = graph.Neighbours(me)
                .Where(n => n.Person.Kind == PersonKind.Rep && graph.IsRoutable(n.Person) &&
                            reps.TryGetValue(new RepId(n.Person.Id), out var colleague) && colleague.CompanyId == rep.CompanyId &&
                            (successor is not { } s || graph.GetStrength(PersonRef.User(s), n.Person) == 0))
                .Take(3)
                .Select(n => new SuggestedIntroduction(id, new RepId(n.Person.Id), n.Strength, graph.GetEvidence(me, n.Person)))
                .ToArray();
            ReferralPath? path = null;
            if (successor is { } user && graph.IsRoutable(me))
            {
                var found = graph.FindPaths(new ReferralQuery { TargetRep = id, From = [user], K = 1 });
                path = found.Paths.Count > 0 ? found.Paths[0] : null;
            }

            sections.Add(new RepBrief
            {
                Rep = rep,
                CompanyName = companies.TryGetValue(rep.CompanyId, out var company) ? company.Name : rep.CompanyId.Value,
                Successor = successor,
                Trust = score,
                TrustExplanation = Explain(score),
                Tendencies = score is null ? [] : [.. TendencyNames.Where(t => score.Tendencies.HasFlag(t.Flag)).Select(t => new LocalizedText(t.Ja, t.En))],
                ApproachTips = ApproachTips.For(rep.Personality),
                OpenProposals = [.. data.Proposals.Where(p => p.RepId == id && p.Outcome == ProposalOutcome.Open).OrderBy(p => p.Id.Value, StringComparer.Ordinal)],
                OpenActions = [.. data.Interactions.Where(i => i.NextAction is { IsOpen: true } a && (a.RepId ?? i.RepId) == id).OrderBy(i => i.NextAction!.Due).ThenBy(i => i.Id.Value, StringComparer.Ordinal)],
                RecentInteractions = recent,
                Relationships = [.. graph.Neighbours(me).Take(5)],
                SuggestedIntroductions = introductions,
                PathFromSuccessor = path,
                Missing = absent,
            });
        }

        return new HandoverBrief
        {
            Subject = plan.Subject,
            Kind = plan.Kind,
            EffectiveOn = plan.EffectiveOn,
            AsOf = asOf,
            Companies = [.. plan.Companies.Where(companies.ContainsKey).Select(c => companies[c])],
            Reps = sections,
            KeyPersonRisk = plan.KeyPersonRisk,
            DigestDays = options.DigestDays,
            MissingItems = missing,
        };
    }

    private static LocalizedText[] Explain(TrustScore? score)
    {
        if (score?.Value is null)
        {
            return [];
        }

        return [.. score.Factors.OrderByDescending(f => f.Contribution).Take(3).Select(f =>
        {
            var (ja, en) = FactorNames.TryGetValue(f.Kind, out var n) ? n : (f.Kind.ToString(), f.Kind.ToString());
            return new LocalizedText(
                $"{ja} {f.Value:0.00}（寄与 {f.Contribution:0.0}点、根拠 {f.EvidenceIds.Count}件）",
                $"{en} {f.Value:0.00} (adds {f.Contribution:0.0} points, {f.EvidenceIds.Count} pieces of evidence)");
        })];
    }
}
