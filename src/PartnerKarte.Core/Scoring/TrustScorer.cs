using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// Computes explainable trust scores of partner reps (信頼スコア) as of an instant. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A score is a weighted sum of seven factors (<see cref="TrustFactorKind"/>). Each factor is a ratio of decayed sums over
/// the rep's interactions and proposals up to the instant, shrunk toward <see cref="TrustScoringOptions.PriorMean"/> when
/// evidence is thin; the trend compares with the same computation <see cref="TrustScoringOptions.TrendWindow"/> earlier.
/// Records after the instant are ignored, so scoring the same records at a later instant is how a score fades.
/// </remarks>
public sealed class TrustScorer
{
    private readonly TrustParameters _p;

    /// <summary>Creates a scorer.</summary>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">The options are invalid; the message names each bad option by its configuration key.</exception>
    public TrustScorer(TrustScoringOptions? options = null)
    {
        options ??= new TrustScoringOptions();
        options.Validate();
        Options = options;
        _p = new TrustParameters(options);
    }

    /// <summary>The options in use. Do not change them after construction.</summary>
    public TrustScoringOptions Options { get; }

    /// <summary>Scores every rep of a data set (reps listed first, then reps only seen in records), with explanations.</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="asOf">The instant to score at; later records are ignored.</param>
    /// <returns>One score per rep.</returns>
    public IReadOnlyList<TrustScore> ScoreAll(KarteDataSet data, DateTimeOffset asOf)
    {
        var set = TrustEventSet.Build(data, Options.DayBoundaryOffset);
        var result = new TrustScore[set.Reps.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Score(set, i, asOf);
        }

        return result;
    }

    /// <summary>
    /// The score values of every rep of a data set at several instants — a trend, as a report draws it — in one pass over
    /// the records: each value equals <see cref="TrustScore.Value"/> of <see cref="ScoreAll"/> at that instant, without
    /// building explanations.
    /// </summary>
    /// <param name="data">The kartes.</param>
    /// <param name="instants">The instants (any order); at each, later records are ignored.</param>
    /// <returns>One series per rep, in <see cref="ScoreAll"/>'s order.</returns>
    public IReadOnlyList<TrustScoreSeries> ScoreSeries(KarteDataSet data, IReadOnlyList<DateTimeOffset> instants)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(instants);
        var set = TrustEventSet.Build(data, Options.DayBoundaryOffset);
        var times = instants.Select(TrustEvent.ToEventTime).ToArray();
        var result = new TrustScoreSeries[set.Reps.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var values = new double?[times.Length];
            for (var k = 0; k < times.Length; k++)
            {
                // The score alone (a snapshot's Value): alerts, priority and trend are not part of a series.
                var (cur, _) = Sums(set.EventsOf(i).Span, times[k]);
                var factors = TrustEvaluator.Compute(cur, _p);
                values[k] = factors.Rated ? factors.Score : null;
            }

            result[i] = new TrustScoreSeries(set.Reps[i], values);
        }

