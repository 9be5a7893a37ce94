using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using PartnerKarte.Handover;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Targeting;

namespace PartnerKarte.Validation;

/// <summary>
/// The one set of option rules: the data-annotation attributes on the options' properties, plus the cross-field rules
/// below for the few options that have them. Constructors (no dependency injection) run them here by reflection; the
/// hosting package runs the same attributes through source-generated validators and the same cross-field rules through
/// its <c>IValidateOptions</c>, formatting every message with <see cref="Format"/>, so both name the configuration key
/// the same way: <c>PartnerKarte:Scoring:MinimumInteractions must be between 1 and 1000 (was 0).</c>
/// </summary>
internal static class OptionsRules
{
    /// <summary>Every failure of <paramref name="options"/>, each naming its key under <paramref name="section"/>.</summary>
    public static IReadOnlyList<string> Validate(object options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Annotations(options, section, failures);
        failures.AddRange(CrossField(options, section));
        return failures;
    }

    /// <summary>Throws when <paramref name="options"/> break a rule; the message lists every failure.</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public static void ThrowIfInvalid(object options, string section)
    {
        var failures = Validate(options, section);
        if (failures.Count > 0)
        {
            throw new ValidationException(string.Join(" ", failures));
        }
    }

    /// <summary>The rules that span fields (weights summing to 1, ordered thresholds); empty for options without any.</summary>
    public static IEnumerable<string> CrossField(object options, string section) => options switch
    {
        TrustScoringOptions o => TrustScoring(o, section),
        PartnerKpiOptions o => Kpis(o, section),
        TargetingOptions o => Targeting(o, section),
        HandoverOptions o => Handover(o, section),
        _ => [],
    };

    /// <summary>
    /// One message from a data-annotation failure: the attribute's text with the key as display name
    /// (<c>The field PartnerKarte:Sync:BatchSize must be …</c>), without the leading "The field", with the value when it is
    /// a number, time span or flag (never text, which may be a secret).
    /// </summary>
    public static string Format(string? message, string key, object? value)
    {
        var text = (message ?? $"{key} is invalid.").Trim();
        foreach (var lead in (string[])["The field ", "The "])
        {
            if (text.StartsWith(lead + key, StringComparison.Ordinal))
            {
                text = text[lead.Length..];
                break;
            }
        }

        if (!text.StartsWith(key, StringComparison.Ordinal))
        {
            text = $"{key}: {text}";
        }

        return value is IFormattable and not Enum
            ? string.Create(CultureInfo.InvariantCulture, $"{text.TrimEnd('.')} (was {value}).")
            : text;
    }

    private static void Annotations(object options, string section, List<string> failures)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = section + ":" + property.Name;
            var value = property.GetValue(options);
            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToList();
            if (attributes.Count > 0)
            {
                var results = new List<ValidationResult>();
                var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = key };
                if (!Validator.TryValidateValue(value, context, results, attributes))
                {
                    failures.AddRange(results.Select(r => Format(r.ErrorMessage, key, value)));
                }
            }

            if (value is TrustWeights or TrustHalfLives)
            {
                // Nested sections of the scoring options (PartnerKarte:Scoring:Weights, …) carry their own attributes.
                Annotations(value, key, failures);
            }
        }
    }

    private static IEnumerable<string> TrustScoring(TrustScoringOptions o, string section)
    {
        if (o.Weights is { } weights)
        {
            var sum = weights.Sum;
            if (Math.Abs(sum - 1.0) > 1e-6)
            {
                yield return Sum($"{section}:Weights", "Responsiveness, Initiative, Cadence, Depth, Reliability, Sentiment and Outcomes", sum);
            }
        }

        if (o.RankBands is { } b && !(b.S <= 100 && b.S > b.A && b.A > b.B && b.B > b.C && b.C > 0))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:RankBands must satisfy 100 >= S > A > B > C > 0 (was S={b.S}, A={b.A}, B={b.B}, C={b.C}).");
        }

        if (o.CautiousShare >= o.ProactiveShare)
        {
            yield return Order($"{section}:CautiousShare", o.CautiousShare, "below", $"{section}:ProactiveShare", o.ProactiveShare);
        }

        if (!(o.FrequentInquiriesPerMonth > o.RareInquiriesPerMonth))
        {
            yield return Order($"{section}:FrequentInquiriesPerMonth", o.FrequentInquiriesPerMonth, "above", $"{section}:RareInquiriesPerMonth", o.RareInquiriesPerMonth);
        }

        if (!(o.SilenceHorizon > o.SilenceFloor))
        {
            yield return Order($"{section}:SilenceHorizon", o.SilenceHorizon, "longer than", $"{section}:SilenceFloor", o.SilenceFloor);
        }

        if (!(o.UrgentPriorityDrop >= o.HighPriorityDrop))
        {
            yield return Order($"{section}:UrgentPriorityDrop", o.UrgentPriorityDrop, "at least", $"{section}:HighPriorityDrop", o.HighPriorityDrop);
        }
    }

    private static IEnumerable<string> Kpis(PartnerKpiOptions o, string section)
    {
        var performance = o.PerformanceRevenueWeight + o.PerformanceDealsWeight + o.PerformanceWinRateWeight;
        if (Math.Abs(performance - 1) > 1e-9)
        {
            yield return Sum(section, "PerformanceRevenueWeight, PerformanceDealsWeight and PerformanceWinRateWeight", performance);
        }

        var potential = o.PotentialCustomerBaseWeight + o.PotentialSizeWeight + o.PotentialPipelineWeight;
        if (Math.Abs(potential - 1) > 1e-9)
        {
            yield return Sum(section, "PotentialCustomerBaseWeight, PotentialSizeWeight and PotentialPipelineWeight", potential);
        }
    }

    private static IEnumerable<string> Targeting(TargetingOptions o, string section)
    {
        var sum = o.ExpertiseWeight + o.InterestWeight + o.CompanyFitWeight + o.TrustWeight + o.WinRateWeight + o.RecencyWeight;
        if (Math.Abs(sum - 1) > 1e-9)
        {
            yield return Sum(section, "ExpertiseWeight, InterestWeight, CompanyFitWeight, TrustWeight, WinRateWeight and RecencyWeight", sum);
        }
    }

    private static IEnumerable<string> Handover(HandoverOptions o, string section)
    {
        if (o.KeyPersonHighShare < o.KeyPersonShareThreshold)
        {
            yield return Order($"{section}:KeyPersonHighShare", o.KeyPersonHighShare, "at least", $"{section}:KeyPersonShareThreshold", o.KeyPersonShareThreshold);
        }
    }

    private static string Sum(string section, string names, double sum) =>
        string.Create(CultureInfo.InvariantCulture, $"{section}: {names} must sum to 1 (was {sum:0.######}).");

    private static string Order(string key, object value, string relation, string otherKey, object other) =>
        string.Create(CultureInfo.InvariantCulture, $"{key} must be {relation} {otherKey} (was {value}, {otherKey} is {other}).");
}
