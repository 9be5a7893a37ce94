using System.Globalization;
using System.Runtime.InteropServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

// PartnerKpiCalculator: Karte completeness against the template.
public sealed partial class PartnerKpiCalculator
{
    private KarteCompleteness Completeness(PartnerCompany company, List<PartnerRep> reps, int proposalCount, int lostWithoutReason, HashSet<RepId>? contacted)
    {
        var missing = new List<MissingKarteItem>();
        double filled = 0, total = 0;
        foreach (var def in template.ItemsFor(KarteLevel.Company))
        {
            var w = Weight(def);
            if (w <= 0)
            {
                continue;
            }

            total += w;
            var ok = def.Source == KarteItemSource.BuiltIn
                ? BuiltInKarteItems.IsFilled(def.Key, company, proposalCount, lostWithoutReason)
                : IsFilled(def, company.CustomItems);
            if (ok)
            {
                filled += w;
            }
            else
            {
                missing.Add(new MissingKarteItem(def));
            }
        }

        var hasCompanyItems = total > 0;
        var companyPercent = hasCompanyItems ? 100 * filled / total : 100;

        double repSum = 0;
        var repCount = 0;
        var hasRepItems = false;
        foreach (var rep in reps)
        {
            if (rep.Status is not (RepStatus.Active or RepStatus.OnLeave))
            {
                continue;
            }

            repCount++;
            double rf = 0, rt = 0;
            var hasInteractions = contacted?.Contains(rep.Id) ?? false;
            foreach (var def in template.ItemsFor(KarteLevel.Rep))
            {
                var w = Weight(def);
                if (w <= 0)
                {
                    continue;
                }

                rt += w;
                var ok = def.Source == KarteItemSource.BuiltIn
                    ? BuiltInKarteItems.IsFilled(def.Key, rep, hasInteractions)
                    : IsFilled(def, rep.CustomItems);
                if (ok)
                {
                    rf += w;
                }
                else
                {
                    missing.Add(new MissingKarteItem(def, rep.Id));
                }
            }

            hasRepItems = rt > 0;
            repSum += rt > 0 ? 100 * rf / rt : 100;
        }

        if (repCount == 0)
        {
            hasRepItems = template.ItemsFor(KarteLevel.Rep).Any(d => Weight(d) > 0);
        }

        var repPercent = repCount > 0 ? repSum / repCount : 0;
        double overall;
        if (hasCompanyItems && hasRepItems)
        {
            overall = ((1 - repLevelWeight) * companyPercent) + (repLevelWeight * repPercent);
        }
        else if (hasRepItems)
        {
            overall = repPercent;
        }
        else
        {
            overall = companyPercent;
        }

        return new KarteCompleteness
        {
            Percent = Pct(overall),
            CompanyPercent = Pct(companyPercent),
            RepPercent = Pct(repPercent),
            RepCount = repCount,
            NoActiveRep = repCount == 0 && hasRepItems,
            Missing = missing,
        };

        static double Pct(double v) => Math.Clamp(Math.Round(v, 1), 0, 100);
    }

    private double Weight(KarteItemDefinition def) => def.Requirement switch
    {
        KarteItemRequirement.Required => requiredWeight,
        KarteItemRequirement.Optional => 0,
        _ => recommendedWeight,
    };

    // A custom value counts only when filled and valid for the item: a wrong-typed value is not information.
    private static bool IsFilled(KarteItemDefinition def, IReadOnlyDictionary<string, KarteValue> values) =>
        values.TryGetValue(def.Key, out var v) && v is not null && v.IsFilled && def.CheckValue(v) is null;
}
