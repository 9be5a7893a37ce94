using BenchmarkDotNet.Attributes;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Benchmarks.Targeting;

/// <summary>
/// Best-5 introduction paths (hop limit 4) on a synthetic graph of 100,000 people (500 of our users, 99,500 reps
/// in 5,000 companies) and 1,000,000 ties: colleagues, user contacts and cross-company acquaintances; 5 % of reps
/// opted out or inactive. Each invocation queries the next of 64 random targets.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ReferralPathBenchmarks
{
    public const int People = 100_000;
    public const int Users = 500;
    public const int Edges = 1_000_000;
    private RelationshipGraph _graph = null!;
    private ReferralQuery[] _fromTeam = null!;
    private ReferralQuery[] _fromOne = null!;
    private ReferralQuery[] _toCompany = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _graph = Build(seed: 42);
        var rng = new Random(7);
        var targets = Enumerable.Range(0, 64).Select(_ => new RepId($"r{rng.Next(Users, People)}")).ToArray();
        _fromTeam = [.. targets.Select(t => ReferralQuery.ToRep(t))];
        _fromOne = [.. targets.Select((t, i) => ReferralQuery.ToRep(t) with { From = [new UserId($"u{i % Users}")] })];
        _toCompany = [.. Enumerable.Range(0, 64).Select(_ => ReferralQuery.ToCompany(new CompanyId($"c{rng.Next(5000)}")))];
    }

    public static RelationshipGraph Build(int seed)
    {
        var rng = new Random(seed);
        var b = new RelationshipGraphBuilder();
        for (var u = 0; u < Users; u++)
        {
            b.AddUser(new UserId($"u{u}"));
        }

        const int companies = 5000;
        for (var r = Users; r < People; r++)
        {
            b.AddRep(new RepId($"r{r}"), new CompanyId($"c{(r - Users) % companies}"), $"d{rng.Next(3)}", routable: rng.Next(20) > 0);
        }

        PersonRef P(int i) => i < Users ? PersonRef.User(new UserId($"u{i}")) : PersonRef.Rep(new RepId($"r{i}"));
        int RepInCompany(int c) => Users + c + (companies * rng.Next((People - Users) / companies));

        // ~400k colleague ties, ~200k user contacts, the rest cross-company acquaintances up to 1,000,000 distinct pairs.
        while (b.EdgeCount < 400_000)
        {
            var c = rng.Next(companies);
            int x = RepInCompany(c), y = RepInCompany(c);
            if (x != y)
            {
                b.AddEdge(P(x), P(y), 0.2 + (0.6 * rng.NextDouble()));
            }
        }

        while (b.EdgeCount < 600_000)
        {
            b.AddEdge(P(rng.Next(Users)), P(rng.Next(Users, People)), 0.05 + (0.9 * rng.NextDouble()));
        }

        while (b.EdgeCount < Edges)
        {
            int x = rng.Next(Users, People), y = rng.Next(Users, People);
            if (x != y)
            {
                b.AddEdge(P(x), P(y), 0.05 + (0.5 * rng.NextDouble()));
            }
        }

        return b.Build();
    }

    [Benchmark(Description = "best-5 paths, whole team (500 users) → rep")]
    public int FromTeamToRep() => _graph.FindPaths(_fromTeam[_next++ & 63]).Paths.Count;

    [Benchmark(Description = "best-5 paths, one user → rep")]
    public int FromOneUserToRep() => _graph.FindPaths(_fromOne[_next++ & 63]).Paths.Count;

    [Benchmark(Description = "best-5 paths, whole team → company")]
    public int FromTeamToCompany() => _graph.FindPaths(_toCompany[_next++ & 63]).Paths.Count;
}
