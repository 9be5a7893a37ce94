using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Validation;

namespace PartnerKarte.Targeting;

/// <summary>Turns a karte data set into relationship evidence (see <see cref="RelationshipGraph.FromKarte"/>).</summary>
internal static class KarteGraphLoader
{
    private const int MaxSourceIds = 3;

    private static readonly Comparer<(string, string)> OrdinalPair = Comparer<(string, string)>.Create((a, b) =>
        string.CompareOrdinal(a.Item1, b.Item1) is var c && c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2));

    public static RelationshipGraph Load(KarteDataSet data, IReadOnlyDictionary<RepId, TrustScore> trust, IReadOnlyList<RelationshipLink> links, DateTimeOffset asOf, RelationshipGraphOptions o)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trust);
        o.Validate();
        var b = new RelationshipGraphBuilder();
        var asOfDate = DateOnly.FromDateTime(asOf.UtcDateTime);

        foreach (var m in data.TeamMembers.OrderBy(m => m.Id.Value, StringComparer.Ordinal))
        {
            if (b.Contains(PersonRef.User(m.Id)))
            {
                b.AddProblem(new ValidationProblem($"user:{m.Id}", "Id", m.Id.Value, "duplicate team member; the first is kept"));
                continue;
            }

            b.AddUser(m.Id, m.Active);
        }

        var reps = new Dictionary<RepId, PartnerRep>();
        foreach (var r in data.Reps.OrderBy(r => r.Id.Value, StringComparer.Ordinal))
        {
            if (!reps.TryAdd(r.Id, r))
            {
                b.AddProblem(new ValidationProblem($"rep:{r.Id}", "Id", r.Id.Value, "duplicate rep; the first is kept"));
                continue;
            }

            b.AddRep(r.Id, r.CompanyId, r.Department, r.Status == RepStatus.Active && !r.OptedOut);
        }

        double TrustOf(RepId id) => (trust.TryGetValue(id, out var s) && s.Value is double v ? v : o.UnratedTrust) / 100.0;
        double Recency(DateOnly last) => Math.Max(o.RecencyFloor, Math.Pow(2, -Math.Max(0, asOfDate.DayNumber - last.DayNumber) / o.RecencyHalfLifeDays));
        static double Volume(int count) => 1 - Math.Exp(-count / 3.0);

        bool EnsureUser(UserId u, string record)
        {
            var p = PersonRef.User(u);
            if (b.Contains(p))
            {
                return true;
            }

            // Referenced but not a team member: keep the tie as evidence, but never route from or through them.
            b.AddProblem(new ValidationProblem(record, "UserId", u.Value, "user is not a team member; added as inactive"));
            b.AddUser(u, active: false);
            return true;
        }

        // Colleagues at the same company, stronger within a department.
        foreach (var group in reps.Values.GroupBy(r => r.CompanyId).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var members = group.OrderBy(r => r.Id.Value, StringComparer.Ordinal).ToArray();
            for (var i = 0; i < members.Length; i++)
            {
                for (var j = i + 1; j < members.Length; j++)
                {
                    var di = members[i].Department;
                    var dj = members[j].Department;
                    var same = !string.IsNullOrWhiteSpace(di) && !string.IsNullOrWhiteSpace(dj) &&
                        string.Equals(TagNormalizer.Normalize(di), TagNormalizer.Normalize(dj), StringComparison.Ordinal);
                    b.AddEvidence(PersonRef.Rep(members[i].Id), PersonRef.Rep(members[j].Id), same
                        ? new RelationshipEvidence(RelationshipKind.SameDepartment, o.SameDepartmentStrength, SourceIds: [group.Key.Value, di!])
                        : new RelationshipEvidence(RelationshipKind.Colleague, o.ColleagueStrength, SourceIds: [group.Key.Value]));
                }
            }
        }

        // Contacts (user ↔ rep) and shared meetings (rep ↔ rep), aggregated per pair.
        var contacts = new SortedDictionary<(string, string), Agg>(OrdinalPair);
        var shared = new SortedDictionary<(string, string), Agg>(OrdinalPair);
        foreach (var it in data.Interactions.Where(i => i.OccurredAt <= asOf).OrderByDescending(i => i.OccurredAt).ThenBy(i => i.Id.Value, StringComparer.Ordinal))
        {
            if (!reps.ContainsKey(it.RepId))
            {
                b.AddProblem(new ValidationProblem($"interaction:{it.Id}", "RepId", it.RepId.Value, "unknown rep; interaction not used for the graph"));
                continue;
            }

            var day = DateOnly.FromDateTime(it.OccurredAt.UtcDateTime);
            var participants = new List<RepId> { it.RepId };
            foreach (var other in it.OtherParticipants)
            {
                if (!reps.ContainsKey(other))
                {
                    b.AddProblem(new ValidationProblem($"interaction:{it.Id}", "OtherParticipants", other.Value, "unknown rep; participant not used for the graph"));
                }
                else if (!participants.Contains(other))
                {
                    participants.Add(other);
                }
            }

            if (it.UserId is { } u && EnsureUser(u, $"interaction:{it.Id}"))
            {
                foreach (var r in participants)
                {
                    Agg.Add(contacts, (u.Value, r.Value), day, it.Id.Value);
                }
            }

            for (var i = 0; i < participants.Count; i++)
            {
                for (var j = i + 1; j < participants.Count; j++)
                {
                    var (x, y) = string.CompareOrdinal(participants[i].Value, participants[j].Value) < 0
                        ? (participants[i].Value, participants[j].Value)
                        : (participants[j].Value, participants[i].Value);
                    Agg.Add(shared, (x, y), day, it.Id.Value);
                }
            }
        }

        foreach (var ((user, rep), agg) in contacts)
        {
            var t = TrustOf(new RepId(rep));
            var s = Math.Clamp((0.2 + (0.8 * t)) * Recency(agg.Last) * Volume(agg.Count), 1e-6, 1);
            b.AddEvidence(PersonRef.User(new UserId(user)), PersonRef.Rep(new RepId(rep)), new RelationshipEvidence(RelationshipKind.Contact, s, agg.Last, agg.Count, agg.Ids));
        }

        foreach (var ((x, y), agg) in shared)
        {
            var s = Math.Clamp(o.SharedMeetingStrength * Recency(agg.Last) * Volume(agg.Count), 1e-6, 1);
            b.AddEvidence(PersonRef.Rep(new RepId(x)), PersonRef.Rep(new RepId(y)), new RelationshipEvidence(RelationshipKind.SharedMeeting, s, agg.Last, agg.Count, agg.Ids));
        }

        // Owners of rep relationships.
        foreach (var r in reps.Values.OrderBy(r => r.Id.Value, StringComparer.Ordinal))
        {
            if (r.OwnerId is { } owner && EnsureUser(owner, $"rep:{r.Id}"))
            {
                var s = o.OwnerStrength * (0.5 + (0.5 * TrustOf(r.Id)));
                b.AddEvidence(PersonRef.User(owner), PersonRef.Rep(r.Id), new RelationshipEvidence(RelationshipKind.Owner, s, SourceIds: [r.Id.Value]));
            }
        }

        // Teammates on our side.
        var teams = data.TeamMembers.Where(m => !string.IsNullOrWhiteSpace(m.Team)).GroupBy(m => m.Team!, StringComparer.Ordinal);
        foreach (var team in teams.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ms = team.Select(m => m.Id).Distinct().OrderBy(id => id.Value, StringComparer.Ordinal).ToArray();
            for (var i = 0; i < ms.Length; i++)
            {
                for (var j = i + 1; j < ms.Length; j++)
                {
                    b.AddEvidence(PersonRef.User(ms[i]), PersonRef.User(ms[j]), new RelationshipEvidence(RelationshipKind.Teammate, o.TeammateStrength, SourceIds: [team.Key]));
                }
            }
        }

        // Explicit links recorded by the team.
        foreach (var link in links)
        {
            var record = $"link:{link.Id}";
            if (link.Kind is not (RelationshipKind.Knows or RelationshipKind.Introduced))
            {
                b.AddProblem(new ValidationProblem(record, "Kind", link.Kind.ToString(), "a link is Knows or Introduced"));
                continue;
            }

            if (!b.Contains(link.From) || !b.Contains(link.To))
            {
                var missing = b.Contains(link.From) ? link.To : link.From;
                b.AddProblem(new ValidationProblem(record, b.Contains(link.From) ? "To" : "From", missing.ToString(), "person not in the karte; link skipped"));
                continue;
            }

            if (link.From == link.To)
            {
                b.AddProblem(new ValidationProblem(record, "To", link.To.ToString(), "a link needs two different people"));
                continue;
            }

            var strength = link.Strength ?? (link.Kind == RelationshipKind.Knows ? o.KnowsStrength : o.IntroducedStrength);
            if (!(strength > 0 && strength <= 1))
            {
                b.AddProblem(new ValidationProblem(record, "Strength", strength.ToString(System.Globalization.CultureInfo.InvariantCulture), "strength must be in (0, 1]"));
                continue;
            }

            b.AddEvidence(link.From, link.To, new RelationshipEvidence(link.Kind, strength, link.On, 1, [link.Id]));
        }

        return b.Build();
    }

    private sealed class Agg
    {
        public int Count;
        public DateOnly Last;
        public List<string> Ids { get; } = [];

        public static void Add<TKey>(SortedDictionary<TKey, Agg> map, TKey key, DateOnly day, string id)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var a))
            {
                map[key] = a = new Agg { Last = day };
            }

            a.Count++;
            if (day > a.Last)
            {
                a.Last = day;
            }

            if (a.Ids.Count < MaxSourceIds)
            {
                a.Ids.Add(id);
            }
        }
    }
}
