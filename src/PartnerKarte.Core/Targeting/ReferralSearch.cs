namespace PartnerKarte.Targeting;

/// <summary>
/// Exact best-k hop-limited simple paths by meeting in the middle. Every simple path of L ≤ H hops splits
/// uniquely into a forward part of min(F, L) hops from a source (F = ⌈H/2⌉) and a backward part of the rest
/// (≤ B = H − F hops) into a target. We enumerate backward parts from the targets once, then forward parts from
/// the sources, joining on the middle node and keeping the k cheapest (cost = Σ −log strength) with
/// branch-and-bound pruning. With the hop limit this touches only the ⌈H/2⌉-neighbourhoods of both ends, which
/// is why it beats Yen's algorithm with hop-constrained spur searches on large small-world graphs.
/// </summary>
internal sealed class ReferralSearch
{
    private readonly RelationshipGraph _g;
    private readonly ReferralQuery _query;
    private readonly HashSet<int> _targets = [];
    private readonly HashSet<int> _sources = [];
    private readonly List<int> _bNodes = [];
    private readonly List<int> _bLen = [];
    private readonly List<double> _bCost = [];
    private readonly Dictionary<int, List<int>> _bByJoin = [];
    private readonly List<(double Cost, int[] Nodes)> _best = [];
    private readonly int[] _fp = new int[ReferralQuery.MaxSupportedHops + 2];
    private readonly int[] _bp = new int[ReferralQuery.MaxSupportedHops + 2];
    private int _f;
    private int _b;
    private int _stride;

    private readonly int _forcedSplit;

    public ReferralSearch(RelationshipGraph graph, ReferralQuery query, int forcedSplit = -1)
    {
        _g = graph;
        _query = query;
        _forcedSplit = forcedSplit;
    }

    private double Worst => _best.Count < _query.K ? double.PositiveInfinity : _best[^1].Cost;

    public ReferralResult Run()
    {
        var outcome = ResolveTargets();
        if (outcome != ReferralOutcome.Found)
        {
            return new ReferralResult(outcome, []);
        }

        if (!ResolveSources())
        {
            return new ReferralResult(ReferralOutcome.NoSource, []);
        }

        _f = _forcedSplit >= 0 ? Math.Min(_forcedSplit, _query.MaxHops) : ChooseSplit();
        _b = _query.MaxHops - _f;
        _stride = _b + 1;
        if (_b > 0)
        {
            foreach (var t in _targets.Order())
            {
                _bp[0] = t;
                Backward(0, 0);
            }

            foreach (var list in _bByJoin.Values)
            {
                list.Sort((x, y) => _bCost[x].CompareTo(_bCost[y]));
            }
        }

        foreach (var s in _sources.Order())
        {
            _fp[0] = s;
            Forward(0, 0);
        }

        if (_best.Count == 0)
        {
            return new ReferralResult(ReferralOutcome.NoPath, []);
        }

        var paths = new List<ReferralPath>(_best.Count);
        foreach (var (_, nodes) in _best)
        {
            var people = new PersonRef[nodes.Length];
            var hops = new ReferralHop[nodes.Length - 1];
            var score = 1.0;
            for (var i = 0; i < nodes.Length; i++)
            {
                people[i] = _g.People[nodes[i]];
            }

            for (var i = 0; i + 1 < nodes.Length; i++)
            {
                var e = _g.FindEdge(nodes[i], nodes[i + 1]);
                var s = _g.EdgeStrength[e];
                score *= s;
                hops[i] = new ReferralHop(people[i], people[i + 1], s, _g.EdgeEvidence[e] ?? []);
            }

            paths.Add(new ReferralPath(score, people, hops));
        }

        return new ReferralResult(ReferralOutcome.Found, paths);
    }

    // Picks the forward depth F that minimises the estimated number of partial paths on both sides:
    // many sources (the whole team) favour searching back from the target, one source and a big company the reverse.
    private int ChooseSplit()
    {
        var h = _query.MaxHops;
        var avg = Math.Max(1.0, _g.Targets.Length / (double)Math.Max(1, _g.People.Length));
        double s1 = 0, t1 = 0;
        foreach (var s in _sources)
        {
            s1 += _g.Offsets[s + 1] - _g.Offsets[s];
        }

        foreach (var t in _targets)
        {
            t1 += _g.Offsets[t + 1] - _g.Offsets[t];
        }

        var best = (h + 1) / 2;
        var bestCost = double.PositiveInfinity;
        foreach (var f in Enumerable.Range(0, h + 1).OrderBy(f => Math.Abs((2 * f) - h)))
        {
            var b = h - f;
            var cost = (f == 0 ? 0 : s1 * Math.Pow(avg, f - 1)) + (b == 0 ? 0 : t1 * Math.Pow(avg, b - 1));
            if (cost < bestCost)
            {
                best = f;
                bestCost = cost;
            }
        }

        return best;
    }

    private ReferralOutcome ResolveTargets()
    {
        if (_query.TargetRep is { } rep)
        {
            if (!_g.Index.TryGetValue(PersonRef.Rep(rep), out var i))
            {
                return ReferralOutcome.UnknownTarget;
            }

            if (!_g.Routable[i])
            {
                return ReferralOutcome.TargetExcluded;
            }

            _targets.Add(i);
            return ReferralOutcome.Found;
        }

        if (!_g.CompanyIndex.TryGetValue(_query.TargetCompany!.Value, out var c))
        {
            return ReferralOutcome.UnknownTarget;
        }

        var dept = _query.TargetDepartment is null ? null : TagNormalizer.Normalize(_query.TargetDepartment);
        var any = false;
        for (var p = _g.CompanyOffsets[c]; p < _g.CompanyOffsets[c + 1]; p++)
        {
            var r = _g.CompanyReps[p];
            if (dept is not null && !string.Equals(_g.DepartmentOf[r], dept, StringComparison.Ordinal))
            {
                continue;
            }

            any = true;
            if (_g.Routable[r])
            {
                _targets.Add(r);
            }
        }

        return !any ? ReferralOutcome.UnknownTarget : _targets.Count == 0 ? ReferralOutcome.TargetExcluded : ReferralOutcome.Found;
    }

