using System.ComponentModel.DataAnnotations;
using PartnerKarte.Validation;

namespace PartnerKarte.Targeting;

/// <summary>How edge strengths of the relationship graph are derived from the karte. Configuration section <c>PartnerKarte:RelationshipGraph</c>.</summary>
public sealed class RelationshipGraphOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:RelationshipGraph";

    /// <summary>Half-life in days of the recency factor (a contact this old counts half).</summary>
    [Range(1, 3650)]
    public double RecencyHalfLifeDays { get; set; } = 180;

    /// <summary>Floor of the recency factor, so old ties stay in the graph but weak.</summary>
    [Range(0.001, 1)]
    public double RecencyFloor { get; set; } = 0.05;

    /// <summary>Base strength of colleagues at the same company.</summary>
    [Range(0.001, 1)]
    public double ColleagueStrength { get; set; } = 0.3;

    /// <summary>Base strength of colleagues in the same department.</summary>
    [Range(0.001, 1)]
    public double SameDepartmentStrength { get; set; } = 0.5;

    /// <summary>Base strength of people who met in the same meeting.</summary>
    [Range(0.001, 1)]
    public double SharedMeetingStrength { get; set; } = 0.5;

    /// <summary>Base strength of our user owning a rep relationship.</summary>
    [Range(0.001, 1)]
    public double OwnerStrength { get; set; } = 0.6;

    /// <summary>Default strength of an explicit "knows" link.</summary>
    [Range(0.001, 1)]
    public double KnowsStrength { get; set; } = 0.6;

    /// <summary>Default strength of an explicit "introduced" link.</summary>
    [Range(0.001, 1)]
    public double IntroducedStrength { get; set; } = 0.8;

    /// <summary>Strength between members of the same team on our side.</summary>
    [Range(0.001, 1)]
    public double TeammateStrength { get; set; } = 0.8;

    /// <summary>Trust value (0..100) assumed for unrated reps.</summary>
    [Range(0, 100)]
    public double UnratedTrust { get; set; } = 40;

    /// <summary>Throws when an option is invalid; the message names each bad option by its configuration key (under <see cref="SectionName"/>).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public void Validate() => OptionsRules.ThrowIfInvalid(this, SectionName);
}
