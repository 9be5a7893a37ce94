using System.Globalization;
using Microsoft.Extensions.Options;
using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>
/// Options of <see cref="PartnerKpiCalculator"/>. Bind from configuration (e.g. <c>PartnerKarte:Kpis</c>); the
/// calculator validates them when it is created and names every invalid option.
/// </summary>
public sealed class PartnerKpiOptions
{
    /// <summary>Alert when a contract ends or renews within this many days (default 60; 0–3650).</summary>
    public int RenewalNoticeDays { get; set; } = 60;

    /// <summary>Alert when the commission review date is within this many days (default 30; 0–3650).</summary>
    public int CommissionReviewNoticeDays { get; set; } = 30;

    /// <summary>The template whose items karte completeness counts (default <see cref="KarteTemplate.Default"/>).</summary>
    public KarteTemplate Template { get; set; } = KarteTemplate.Default;

    /// <summary>Weight of a required item in completeness (default 2; above 0).</summary>
    public double RequiredItemWeight { get; set; } = 2;

    /// <summary>Weight of a recommended item in completeness (default 1; 0 or more, 0 ignores recommended items).</summary>
    public double RecommendedItemWeight { get; set; } = 1;

    /// <summary>Share of the rep level in overall completeness (default 0.5; 0–1).</summary>
    public double RepLevelWeight { get; set; } = 0.5;

    /// <summary>
    /// Strength of the prior, in closed deals, that pulls a partner's win rate toward the population's in the focus
    /// ranking, so 1 won of 1 does not outrank 30 won of 40 (default 5; 0–1000).
    /// </summary>
    public double WinRatePriorDeals { get; set; } = 5;

    /// <summary>Weight of the revenue percentile in performance (default 0.5). The performance weights must sum to 1.</summary>
    public double PerformanceRevenueWeight { get; set; } = 0.5;

    /// <summary>Weight of the deal count percentile in performance (default 0.25).</summary>
    public double PerformanceDealsWeight { get; set; } = 0.25;

    /// <summary>Weight of the shrunk win rate in performance (default 0.25).</summary>
    public double PerformanceWinRateWeight { get; set; } = 0.25;

    /// <summary>Weight of the existing customer count percentile in potential (default 0.4). The potential weights must sum to 1.</summary>
    public double PotentialCustomerBaseWeight { get; set; } = 0.4;

    /// <summary>Weight of the employee count percentile in potential (default 0.2).</summary>
    public double PotentialSizeWeight { get; set; } = 0.2;

    /// <summary>Weight of the open pipeline amount percentile in potential (default 0.4).</summary>
    public double PotentialPipelineWeight { get; set; } = 0.4;

    /// <summary>Performance and potential at or above this are "high" in the quadrant (default 0.5; 0–1).</summary>
    public double QuadrantThreshold { get; set; } = 0.5;

    /// <summary>Lists every invalid option, each message naming it.</summary>
    /// <returns>The failures; empty when the options are valid.</returns>
    public IReadOnlyList<string> GetValidationFailures()
    {
        var failures = new List<string>();
        void Range(string name, double value, double min, double max)
        {
            if (double.IsNaN(value) || value < min || value > max)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(PartnerKpiOptions)}.{name} must be between {min} and {max} (was {value})."));
            }
        }

        void SumsToOne(string names, params double[] weights)
        {
            var sum = weights.Sum();
            if (Math.Abs(sum - 1) > 1e-9)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(PartnerKpiOptions)}.{names} must sum to 1 (was {sum})."));
            }
        }

        Range(nameof(RenewalNoticeDays), RenewalNoticeDays, 0, 3650);
        Range(nameof(CommissionReviewNoticeDays), CommissionReviewNoticeDays, 0, 3650);
        if (Template is null)
        {
            failures.Add($"{nameof(PartnerKpiOptions)}.{nameof(Template)} must be set.");
        }

        if (!(RequiredItemWeight > 0) || double.IsInfinity(RequiredItemWeight))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(PartnerKpiOptions)}.{nameof(RequiredItemWeight)} must be above 0 (was {RequiredItemWeight})."));
        }

        Range(nameof(RecommendedItemWeight), RecommendedItemWeight, 0, 1000);
        Range(nameof(RepLevelWeight), RepLevelWeight, 0, 1);
        Range(nameof(WinRatePriorDeals), WinRatePriorDeals, 0, 1000);
        Range(nameof(PerformanceRevenueWeight), PerformanceRevenueWeight, 0, 1);
        Range(nameof(PerformanceDealsWeight), PerformanceDealsWeight, 0, 1);
        Range(nameof(PerformanceWinRateWeight), PerformanceWinRateWeight, 0, 1);
        Range(nameof(PotentialCustomerBaseWeight), PotentialCustomerBaseWeight, 0, 1);
        Range(nameof(PotentialSizeWeight), PotentialSizeWeight, 0, 1);
        Range(nameof(PotentialPipelineWeight), PotentialPipelineWeight, 0, 1);
        Range(nameof(QuadrantThreshold), QuadrantThreshold, 0, 1);
        SumsToOne($"{nameof(PerformanceRevenueWeight)}, {nameof(PerformanceDealsWeight)} and {nameof(PerformanceWinRateWeight)}",
            PerformanceRevenueWeight, PerformanceDealsWeight, PerformanceWinRateWeight);
        SumsToOne($"{nameof(PotentialCustomerBaseWeight)}, {nameof(PotentialSizeWeight)} and {nameof(PotentialPipelineWeight)}",
            PotentialCustomerBaseWeight, PotentialSizeWeight, PotentialPipelineWeight);
        return failures;
    }

    /// <summary>Throws when any option is invalid.</summary>
    /// <exception cref="OptionsValidationException">One or more options are invalid; the failures name them.</exception>
    public void Validate()
    {
        var failures = GetValidationFailures();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(PartnerKpiOptions), typeof(PartnerKpiOptions), failures);
        }
    }
}
