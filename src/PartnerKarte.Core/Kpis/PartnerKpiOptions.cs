using System.ComponentModel.DataAnnotations;
using PartnerKarte.Karte;
using PartnerKarte.Validation;

namespace PartnerKarte.Kpis;

/// <summary>
/// Options of <see cref="PartnerKpiCalculator"/> (configuration section <c>PartnerKarte:Kpis</c>, <see cref="SectionName"/>);
/// validated at startup by <c>AddPartnerKarte</c> and, with the same rules, when the calculator is created.
/// </summary>
public sealed class PartnerKpiOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Kpis";

    /// <summary>Alert when a contract ends or renews within this many days (default 60; 0–3650).</summary>
    [Range(0, 3650)]
    public int RenewalNoticeDays { get; set; } = 60;

    /// <summary>Alert when the commission review date is within this many days (default 30; 0–3650).</summary>
    [Range(0, 3650)]
    public int CommissionReviewNoticeDays { get; set; } = 30;

    /// <summary>The template whose items karte completeness counts (default <see cref="KarteTemplate.Default"/>).</summary>
    [Required]
    public KarteTemplate Template { get; set; } = KarteTemplate.Default;

    /// <summary>Weight of a required item in completeness (default 2; above 0).</summary>
    [Range(0.0, 1000.0, MinimumIsExclusive = true)]
    public double RequiredItemWeight { get; set; } = 2;

    /// <summary>Weight of a recommended item in completeness (default 1; 0 or more, 0 ignores recommended items).</summary>
    [Range(0.0, 1000.0)]
    public double RecommendedItemWeight { get; set; } = 1;

    /// <summary>Share of the rep level in overall completeness (default 0.5; 0–1).</summary>
    [Range(0.0, 1.0)]
    public double RepLevelWeight { get; set; } = 0.5;

    /// <summary>
    /// Strength of the prior, in closed deals, that pulls a partner's win rate toward the population's in the focus
    /// ranking, so 1 won of 1 does not outrank 30 won of 40 (default 5; 0–1000).
    /// </summary>
    [Range(0.0, 1000.0)]
    public double WinRatePriorDeals { get; set; } = 5;

    /// <summary>Weight of the revenue percentile in performance (default 0.5). The performance weights must sum to 1.</summary>
    [Range(0.0, 1.0)]
    public double PerformanceRevenueWeight { get; set; } = 0.5;

    /// <summary>Weight of the deal count percentile in performance (default 0.25).</summary>
    [Range(0.0, 1.0)]
    public double PerformanceDealsWeight { get; set; } = 0.25;

    /// <summary>Weight of the shrunk win rate in performance (default 0.25).</summary>
    [Range(0.0, 1.0)]
    public double PerformanceWinRateWeight { get; set; } = 0.25;

    /// <summary>Weight of the existing customer count percentile in potential (default 0.4). The potential weights must sum to 1.</summary>
    [Range(0.0, 1.0)]
    public double PotentialCustomerBaseWeight { get; set; } = 0.4;

    /// <summary>Weight of the employee count percentile in potential (default 0.2).</summary>
    [Range(0.0, 1.0)]
    public double PotentialSizeWeight { get; set; } = 0.2;

    /// <summary>Weight of the open pipeline amount percentile in potential (default 0.4).</summary>
    [Range(0.0, 1.0)]
    public double PotentialPipelineWeight { get; set; } = 0.4;

    /// <summary>Performance and potential at or above this are "high" in the quadrant (default 0.5; 0–1).</summary>
    [Range(0.0, 1.0)]
    public double QuadrantThreshold { get; set; } = 0.5;

    /// <summary>Throws when an option is invalid; the message names each bad option by its configuration key (under <see cref="SectionName"/>).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public void Validate() => OptionsRules.ThrowIfInvalid(this, SectionName);
}
