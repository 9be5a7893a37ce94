namespace PartnerKarte.Handover;

/// <summary>One metric compared before and after a handover.</summary>
/// <param name="Name">The metric: <c>cadence</c> (active contact days with the partners' reps) or <c>deal-flow</c> (proposals created).</param>
/// <param name="BaselinePerWeek">Rate in the baseline window, per week.</param>
/// <param name="AfterPerWeek">Rate since the handover, per week.</param>
/// <param name="Expected">Events expected since the handover at the baseline rate.</param>
/// <param name="Observed">Events observed since the handover.</param>
/// <param name="PValue">Poisson probability of observing so few events at the baseline rate.</param>
/// <param name="Dropped">Whether the metric counts as dropped.</param>
public sealed record ContinuityMetric(string Name, double BaselinePerWeek, double AfterPerWeek, double Expected, int Observed, double PValue, bool Dropped)
{
    /// <summary>After rate over baseline rate (1 when there is no baseline).</summary>
    public double Ratio => BaselinePerWeek > 0 ? AfterPerWeek / BaselinePerWeek : 1;
}
