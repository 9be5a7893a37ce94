using System.ComponentModel.DataAnnotations;
using PartnerKarte.Validation;

namespace PartnerKarte.Handover;

/// <summary>How the continuity monitor compares before and after a handover. Configuration section <c>PartnerKarte:Continuity</c>.</summary>
public sealed class ContinuityOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Continuity";

    /// <summary>Days before the handover that form the baseline.</summary>
    [Range(7, 3650)]
    public int BaselineDays { get; set; } = 90;

    /// <summary>Fewest days after the handover before a drop can be flagged.</summary>
    [Range(1, 365)]
    public int MinDaysAfter { get; set; } = 7;

    /// <summary>A metric has dropped when the observed count is below this share (0..1) of the expected count.</summary>
    [Range(0.0, 1.0)]
    public double DropRatio { get; set; } = 0.6;

    /// <summary>…and the Poisson probability of so few events at the baseline rate is below this (guards against noise).</summary>
    [Range(0.0, 1.0)]
    public double Significance { get; set; } = 0.01;

    /// <summary>Throws when an option is invalid; the message names each bad option by its configuration key (under <see cref="SectionName"/>).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public void Validate() => OptionsRules.ThrowIfInvalid(this, SectionName);
}
