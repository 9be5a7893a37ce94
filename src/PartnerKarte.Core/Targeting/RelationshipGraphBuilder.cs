using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>
/// Builds a <see cref="RelationshipGraph"/>: add people, then evidence between them. Several pieces of evidence
/// on one pair combine as a noisy-or (1 − Π(1 − sᵢ)), so more evidence never weakens a tie. Not thread-safe;
/// the built graph is immutable and thread-safe.
/// </summary>
public sealed class RelationshipGraphBuilder
{
    private readonly Dictionary<PersonRef, int> _index = [];
    private readonly List<PersonRef> _people = [];
    private readonly List<bool> _routable = [];
    private readonly List<int> _company = [];
    private readonly List<string?> _department = [];
    private readonly Dictionary<CompanyId, int> _companyIndex = [];
    private readonly List<CompanyId> _companies = [];
    private readonly Dictionary<long, int> _edgeIndex = [];
    private readonly List<int> _edgeA = [];
    private readonly List<int> _edgeB = [];
    private readonly List<double> _edgeMiss = [];
    private readonly List<RelationshipEvidence?> _firstEvidence = [];
    private readonly Dictionary<int, List<RelationshipEvidence>> _moreEvidence = [];
    private readonly List<Validation.ValidationProblem> _problems = [];

    /// <summary>Number of people added so far.</summary>
    public int PersonCount => _people.Count;

    /// <summary>Number of distinct connected pairs so far.</summary>
    public int EdgeCount => _edgeA.Count;

    /// <summary>Whether a person was added.</summary>
    /// <param name="person">The person.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(PersonRef person) => _index.ContainsKey(person);

    /// <summary>Adds a partner rep.</summary>
    /// <param name="id">The rep.</param>
    /// <param name="company">The rep's current company.</param>
    /// <param name="department">The rep's current department, if known.</param>
    /// <param name="routable">Whether paths may pass through or end at the rep: false for opted-out or inactive reps.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The rep was already added.</exception>
    public RelationshipGraphBuilder AddRep(RepId id, CompanyId company, string? department, bool routable)
    {
        if (!_companyIndex.TryGetValue(company, out var ci))
        {
            ci = _companies.Count;
            _companyIndex.Add(company, ci);
            _companies.Add(company);
        }

        Add(PersonRef.Rep(id), routable, ci, string.IsNullOrWhiteSpace(department) ? null : TagNormalizer.Normalize(department));
        return this;
    }

    /// <summary>Adds one of our users.</summary>
    /// <param name="id">The user.</param>
    /// <param name="active">Whether the user is active; inactive users are neither sources nor intermediates.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The user was already added.</exception>
    public RelationshipGraphBuilder AddUser(UserId id, bool active = true)
    {
        Add(PersonRef.User(id), active, -1, null);
        return this;
    }

    /// <summary>Adds evidence that two people are connected.</summary>
    /// <param name="a">One person (already added).</param>
    /// <param name="b">The other person (already added).</param>
    /// <param name="evidence">The evidence; its strength must be in (0, 1].</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A person is unknown, both are the same, or the strength is out of range.</exception>
    public RelationshipGraphBuilder AddEvidence(PersonRef a, PersonRef b, RelationshipEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        AddEvidenceCore(a, b, evidence.Strength, evidence);
        return this;
    }

    /// <summary>Adds a connection without recorded evidence (for synthetic graphs and benchmarks).</summary>
    /// <param name="a">One person (already added).</param>
    /// <param name="b">The other person (already added).</param>
    /// <param name="strength">The strength in (0, 1].</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A person is unknown, both are the same, or the strength is out of range.</exception>
    public RelationshipGraphBuilder AddEdge(PersonRef a, PersonRef b, double strength)
    {
        AddEvidenceCore(a, b, strength, null);
        return this;
    }

    /// <summary>Records a problem found in the input data (kept on the graph, so nothing is dropped silently).</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>This builder.</returns>
    public RelationshipGraphBuilder AddProblem(Validation.ValidationProblem problem)
    {
        _problems.Add(problem);
        return this;
    }

