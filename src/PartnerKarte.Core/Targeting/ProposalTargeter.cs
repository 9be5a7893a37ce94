using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Targeting;

/// <summary>
/// Ranks (company, rep) pairs for an offer by fit: expertise overlap, interest overlap, company profile fit,
/// trust, smoothed past win rate on similar offers at the company, and recency — each result with its reasons
/// (提案の最適化). The karte is indexed once into compact arrays (tag ids, per-rep spans) at construction, so one
/// query is a linear pass over the reps with no per-rep allocation. Immutable and thread-safe.
/// </summary>
public sealed class ProposalTargeter
{
    private readonly TargetingOptions _options;
    private readonly Dictionary<string, int> _vocab = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly PartnerRep[] _reps;
    private readonly int[] _repCompany;
    private readonly bool[] _repEligible;
    private readonly double[] _repTrust;
    private readonly int[] _repLastDay;
    private readonly int[] _expStart;
    private readonly int[] _expTags;
    private readonly int[] _intStart;
    private readonly int[] _intTags;
    private readonly PartnerCompany?[] _companies;
    private readonly CompanyId[] _companyIds;
    private readonly string?[] _companyIndustry;
    private readonly int[] _propStart;
    private readonly int[] _propProduct;
    private readonly bool[] _propWon;
    private readonly int[] _propThemeStart;
    private readonly int[] _propThemes;

    /// <summary>Indexes a karte for targeting.</summary>
    /// <param name="data">The kartes: companies, reps, proposals (closed ones give win rates) and interactions (recency).</param>
    /// <param name="trust">Trust scores by rep.</param>
    /// <param name="options">Weights and constants; defaults when null.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is invalid.</exception>
    public ProposalTargeter(KarteDataSet data, IReadOnlyDictionary<RepId, TrustScore> trust, TargetingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trust);
        _options = options ?? new TargetingOptions();
        _options.Validate();

        var companyIndex = new Dictionary<CompanyId, int>();
        var companyIds = new List<CompanyId>();
        var companies = new List<PartnerCompany?>();
        int CompanyOf(CompanyId id)
        {
            if (!companyIndex.TryGetValue(id, out var i))
            {
                i = companyIds.Count;
                companyIndex.Add(id, i);
                companyIds.Add(id);
                companies.Add(null);
            }

            return i;
        }

        foreach (var c in data.Companies)
        {
            companies[CompanyOf(c.Id)] ??= c;
        }

        _reps = [.. data.Reps.OrderBy(r => r.Id.Value, StringComparer.Ordinal)];
        var n = _reps.Length;
        _repCompany = new int[n];
        _repEligible = new bool[n];
        _repTrust = new double[n];
        _repLastDay = new int[n];
        _expStart = new int[n + 1];
        _intStart = new int[n + 1];
        var exp = new List<int>();
        var interests = new List<int>();
        var repIndex = new Dictionary<RepId, int>(n);
        for (var i = 0; i < n; i++)
        {
            var r = _reps[i];
            repIndex.TryAdd(r.Id, i);
            _repCompany[i] = CompanyOf(r.CompanyId);
            _repEligible[i] = r.Status == RepStatus.Active && !r.OptedOut;
            _repTrust[i] = trust.TryGetValue(r.Id, out var s) && s.Value is double v ? v : double.NaN;
            _repLastDay[i] = int.MinValue;
            AddTags(r.ExpertiseTags, exp);
            _expStart[i + 1] = exp.Count;
            AddTags(r.InterestTags, interests);
            _intStart[i + 1] = interests.Count;
        }

        _expTags = [.. exp];
        _intTags = [.. interests];

        foreach (var it in data.Interactions)
        {
            if (repIndex.TryGetValue(it.RepId, out var i))
            {
                _repLastDay[i] = Math.Max(_repLastDay[i], DateOnly.FromDateTime(it.OccurredAt.UtcDateTime).DayNumber);
            }
        }

