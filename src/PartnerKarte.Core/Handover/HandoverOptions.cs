using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PartnerKarte.Validation;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>Rules and thresholds of handover planning, briefs and checks. Configuration section <c>PartnerKarte:Handover</c>.</summary>
public sealed class HandoverOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "PartnerKarte:Handover";

    /// <summary>Days after the effective date a follow-up task is due ("meet the successor", key-person review).</summary>
    [Range(0, 365)]
    public int TaskDueDays { get; set; } = 14;

    /// <summary>Window in days before the effective date used to measure where a rep's contact sits.</summary>
    [Range(1, 3650)]
    public int ConcentrationWindowDays { get; set; } = 180;

    /// <summary>Share (0..1) of a rep's contact with the departing manager from which an "introduce the successor" task is created.</summary>
    [Range(0.0, 1.0)]
    public double TrustConcentrationThreshold { get; set; } = 0.6;

    /// <summary>Fewest interactions in the window for a concentration to count.</summary>
    [Range(1, 1000)]
    public int MinInteractionsForConcentration { get; set; } = 2;

    /// <summary>Window in days before the effective date for key-person risk (deal flow).</summary>
    [Range(1, 3650)]
    public int KeyPersonWindowDays { get; set; } = 365;

    /// <summary>Share (0..1) of deal flow or trust from which key-person risk is flagged.</summary>
    [Range(0.0, 1.0)]
    public double KeyPersonShareThreshold { get; set; } = 0.5;

    /// <summary>Share (0..1) from which key-person risk is high.</summary>
    [Range(0.0, 1.0)]
    public double KeyPersonHighShare { get; set; } = 0.75;

    /// <summary>Fewest proposals in the window for the deal-flow share to count.</summary>
    [Range(1, 1000)]
    public int KeyPersonMinProposals { get; set; } = 3;

    /// <summary>Lowest fit (0..1) at which the best successor candidate is chosen automatically; below it the planner only suggests.</summary>
    [Range(0.0, 1.0)]
    public double MinSuccessorScore { get; set; } = 0.3;

    /// <summary>Days of interaction history summarised in the brief.</summary>
    [Range(1, 3650)]
    public int DigestDays { get; set; } = 90;

    /// <summary>Brief items that must be present; a missing one is a blocker.</summary>
    public BriefItems RequiredBriefItems { get; set; } = BriefItems.TrustScore | BriefItems.RecentHistory;

    /// <summary>The language of generated task subjects: Japanese for a <c>ja</c> culture, English otherwise.</summary>
    /// <value>The default value is <c>ja-JP</c>.</value>
    public CultureInfo TaskCulture { get; set; } = CultureInfo.GetCultureInfo("ja-JP");

    /// <summary>Throws when an option is invalid; the message names each bad option by its configuration key (under <see cref="SectionName"/>).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public void Validate() => OptionsRules.ThrowIfInvalid(this, SectionName);
}
