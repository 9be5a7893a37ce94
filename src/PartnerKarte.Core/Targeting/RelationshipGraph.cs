using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Validation;

namespace PartnerKarte.Targeting;

/// <summary>
/// The relationship graph of partner reps and our users, frozen into compact arrays: int node ids, CSR adjacency,
/// edge costs −log(strength). Build one with <see cref="RelationshipGraphBuilder"/> or <see cref="FromKarte"/>;
/// query it with <see cref="FindPaths"/>. Immutable and safe to query from several threads.
/// </summary>
public sealed class RelationshipGraph
{
    internal readonly PersonRef[] People;
    internal readonly Dictionary<PersonRef, int> Index;
    internal readonly bool[] Routable;
    internal readonly int[] CompanyOf;
    internal readonly string?[] DepartmentOf;
    internal readonly Dictionary<CompanyId, int> CompanyIndex;
    internal readonly int[] CompanyOffsets;
    internal readonly int[] CompanyReps;
    internal readonly int[] Offsets;
    internal readonly int[] Targets;
    internal readonly double[] Costs;
    internal readonly int[] ArcEdge;
    internal readonly double[] EdgeStrength;
    internal readonly RelationshipEvidence[]?[] EdgeEvidence;

    internal RelationshipGraph(
        PersonRef[] people, Dictionary<PersonRef, int> index, bool[] routable, int[] companyOf, string?[] departmentOf,
        Dictionary<CompanyId, int> companyIndex, int[] companyOffsets, int[] companyReps,
        int[] offsets, int[] targets, double[] costs, int[] arcEdge, double[] edgeStrength, RelationshipEvidence[]?[] edgeEvidence,
        IReadOnlyList<ValidationProblem> problems)
    {
        People = people;
        Index = index;
        Routable = routable;
        CompanyOf = companyOf;
        DepartmentOf = departmentOf;
        CompanyIndex = companyIndex;
        CompanyOffsets = companyOffsets;
        CompanyReps = companyReps;
        Offsets = offsets;
        Targets = targets;
        Costs = costs;
        ArcEdge = arcEdge;
        EdgeStrength = edgeStrength;
        EdgeEvidence = edgeEvidence;
        Problems = problems;
    }

    /// <summary>Number of people (nodes).</summary>
    public int PersonCount => People.Length;

    /// <summary>Number of connected pairs (undirected edges).</summary>
    public int EdgeCount => EdgeStrength.Length;

    /// <summary>Problems found in the input while building (e.g. a link to an unknown rep); those inputs were skipped.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Builds the graph from a karte data set.</summary>
    /// <param name="data">The kartes: reps, team members and interactions (contacts, owners and shared meetings).</param>
    /// <param name="trust">Trust scores by rep; reps without one count as <see cref="RelationshipGraphOptions.UnratedTrust"/>.</param>
    /// <param name="links">Explicit "knows"/"introduced" links; links to unknown people are reported in <see cref="Problems"/>.</param>
    /// <param name="asOf">The instant recency is measured against.</param>
    /// <param name="options">Strength options; defaults when null.</param>
    /// <returns>The graph.</returns>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public static RelationshipGraph FromKarte(
        KarteDataSet data,
        IReadOnlyDictionary<RepId, TrustScore> trust,
        IReadOnlyList<RelationshipLink>? links,
        DateTimeOffset asOf,
        RelationshipGraphOptions? options = null) =>
        KarteGraphLoader.Load(data, trust, links ?? [], asOf, options ?? new RelationshipGraphOptions());

    /// <summary>Whether a person is in the graph.</summary>
    /// <param name="person">The person.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(PersonRef person) => Index.ContainsKey(person);

    /// <summary>Whether paths may pass through (or end at) a person: false for opted-out and inactive people.</summary>
    /// <param name="person">The person.</param>
    /// <returns><see langword="true"/> when present and routable.</returns>
    public bool IsRoutable(PersonRef person) => Index.TryGetValue(person, out var i) && Routable[i];

    /// <summary>The strength of the tie between two people, 0 when they are not connected.</summary>
    /// <param name="a">One person.</param>
    /// <param name="b">The other.</param>
    /// <returns>The strength in [0, 1].</returns>
    public double GetStrength(PersonRef a, PersonRef b) =>
        Index.TryGetValue(a, out var ia) && Index.TryGetValue(b, out var ib) && FindEdge(ia, ib) is var e && e >= 0 ? EdgeStrength[e] : 0;

    /// <summary>The evidence of the tie between two people, empty when none was recorded.</summary>
    /// <param name="a">One person.</param>
    /// <param name="b">The other.</param>
    /// <returns>The evidence.</returns>
    public IReadOnlyList<RelationshipEvidence> GetEvidence(PersonRef a, PersonRef b) =>
        Index.TryGetValue(a, out var ia) && Index.TryGetValue(b, out var ib) && FindEdge(ia, ib) is var e && e >= 0 ? EdgeEvidence[e] ?? [] : [];

    /// <summary>The people directly connected to a person, strongest first.</summary>
    /// <param name="person">The person.</param>
    /// <returns>Neighbours with the tie strength.</returns>
    public IReadOnlyList<(PersonRef Person, double Strength)> Neighbours(PersonRef person)
    {
        if (!Index.TryGetValue(person, out var i))
        {
            return [];
        }

        var list = new List<(PersonRef, double)>(Offsets[i + 1] - Offsets[i]);
        for (var p = Offsets[i]; p < Offsets[i + 1]; p++)
        {
            list.Add((People[Targets[p]], EdgeStrength[ArcEdge[p]]));
        }

        return [.. list.OrderByDescending(x => x.Item2).ThenBy(x => x.Item1.Kind).ThenBy(x => x.Item1.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The best k introduction paths (highest product of strengths) from our users to the target, each at most
    /// <see cref="ReferralQuery.MaxHops"/> hops and simple. Opted-out and inactive people are never on a path,
    /// neither in between nor as the target; our other starting users are never in between (a path through one
    /// of them is always beaten by the path starting at them).
    /// </summary>
    /// <param name="query">The query.</param>
    /// <returns>The paths, best first, and the outcome.</returns>
    /// <exception cref="ArgumentException">The query is malformed.</exception>
    public ReferralResult FindPaths(ReferralQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return new ReferralSearch(this, query).Run();
    }

    /// <summary>Runs a query with a fixed forward depth (tests check every split against brute force).</summary>
    internal ReferralResult FindPathsWithSplit(ReferralQuery query, int forwardDepth)
    {
        query.Validate();
        return new ReferralSearch(this, query, forwardDepth).Run();
    }

    internal int FindEdge(int a, int b)
    {
        // Scan the smaller adjacency list; degrees are small in practice.
        if (Offsets[a + 1] - Offsets[a] > Offsets[b + 1] - Offsets[b])
        {
            (a, b) = (b, a);
        }

        for (var p = Offsets[a]; p < Offsets[a + 1]; p++)
        {
            if (Targets[p] == b)
            {
                return ArcEdge[p];
            }
        }

        return -1;
    }
}