        // Closed proposals grouped by company, for win rates on similar offers.
        var closed = data.Proposals.Where(p => p.Outcome != ProposalOutcome.Open)
            .Select(p => (Company: CompanyOf(p.CompanyId), P: p))
            .OrderBy(x => x.Company).ThenBy(x => x.P.Id.Value, StringComparer.Ordinal).ToArray();
        _companyIds = [.. companyIds];
        _companies = [.. companies];
        _companyIndustry = [.. _companies.Select(c => c?.Profile.Industry is { } ind ? TagNormalizer.Normalize(ind) : null)];
        _propStart = new int[_companyIds.Length + 1];
        _propProduct = new int[closed.Length];
        _propWon = new bool[closed.Length];
        _propThemeStart = new int[closed.Length + 1];
        var themes = new List<int>();
        for (var k = 0; k < closed.Length; k++)
        {
            _propStart[closed[k].Company + 1]++;
            _propProduct[k] = Word(TagNormalizer.Normalize(closed[k].P.Offer));
            _propWon[k] = closed[k].P.Outcome == ProposalOutcome.Won;
            AddTags(closed[k].P.Themes, themes);
            _propThemeStart[k + 1] = themes.Count;
        }

        for (var c = 0; c < _companyIds.Length; c++)
        {
            _propStart[c + 1] += _propStart[c];
        }

