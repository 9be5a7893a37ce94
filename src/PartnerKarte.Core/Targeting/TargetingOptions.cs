using System.ComponentModel.DataAnnotations;
using PartnerKarte.Validation;

namespace PartnerKarte.Targeting;

/// <summary>Weights and constants of proposal targeting. The six weights must sum to 1. Configuration section <c>PartnerKarte:Targeting</c>.</summary>
public sealed class TargetingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Targeting";

    /// <summary>Weight of rep expertise overlapping the offer's product and themes.</summary>
    [Range(0, 1)]
    public double ExpertiseWeight { get; set; } = 0.25;

    /// <summary>Weight of rep interests overlapping the offer's themes.</summary>
    [Range(0, 1)]
    public double InterestWeight { get; set; } = 0.2;

    /// <summary>Weight of the company profile fit (industry, employee size band).</summary>
    [Range(0, 1)]
    public double CompanyFitWeight { get; set; } = 0.15;

    /// <summary>Weight of the rep's trust score.</summary>
    [Range(0, 1)]
    public double TrustWeight { get; set; } = 0.2;

    /// <summary>Weight of the smoothed past win rate on similar offers at the company.</summary>
    [Range(0, 1)]
    public double WinRateWeight { get; set; } = 0.1;

    /// <summary>Weight of how recently we were in contact with the rep.</summary>
    [Range(0, 1)]
    public double RecencyWeight { get; set; } = 0.1;

    /// <summary>Pseudo-count of the win-rate prior (the population win rate on similar offers).</summary>
    [Range(0, 1000)]
    public double WinRatePriorStrength { get; set; } = 2;

    /// <summary>Half-life in days of the recency component.</summary>
    [Range(1, 3650)]
    public double RecencyHalfLifeDays { get; set; } = 60;

    /// <summary>Trust value (0..100) used for unrated reps when no minimum trust is asked.</summary>
    [Range(0, 100)]
    public double UnratedTrust { get; set; } = 40;

    /// <summary>Throws when an option is invalid; the message names each bad option by its configuration key (under <see cref="SectionName"/>).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public void Validate() => OptionsRules.ThrowIfInvalid(this, SectionName);
}
