using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Core.Tests.Targeting;

public class ReferralPropertyTests
{
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, 1_000_000).ToArbitrary();
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(100));

    private sealed record Spec(int Users, int Reps, bool[] Routable, List<(int A, int B, double S)> Edges, int Target, int K, int MaxHops);

    private static Spec Random(int seed)
    {
        var rng = new Random(seed);
        var users = rng.Next(1, 4);
        var reps = rng.Next(1, 9);
        var n = users + reps;
        var routable = Enumerable.Range(0, n).Select(_ => rng.Next(4) > 0).ToArray();
        var edges = new List<(int, int, double)>();
        for (var e = rng.Next(0, 3 * n); e > 0; e--)
        {
            int a = rng.Next(n), b = rng.Next(n);
            if (a != b)
            {
                edges.Add((a, b, 0.05 + (0.95 * rng.NextDouble())));
            }
        }

        return new Spec(users, reps, routable, edges, users + rng.Next(reps), rng.Next(1, 6), rng.Next(1, 5));
    }

    private static PersonRef Person(Spec s, int i) => i < s.Users ? PersonRef.User(new UserId($"u{i}")) : PersonRef.Rep(new RepId($"r{i}"));

    private static RelationshipGraph BuildGraph(Spec s, (int A, int B, double S)? extra = null)
    {
        var b = new RelationshipGraphBuilder();
        for (var i = 0; i < s.Users + s.Reps; i++)
        {
            if (i < s.Users)
            {
                b.AddUser(new UserId($"u{i}"), s.Routable[i]);
            }
            else
            {
                b.AddRep(new RepId($"r{i}"), new CompanyId("c"), null, s.Routable[i]);
            }
        }

        foreach (var (x, y, w) in s.Edges)
        {
            b.AddEdge(Person(s, x), Person(s, y), w);
        }

        if (extra is { } e)
        {
            b.AddEdge(Person(s, e.A), Person(s, e.B), e.S);
        }

        return b.Build();
    }

    private static ReferralResult Query(Spec s, RelationshipGraph g) =>
        g.FindPaths(ReferralQuery.ToRep(new RepId($"r{s.Target}")) with { K = s.K, MaxHops = s.MaxHops });

    // Brute force: every simple path from an active user to the target within the hop limit, through routable non-users-that-are-sources.
    private static List<double> BruteForce(Spec s, RelationshipGraph g)
    {
        var scores = new List<double>();
        var n = s.Users + s.Reps;
        if (!s.Routable[s.Target])
        {
            return scores;
        }

        var path = new List<int>();
        void Dfs(int u, double score)
        {
            if (u == s.Target && path.Count > 1)
            {
                scores.Add(score);
                return;
            }

            if (path.Count - 1 == s.MaxHops)
            {
                return;
            }

            for (var v = 0; v < n; v++)
            {
                var w = g.GetStrength(Person(s, u), Person(s, v));
                if (w == 0 || path.Contains(v) || !s.Routable[v] || (v < s.Users))
                {
                    continue;
                }

                path.Add(v);
                Dfs(v, score * w);
                path.RemoveAt(path.Count - 1);
            }
        }

        for (var u = 0; u < s.Users; u++)
        {
            if (s.Routable[u])
            {
                path.Add(u);
                Dfs(u, 1);
                path.Clear();
            }
        }

        scores.Sort((a, b) => b.CompareTo(a));
        return scores;
    }

    [Fact]
    public void Paths_never_pass_through_an_opted_out_or_inactive_person() =>
        Prop.ForAll(Seeds, seed =>
        {
            var s = Random(seed);
            var result = Query(s, BuildGraph(s));
            return result.Paths.All(p =>
                p.People.Skip(1).All(x => s.Routable[Index(s, x)]) && s.Routable[Index(s, p.People[0])] &&
                p.People.Distinct().Count() == p.People.Count && p.Hops.Count <= s.MaxHops);
        }).Check(Cases);

    [Fact]
    public void Best_k_paths_equal_a_brute_force_enumeration() =>
        Prop.ForAll(Seeds, seed =>
        {
            var s = Random(seed);
            var g = BuildGraph(s);
            var expected = BruteForce(s, g).Take(s.K).ToArray();
            var query = ReferralQuery.ToRep(new RepId($"r{s.Target}")) with { K = s.K, MaxHops = s.MaxHops };
            var results = Enumerable.Range(0, s.MaxHops + 1).Select(f => g.FindPathsWithSplit(query, f)).Append(Query(s, g));
            return results.All(r =>
            {
                var actual = r.Paths.Select(p => p.Score).ToArray();
                return expected.Length == actual.Length && expected.Zip(actual).All(x => Math.Abs(x.First - x.Second) < 1e-12);
            });
        }).Check(Cases);

    [Fact]
    public void Adding_a_stronger_edge_never_lowers_the_best_path_score() =>
        Prop.ForAll(Seeds, seed =>
        {
            var s = Random(seed);
            var rng = new Random(seed ^ 0x5eed);
            var n = s.Users + s.Reps;
            var a = rng.Next(n);
            var b = (a + 1 + rng.Next(n - 1 > 0 ? n - 1 : 1)) % n;
            if (a == b)
            {
                return true;
            }

            var before = Query(s, BuildGraph(s)).Paths.Select(p => p.Score).DefaultIfEmpty(0).First();
            var after = Query(s, BuildGraph(s, (a, b, 0.5 + (0.5 * rng.NextDouble())))).Paths.Select(p => p.Score).DefaultIfEmpty(0).First();
            return after >= before - 1e-12;
        }).Check(Cases);

    private static int Index(Spec s, PersonRef p) => int.Parse(p.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
}