        _propThemes = [.. themes];
    }

    /// <summary>Number of reps indexed.</summary>
    public int RepCount => _reps.Length;

    /// <summary>The best (company, rep) pairs for an offer, best first. Opted-out and inactive reps are never proposed.</summary>
    /// <param name="offer">The offer.</param>
    /// <param name="asOf">The instant recency is measured against.</param>
    /// <param name="top">How many pairs to return.</param>
    /// <returns>The ranked pairs with their reasons.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    public IReadOnlyList<TargetMatch> Target(Offer offer, DateTimeOffset asOf, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var o = _options;
        var offerTags = new bool[_words.Count];
        var themeTags = new bool[_words.Count];
        var offerCount = MarkKnown(offerTags, [offer.Product, .. offer.Themes], out var offerTotal);
        var themeCount = MarkKnown(themeTags, offer.Themes.Count > 0 ? offer.Themes : [offer.Product], out var themeTotal);
        _ = offerCount + themeCount;
        var product = _vocab.TryGetValue(TagNormalizer.Normalize(offer.Product), out var pid) ? pid : -1;
        var industries = TagNormalizer.ToSet(offer.TargetIndustries);

        // Per company: profile fit and win counts on similar offers; the population rate is the prior.
        var nc = _companyIds.Length;
        var fit = new double[nc];
        var won = new int[nc];
        var lost = new int[nc];
        int allWon = 0, allLost = 0;
        for (var c = 0; c < nc; c++)
        {
            fit[c] = CompanyFit(c, industries, offer.EmployeeSizeBands);
            for (var k = _propStart[c]; k < _propStart[c + 1]; k++)
            {
                var similar = _propProduct[k] == product;
                for (var t = _propThemeStart[k]; !similar && t < _propThemeStart[k + 1]; t++)
                {
                    similar = themeTags[_propThemes[t]];
                }

                if (similar)
                {
                    if (_propWon[k])
                    {
                        won[c]++;
                    }
                    else
                    {
                        lost[c]++;
                    }
                }
            }

            allWon += won[c];
            allLost += lost[c];
        }

        var prior = (allWon + 1.0) / (allWon + allLost + 2.0);
        var asOfDay = DateOnly.FromDateTime(asOf.UtcDateTime).DayNumber;
        var heap = new PriorityQueue<int, (double Score, int Index)>(top + 1, HeapOrder.Instance);
        for (var i = 0; i < _reps.Length; i++)
        {
            if (!_repEligible[i])
            {
                continue;
            }

            var trust = _repTrust[i];
            if (offer.MinimumTrust is double min && !(trust >= min))
            {
                continue;
            }

            var score = Components(i, offerTags, offerTotal, themeTags, themeTotal, fit, won, lost, prior, asOfDay, out _);
            if (heap.Count < top)
            {
                heap.Enqueue(i, (score, i));
            }
            else if (HeapOrder.Instance.Compare((score, i), PeekPriority(heap)) > 0)
            {
                heap.EnqueueDequeue(i, (score, i));
            }
        }

        var picked = new List<(double Score, int Index)>(heap.Count);
        while (heap.TryDequeue(out var idx, out var pri))
        {
            picked.Add((pri.Score, idx));
        }

        picked.Reverse();
        var result = new List<TargetMatch>(picked.Count);
        foreach (var (score, i) in picked)
        {
            Components(i, offerTags, offerTotal, themeTags, themeTotal, fit, won, lost, prior, asOfDay, out var parts);
            var tips = ApproachTips.For(_reps[i].Personality);
            result.Add(new TargetMatch(_companyIds[_repCompany[i]], _reps[i].Id, score, Reasons(i, parts, offer, industries, won, lost, prior, asOfDay), tips.Count > 0 ? tips[0] : null));
        }

        return result;
    }

    private static (double Score, int Index) PeekPriority(PriorityQueue<int, (double Score, int Index)> heap) =>
        heap.TryPeek(out _, out var p) ? p : default;

    private double Components(int i, bool[] offerTags, int offerTotal, bool[] themeTags, int themeTotal, double[] fit, int[] won, int[] lost, double prior, int asOfDay, out Parts parts)
    {
        var o = _options;
        var c = _repCompany[i];
        parts.Expertise = offerTotal == 0 ? 0 : Math.Min(1, Overlap(_expTags, _expStart[i], _expStart[i + 1], offerTags) / (double)offerTotal);
        parts.Interest = themeTotal == 0 ? 0 : Math.Min(1, Overlap(_intTags, _intStart[i], _intStart[i + 1], themeTags) / (double)themeTotal);
        parts.Fit = fit[c];
        parts.Trust = (double.IsNaN(_repTrust[i]) ? o.UnratedTrust : _repTrust[i]) / 100.0;
        parts.WinRate = (won[c] + (o.WinRatePriorStrength * prior)) / (won[c] + lost[c] + o.WinRatePriorStrength);
        parts.Recency = _repLastDay[i] == int.MinValue ? 0 : Math.Pow(2, -Math.Max(0, asOfDay - _repLastDay[i]) / o.RecencyHalfLifeDays);
        return (o.ExpertiseWeight * parts.Expertise) + (o.InterestWeight * parts.Interest) + (o.CompanyFitWeight * parts.Fit) +
               (o.TrustWeight * parts.Trust) + (o.WinRateWeight * parts.WinRate) + (o.RecencyWeight * parts.Recency);
    }

    private IReadOnlyList<FitReason> Reasons(int i, Parts p, Offer offer, HashSet<string> industries, int[] won, int[] lost, double prior, int asOfDay)
    {
        var o = _options;
        var r = _reps[i];
        var c = _repCompany[i];
        var list = new List<FitReason>(6);
        var offerSet = TagNormalizer.ToSet([offer.Product, .. offer.Themes]);
        var themeSet = TagNormalizer.ToSet(offer.Themes.Count > 0 ? offer.Themes : [offer.Product]);
        var exp = r.ExpertiseTags.Where(t => offerSet.Contains(TagNormalizer.Normalize(t))).ToArray();
        var interest = r.InterestTags.Where(t => themeSet.Contains(TagNormalizer.Normalize(t))).ToArray();
        if (exp.Length > 0)
        {
            list.Add(new("expertise", o.ExpertiseWeight * p.Expertise, new($"得意領域が一致: {string.Join("、", exp)}", $"Expertise matches: {string.Join(", ", exp)}")));
        }

        if (interest.Length > 0)
        {
            list.Add(new("interest", o.InterestWeight * p.Interest, new($"関心分野が一致: {string.Join("、", interest)}", $"Interests match: {string.Join(", ", interest)}")));
        }

        var profile = _companies[c]?.Profile;
        if (p.Fit > 0)
        {
            var industry = profile?.Industry ?? "?";
            var size = profile?.EmployeeCount is int e ? e.ToString(CultureInfo.InvariantCulture) : "?";
            var industryOk = industries.Count == 0 || (_companyIndustry[c] is { } ind && industries.Contains(ind));
            list.Add(new("company-fit", o.CompanyFitWeight * p.Fit, new(
                $"企業プロフィール適合 {p.Fit:P0}（業種 {industry}{(industryOk ? "" : "・対象外")}、従業員 {size}名）",
                $"Company profile fit {p.Fit:P0} (industry {industry}{(industryOk ? "" : ", not targeted")}, {size} employees)")));
        }

        var t = _repTrust[i];
        list.Add(new("trust", o.TrustWeight * p.Trust, double.IsNaN(t)
            ? new("信頼スコア未評価（既定値で計算）", "Trust unrated (default value used)")
            : new($"信頼スコア {t:0}", $"Trust score {t:0}")));
        list.Add(new("win-rate", o.WinRateWeight * p.WinRate, new(
            $"類似提案の受注率 {p.WinRate:P0}（{won[c]}勝{lost[c]}敗、全体 {prior:P0} で平滑化）",
            $"Win rate on similar offers {p.WinRate:P0} ({won[c]} won, {lost[c]} lost, smoothed toward {prior:P0})")));
        if (_repLastDay[i] != int.MinValue)
        {
            var days = Math.Max(0, asOfDay - _repLastDay[i]);
            list.Add(new("recency", o.RecencyWeight * p.Recency, new($"最終接触 {days}日前", $"Last contact {days} days ago")));
        }

        list.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        return list;
    }

    private double CompanyFit(int c, HashSet<string> industries, IReadOnlyList<EmployeeSizeBand> bands)
    {
        var industry = industries.Count == 0 ? 1.0 : _companyIndustry[c] is { } ind ? (industries.Contains(ind) ? 1.0 : 0.0) : 0.5;
        double size;
        if (bands.Count == 0)
        {
            size = 1.0;
        }
        else if (_companies[c]?.Profile.EmployeeCount is int e)
        {
            size = 0.0;
            foreach (var b in bands)
            {
                if (b.Contains(e))
                {
                    size = 1.0;
                    break;
                }
            }
        }
        else
        {
            size = 0.5;
        }

        return (industry + size) / 2;
    }

    private static int Overlap(int[] tags, int from, int to, bool[] mask)
    {
        var n = 0;
        for (var k = from; k < to; k++)
        {
            if (mask[tags[k]])
            {
                n++;
            }
        }

        return n;
    }

    private int MarkKnown(bool[] mask, IEnumerable<string> tags, out int total)
    {
        var set = TagNormalizer.ToSet(tags);
        total = set.Count;
        var known = 0;
        foreach (var t in set)
        {
            if (_vocab.TryGetValue(t, out var id))
            {
                mask[id] = true;
                known++;
            }
        }

        return known;
    }

    private void AddTags(IReadOnlyList<string> tags, List<int> into)
    {
        var start = into.Count;
        foreach (var t in tags)
        {
            if (string.IsNullOrWhiteSpace(t))
            {
                continue;
            }

            var id = Word(TagNormalizer.Normalize(t));
            var dup = false;
            for (var k = start; k < into.Count && !dup; k++)
            {
                dup = into[k] == id;
            }

            if (!dup)
            {
                into.Add(id);
            }
        }
    }

    private int Word(string normalized)
    {
        if (!_vocab.TryGetValue(normalized, out var id))
        {
            id = _words.Count;
            _vocab.Add(normalized, id);
            _words.Add(normalized);
        }

        return id;
    }

    private struct Parts
    {
        public double Expertise;
        public double Interest;
        public double Fit;
        public double Trust;
        public double WinRate;
        public double Recency;
    }

    // Min-heap order: lower score first; on ties the later rep (by id) first, so earlier ids are kept.
    private sealed class HeapOrder : IComparer<(double Score, int Index)>
    {
        public static readonly HeapOrder Instance = new();

        public int Compare((double Score, int Index) x, (double Score, int Index) y)
        {
            var c = x.Score.CompareTo(y.Score);
            return c != 0 ? c : y.Index.CompareTo(x.Index);
        }
    }
}