    /// <summary>Freezes the graph into compact arrays (CSR adjacency with int node ids).</summary>
    /// <returns>The graph.</returns>
    public RelationshipGraph Build()
    {
        var n = _people.Count;
        var m = _edgeA.Count;
        var offsets = new int[n + 1];
        for (var e = 0; e < m; e++)
        {
            offsets[_edgeA[e] + 1]++;
            offsets[_edgeB[e] + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var fill = (int[])offsets.Clone();
        var targets = new int[2 * m];
        var costs = new double[2 * m];
        var arcEdge = new int[2 * m];
        var strength = new double[m];
        var evidence = new RelationshipEvidence[]?[m];
        for (var e = 0; e < m; e++)
        {
            var s = Math.Clamp(1.0 - _edgeMiss[e], double.Epsilon, 1.0);
            strength[e] = s;
            var c = -Math.Log(s);
            int a = _edgeA[e], b = _edgeB[e];
            var p = fill[a]++;
            targets[p] = b;
            costs[p] = c;
            arcEdge[p] = e;
            p = fill[b]++;
            targets[p] = a;
            costs[p] = c;
            arcEdge[p] = e;
            if (_firstEvidence[e] is { } first)
            {
                evidence[e] = _moreEvidence.TryGetValue(e, out var more) ? [first, .. more] : [first];
            }
        }

        // Cheapest (strongest) ties first, so searches find good paths early and can stop scanning a list.
        var arcs = new (double Cost, int Target, int Edge)[2 * m];
        for (var p = 0; p < arcs.Length; p++)
        {
            arcs[p] = (costs[p], targets[p], arcEdge[p]);
        }

        for (var i = 0; i < n; i++)
        {
            Array.Sort(arcs, offsets[i], offsets[i + 1] - offsets[i]);
        }

        for (var p = 0; p < arcs.Length; p++)
        {
            (costs[p], targets[p], arcEdge[p]) = arcs[p];
        }

        // Reps per company, for company and department targets.
        var companyOffsets = new int[_companies.Count + 1];
        foreach (var c in _company)
        {
            if (c >= 0)
            {
                companyOffsets[c + 1]++;
            }
        }

        for (var i = 0; i < _companies.Count; i++)
        {
            companyOffsets[i + 1] += companyOffsets[i];
        }

        var companyFill = (int[])companyOffsets.Clone();
        var companyReps = new int[companyOffsets[^1]];
        for (var i = 0; i < n; i++)
        {
            if (_company[i] >= 0)
            {
                companyReps[companyFill[_company[i]]++] = i;
            }
        }

        return new RelationshipGraph(
            [.. _people], new Dictionary<PersonRef, int>(_index), [.. _routable], [.. _company], [.. _department],
            new Dictionary<CompanyId, int>(_companyIndex), companyOffsets, companyReps,
            offsets, targets, costs, arcEdge, strength, evidence, [.. _problems]);
    }

    private void Add(PersonRef person, bool routable, int company, string? department)
    {
        if (!_index.TryAdd(person, _people.Count))
        {
            throw new ArgumentException($"{person} was already added to the graph.", nameof(person));
        }

        _people.Add(person);
        _routable.Add(routable);
        _company.Add(company);
        _department.Add(department);
    }

    private void AddEvidenceCore(PersonRef a, PersonRef b, double strength, RelationshipEvidence? evidence)
    {
        if (!_index.TryGetValue(a, out var ia))
        {
            throw new ArgumentException($"{a} is not in the graph; add the person first.", nameof(a));
        }

        if (!_index.TryGetValue(b, out var ib))
        {
            throw new ArgumentException($"{b} is not in the graph; add the person first.", nameof(b));
        }

        if (ia == ib)
        {
            throw new ArgumentException($"{a} cannot be connected to themselves.", nameof(b));
        }

        if (!(strength > 0 && strength <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, $"The strength between {a} and {b} must be in (0, 1].");
        }

        var lo = Math.Min(ia, ib);
        var hi = Math.Max(ia, ib);
        var key = ((long)lo << 32) | (uint)hi;
        if (!_edgeIndex.TryGetValue(key, out var e))
        {
            e = _edgeA.Count;
            _edgeIndex.Add(key, e);
            _edgeA.Add(lo);
            _edgeB.Add(hi);
            _edgeMiss.Add(1.0);
            _firstEvidence.Add(null);
        }

        _edgeMiss[e] *= 1.0 - strength;
        if (evidence is null)
        {
            return;
        }

        if (_firstEvidence[e] is null)
        {
            _firstEvidence[e] = evidence;
        }
        else
        {
            if (!_moreEvidence.TryGetValue(e, out var list))
            {
                _moreEvidence[e] = list = [];
            }

            list.Add(evidence);
        }
    }
}