        return result;
    }

    /// <summary>Scores one rep from its records, with an explanation. Records of other reps are ignored.</summary>
    /// <param name="repId">The rep.</param>
    /// <param name="interactions">Interactions (any order).</param>
    /// <param name="proposals">Proposals (those with <see cref="Proposal.RepId"/> = <paramref name="repId"/> count).</param>
    /// <param name="asOf">The instant to score at; later records are ignored.</param>
    /// <returns>The score.</returns>
    public TrustScore Score(RepId repId, IEnumerable<Interaction> interactions, IEnumerable<Proposal> proposals, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(proposals);
        var set = TrustEventSet.Build([repId], interactions.Where(i => i.RepId == repId), proposals.Where(p => p.RepId == repId), Options.DayBoundaryOffset);
        return Score(set, 0, asOf);
    }

    /// <summary>
    /// The median reply latency of reps over some interactions: a population reference for
    /// <see cref="TrustScoringOptions.ReferenceReplyLatency"/>.
    /// </summary>
    /// <param name="interactions">Interactions.</param>
    /// <returns>The median, or <see langword="null"/> when there are no rep replies.</returns>
    public static TimeSpan? MedianReplyLatency(IEnumerable<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var hours = interactions
            .Where(i => i.Initiator == Initiator.Rep && i.ResponseLatency is not null)
            .Select(i => Math.Max(0, i.ResponseLatency!.Value.TotalHours))
            .Order()
            .ToList();
        if (hours.Count == 0)
        {
            return null;
        }

        var n = hours.Count;
        var median = n % 2 == 1 ? hours[n / 2] : (hours[(n / 2) - 1] + hours[n / 2]) / 2;
        return TimeSpan.FromHours(median);
    }

    /// <summary>Scores every rep of an event set without explanations (what the sync writes back).</summary>
    internal TrustSnapshot[] Snapshots(TrustEventSet set, DateTimeOffset asOf)
    {
        var t0 = TrustEvent.ToEventTime(asOf);
        var result = new TrustSnapshot[set.Reps.Count];
        var days = new List<int>();
        for (var i = 0; i < result.Length; i++)
        {
            var (cur, lag) = Sums(set.EventsOf(i).Span, t0);
            result[i] = TrustEvaluator.Snapshot(cur, lag, t0, _p, UsualGap(set.EventsOf(i).Span, t0, days));
        }

        return result;
    }

    /// <summary>
    /// The short Japanese reasons written to the CRM (PK_TrustReasons__c / pk_trustreasons): the priority with its alerts,
    /// then the two factors that moved the score most (a factor whose evidence is mostly missing is said to be pending);
    /// at most 255 characters.
    /// </summary>
    internal string ReasonsOf(TrustSnapshot s)
    {
        var parts = new List<string>();
        var raised = s.Alerts.Where(a => a.RaisesPriority).Select(a => a.Reason.Ja).ToList();
        var head = TrustExplanation.PriorityLabel(s.FollowUpPriority, japanese: true);
        parts.Add(raised.Count == 0 ? head : head + ": " + string.Join("、", raised));
        if (s.Value is null)
        {
            parts.Add("評価保留（接触記録が不足）");
        }
        else
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var factors = new List<string>();
            var order = Enumerable.Range(0, TrustEvidence.FactorCount)
                .Select(f => (Kind: (TrustFactorKind)f, Impact: (s.FactorValue((TrustFactorKind)f) - Options.PriorMean) * _p.Weights[f] * 100))
                .Where(f => Math.Abs(f.Impact) >= TrustExplanation.MinimumImpact)
                .OrderByDescending(f => Math.Abs(f.Impact))
                .Take(2);
            if (s.InitiativeUnknown > s.InitiativeKnown)
            {
                factors.Add(TrustExplanation.Pending(TrustFactorKind.Initiative, japanese: true));
                order = order.Where(f => f.Kind != TrustFactorKind.Initiative);
            }

            factors.AddRange(order.Select(f => $"{TrustExplanation.Phrase(f.Kind, f.Impact > 0, japanese: true)} ({f.Impact.ToString("+0.0;-0.0", inv)})"));
            if (factors.Count > 0)
            {
                parts.Add(string.Join("・", factors));
            }
        }

        parts.AddRange(s.Alerts.Where(a => !a.RaisesPriority).Select(a => a.Reason.Ja));
        var text = string.Join("／", parts);
        return text.Length <= 255 ? text : text[..254] + "…";
    }

    /// <summary>Scores one rep of an event set, with an explanation.</summary>
    internal TrustScore Score(TrustEventSet set, int repIndex, DateTimeOffset asOf)
    {
        var t0 = TrustEvent.ToEventTime(asOf);
        var events = set.EventsOf(repIndex).Span;
        var (cur, lag) = Sums(events, t0);
        var snap = TrustEvaluator.Snapshot(cur, lag, t0, _p, UsualGap(events, t0, []));
        var factors = new TrustFactor[TrustEvidence.FactorCount];
        for (var f = 0; f < factors.Length; f++)
        {
            // Evidence: the newest relevant records, newest first.
            var evidence = new List<string>(Options.EvidencePerFactor);
            for (var i = events.Length - 1; i >= 0 && evidence.Count < Options.EvidencePerFactor; i--)
            {
                if (events[i].SourceIndex >= 0 && TrustEvidence.RelevantAt(f, events[i], t0))
                {
                    evidence.Add(set.SourceIds[events[i].SourceIndex]);
                }
            }

            var kind = (TrustFactorKind)f;
            factors[f] = new TrustFactor(kind, snap.FactorValue(kind), _p.Weights[f], TrustEvaluator.Effective(cur, f), evidence)
            {
                Prior = Options.PriorMean,
                MissingSamples = kind == TrustFactorKind.Initiative ? snap.InitiativeUnknown : 0,
            };
        }

        return new TrustScore
        {
            RepId = set.Reps[repIndex],
            AsOf = asOf,
            Value = snap.Value,
            Rank = snap.Rank,
            Confidence = snap.Confidence,
            Trend = snap.Trend,
            Factors = factors,
            Tendencies = snap.Tendencies,
            FollowUpPriority = snap.FollowUpPriority,
            Alerts = snap.Alerts,
            InteractionCount = snap.InteractionCount,
            LastContactAt = snap.LastContactAt,
        };
    }

    /// <summary>
    /// The rep's usual gap in days between two-way contact days up to <paramref name="t0"/>: the median of the latest
    /// <see cref="TrustScoringOptions.SilenceRhythmGaps"/> gaps; NaN with fewer than three gaps.
    /// </summary>
    private double UsualGap(ReadOnlySpan<TrustEvent> events, double t0, List<int> days)
    {
        days.Clear();
        foreach (ref readonly var e in events)
        {
            if (!(e.Time <= t0))
            {
                break;
            }

            if (e.IsTwoWay)
            {
                var day = _p.DayOf(e.Time);
                if (days.Count == 0 || days[^1] != day)
                {
                    days.Add(day);
                }
            }
        }

        var gaps = Math.Min(Options.SilenceRhythmGaps, days.Count - 1);
        if (gaps < 3)
        {
            return double.NaN;
        }

        Span<int> g = gaps <= 256 ? stackalloc int[gaps] : new int[gaps];
        for (var k = 0; k < gaps; k++)
        {
            g[k] = days[days.Count - 1 - k] - days[days.Count - 2 - k];
        }

        g.Sort();
        return gaps % 2 == 1 ? g[gaps / 2] : (g[(gaps / 2) - 1] + g[gaps / 2]) / 2.0;
    }

    /// <summary>The sums of one rep's events (sorted by time) as of <paramref name="t0"/> and one trend window earlier.</summary>
    private (TrustSums Cur, TrustSums Lag) Sums(ReadOnlySpan<TrustEvent> events, double t0)
    {
        var cur = TrustSums.Empty;
        var lag = TrustSums.Empty;
        var previousDay = int.MinValue;
        foreach (ref readonly var e in events)
        {
            if (!(e.Time <= t0))
            {
                break; // sorted: everything after is later
            }

            TrustKernel.Add(ref cur, ref lag, e, t0, _p);
            if (e.Kind == TrustEventKind.Interaction)
            {
                // Cadence counts contact days, once each, from the day's first contact.
                var day = _p.DayOf(e.Time);
                if (day != previousDay)
                {
                    TrustKernel.AddDay(ref cur, ref lag, day, e.Time, t0, _p);
                    previousDay = day;
                }
            }
        }

        return (cur, lag);
    }
}
