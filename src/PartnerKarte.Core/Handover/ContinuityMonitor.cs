using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>
/// Watches a handover's partners: compares cadence (active contact days with their reps) and deal flow
/// (proposals created) since the handover against the baseline before it, and flags a drop as soon as the
/// shortfall is both large (<see cref="ContinuityOptions.DropRatio"/>) and unlikely to be noise (a Poisson
/// lower-tail test at the baseline rate, <see cref="ContinuityOptions.Significance"/>).
/// </summary>
public sealed class ContinuityMonitor
{
    private readonly ContinuityOptions _options;

    /// <summary>Creates a monitor.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public ContinuityMonitor(ContinuityOptions? options = null)
    {
        _options = options ?? new ContinuityOptions();
        _options.Validate();
    }

    /// <summary>Compares before and after a handover as of an instant.</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="companies">The partner companies to watch (e.g. <see cref="HandoverPlan.Companies"/>).</param>
    /// <param name="handoverAt">When the handover took effect.</param>
    /// <param name="asOf">The instant of the comparison (events after it are ignored).</param>
    /// <returns>The report.</returns>
    public ContinuityReport Evaluate(KarteDataSet data, IReadOnlyCollection<CompanyId> companies, DateTimeOffset handoverAt, DateTimeOffset asOf) =>
        Evaluate(Series.From(data, companies), companies, handoverAt, asOf);

    /// <summary>
    /// The first day after the handover on which a drop would have been flagged, scanning day by day up to
    /// <paramref name="until"/>; null when none.
    /// </summary>
    /// <param name="data">The kartes.</param>
    /// <param name="companies">The partner companies to watch.</param>
    /// <param name="handoverAt">When the handover took effect.</param>
    /// <param name="until">The last instant to scan.</param>
    /// <returns>The first instant with a drop, or null.</returns>
    public DateTimeOffset? FindFirstDrop(KarteDataSet data, IReadOnlyCollection<CompanyId> companies, DateTimeOffset handoverAt, DateTimeOffset until)
    {
        var series = Series.From(data, companies);
        for (var at = handoverAt.AddDays(_options.MinDaysAfter); at <= until; at = at.AddDays(1))
        {
            if (Evaluate(series, companies, handoverAt, at).DropDetected)
            {
                return at;
            }
        }

        return null;
    }

    private ContinuityReport Evaluate(Series s, IReadOnlyCollection<CompanyId> companies, DateTimeOffset handoverAt, DateTimeOffset asOf)
    {
        var baselineStart = handoverAt.AddDays(-_options.BaselineDays);
        var afterDays = Math.Max(0, (asOf - handoverAt).TotalDays);
        ContinuityMetric Metric(string name, IReadOnlyList<DateTimeOffset> events)
        {
            var before = events.Count(e => e >= baselineStart && e < handoverAt);
            var after = events.Count(e => e >= handoverAt && e <= asOf);
            var rate = before / (double)_options.BaselineDays;
            var expected = rate * afterDays;
            var p = PoissonLowerTail(after, expected);
            var dropped = afterDays >= _options.MinDaysAfter && expected > 0 && after < _options.DropRatio * expected && p < _options.Significance;
            return new ContinuityMetric(name, rate * 7, afterDays > 0 ? after / afterDays * 7 : 0, expected, after, p, dropped);
        }

        return new ContinuityReport([.. companies], handoverAt, asOf, Metric("cadence", s.ContactDays), Metric("deal-flow", s.Proposals));
    }

    // P(X ≤ k) for X ~ Poisson(λ), summed in log space so large λ does not underflow.
    internal static double PoissonLowerTail(int k, double lambda)
    {
        if (lambda <= 0)
        {
            return 1;
        }

        var logTerm = -lambda;
        var logSum = logTerm;
        for (var i = 1; i <= k; i++)
        {
            logTerm += Math.Log(lambda / i);
            var hi = Math.Max(logSum, logTerm);
            logSum = hi + Math.Log(Math.Exp(logSum - hi) + Math.Exp(logTerm - hi));
        }

        return Math.Min(1, Math.Exp(logSum));
    }

    private sealed class Series
    {
        public required IReadOnlyList<DateTimeOffset> ContactDays { get; init; }

        public required IReadOnlyList<DateTimeOffset> Proposals { get; init; }

        public static Series From(KarteDataSet data, IReadOnlyCollection<CompanyId> companies)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(companies);
            var set = companies.ToHashSet();
            var repCompany = new Dictionary<RepId, CompanyId>();
            foreach (var r in data.Reps)
            {
                repCompany.TryAdd(r.Id, r.CompanyId);
            }

            // One event per (rep, day): a burst of emails on one day is one active contact day.
            var days = data.Interactions
                .Where(i => repCompany.TryGetValue(i.RepId, out var c) && set.Contains(c))
                .Select(i => (i.RepId, Day: DateOnly.FromDateTime(i.OccurredAt.UtcDateTime)))
                .Distinct()
                .Select(x => new DateTimeOffset(x.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
                .ToArray();
            var proposals = data.Proposals.Where(p => set.Contains(p.CompanyId))
                .Select(p => new DateTimeOffset(p.CreatedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).ToArray();
            return new Series { ContactDays = days, Proposals = proposals };
        }
    }
}