    private bool ResolveSources()
    {
        if (_query.From is null || _query.From.Count == 0)
        {
            for (var i = 0; i < _g.People.Length; i++)
            {
                if (_g.People[i].Kind == PersonKind.User && _g.Routable[i])
                {
                    _sources.Add(i);
                }
            }
        }
        else
        {
            foreach (var u in _query.From)
            {
                if (_g.Index.TryGetValue(PersonRef.User(u), out var i) && _g.Routable[i])
                {
                    _sources.Add(i);
                }
            }
        }

        return _sources.Count > 0;
    }

    // Enumerates backward parts m → … → t of 1..B hops; every node but t is an intermediate of the final path.
    // With F = 0 the parts end at a source and are complete paths, offered at once (and pruned by the k-th cost).
    private void Backward(int depth, double cost)
    {
        var u = _bp[depth];
        if (depth > 0 && _f > 0)
        {
            var idx = _bLen.Count;
            for (var i = 0; i < _stride; i++)
            {
                _bNodes.Add(i <= depth ? _bp[depth - i] : -1);
            }

            _bLen.Add(depth);
            _bCost.Add(cost);
            if (!_bByJoin.TryGetValue(u, out var list))
            {
                _bByJoin[u] = list = [];
            }

            list.Add(idx);
        }

        if (depth == _b)
        {
            return;
        }

        for (var p = _g.Offsets[u]; p < _g.Offsets[u + 1]; p++)
        {
            var next = cost + _g.Costs[p];
            if (_f == 0 && next > Worst)
            {
                break; // arcs are sorted by cost
            }

            var v = _g.Targets[p];
            if (!_g.Routable[v] || _targets.Contains(v) || OnPath(_bp, depth, v))
            {
                continue;
            }

            if (_sources.Contains(v))
            {
                if (_f == 0)
                {
                    var nodes = new int[depth + 2];
                    nodes[0] = v;
                    for (var i = 0; i <= depth; i++)
                    {
                        nodes[i + 1] = _bp[depth - i];
                    }

                    Offer(next, nodes);
                }

                continue;
            }

            _bp[depth + 1] = v;
            Backward(depth + 1, next);
        }
    }

    private void Forward(int depth, double cost)
    {
        var u = _fp[depth];
        if (depth > 0 && _targets.Contains(u))
        {
            Offer(cost, depth, -1);
            return;
        }

        if (depth == _f)
        {
            if (_bByJoin.TryGetValue(u, out var list))
            {
                foreach (var idx in list)
                {
                    var total = cost + _bCost[idx];
                    if (total > Worst)
                    {
                        break;
                    }

                    if (Disjoint(depth, idx))
                    {
                        Offer(total, depth, idx);
                    }
                }
            }

            return;
        }

        for (var p = _g.Offsets[u]; p < _g.Offsets[u + 1]; p++)
        {
            var v = _g.Targets[p];
            if (!_g.Routable[v] || _sources.Contains(v) || OnPath(_fp, depth, v))
            {
                continue;
            }

            var next = cost + _g.Costs[p];
            if (next > Worst)
            {
                break; // arcs are sorted by cost
            }

            _fp[depth + 1] = v;
            Forward(depth + 1, next);
        }
    }

    private static bool OnPath(int[] path, int depth, int v)
    {
        for (var i = 0; i <= depth; i++)
        {
            if (path[i] == v)
            {
                return true;
            }
        }

        return false;
    }

    private bool Disjoint(int depth, int idx)
    {
        var start = idx * _stride;
        var len = _bLen[idx];
        for (var j = 1; j <= len; j++)
        {
            var v = _bNodes[start + j];
            for (var i = 0; i < depth; i++)
            {
                if (_fp[i] == v)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void Offer(double cost, int depth, int backIdx)
    {
        if (cost > Worst)
        {
            return;
        }

        var backLen = backIdx < 0 ? 0 : _bLen[backIdx];
        var nodes = new int[depth + 1 + backLen];
        Array.Copy(_fp, nodes, depth + 1);
        for (var j = 1; j <= backLen; j++)
        {
            nodes[depth + j] = _bNodes[(backIdx * _stride) + j];
        }

        Offer(cost, nodes);
    }

    private void Offer(double cost, int[] nodes)
    {
        if (cost > Worst)
        {
            return;
        }

        var pos = _best.Count;
        while (pos > 0 && Compare(cost, nodes, _best[pos - 1]) < 0)
        {
            pos--;
        }

        if (pos >= _query.K)
        {
            return;
        }

        _best.Insert(pos, (cost, nodes));
        if (_best.Count > _query.K)
        {
            _best.RemoveAt(_best.Count - 1);
        }
    }

    private static int Compare(double cost, int[] nodes, (double Cost, int[] Nodes) other)
    {
        var c = cost.CompareTo(other.Cost);
        if (c != 0)
        {
            return c;
        }

        var n = Math.Min(nodes.Length, other.Nodes.Length);
        for (var i = 0; i < n; i++)
        {
            c = nodes[i].CompareTo(other.Nodes[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return nodes.Length.CompareTo(other.Nodes.Length);
    }
}
