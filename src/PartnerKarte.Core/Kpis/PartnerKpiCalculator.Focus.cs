using System.Globalization;
using System.Runtime.InteropServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

// PartnerKpiCalculator: The partner focus ranking (performance × potential) with reasons.
public sealed partial class PartnerKpiCalculator
{
    private PartnerFocus[] RankFocus(IReadOnlyList<PartnerCompany> companies, PartnerKpis[] kpis, Acc[] accs, int[] slotOf)
    {
        var n = companies.Count;
        var revenue = new double[n];
        var deals = new double[n];
        var pipeline = new double[n];
        var customers = new List<double>(n);
        var employees = new List<double>(n);
        long totalWon = 0, totalLost = 0;
        for (var i = 0; i < n; i++)
        {
            revenue[i] = (double)kpis[i].Revenue;
            deals[i] = kpis[i].Deals;
            pipeline[i] = (double)kpis[i].OpenPipelineAmount;
            if (companies[i].Profile.ExistingCustomerCount is int c)
            {
                customers.Add(c);
            }

            if (companies[i].Profile.EmployeeCount is int e)
            {
                employees.Add(e);
            }

            // Count each accumulator once even when a company id is duplicated.
            if (slotOf[i] == i)
            {
                totalWon += accs[i].Won;
                totalLost += accs[i].Lost;
            }
        }

        var sortedRevenue = Sorted(revenue);
        var sortedDeals = Sorted(deals);
        var sortedPipeline = Sorted(pipeline);
        var sortedCustomers = Sorted([.. customers]);
        var sortedEmployees = Sorted([.. employees]);
        var prior = totalWon + totalLost > 0 ? (double)totalWon / (totalWon + totalLost) : 0.5;

        var result = new PartnerFocus[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var k = kpis[i];
            var profile = companies[i].Profile;
            var pRevenue = Percentile(sortedRevenue, revenue[i]);
            var pDeals = Percentile(sortedDeals, deals[i]);
            var closed = k.Won + k.Lost;
            var shrunk = closed + winRatePriorDeals > 0 ? (k.Won + (winRatePriorDeals * prior)) / (closed + winRatePriorDeals) : prior;
            var performance = Math.Clamp((wRevenue * pRevenue) + (wDeals * pDeals) + (wWinRate * shrunk), 0, 1);

            var pCustomers = profile.ExistingCustomerCount is int cc ? Percentile(sortedCustomers, cc) : 0.5;
            var pSize = profile.EmployeeCount is int ec ? Percentile(sortedEmployees, ec) : 0.5;
            var pPipeline = Percentile(sortedPipeline, pipeline[i]);
            var potential = Math.Clamp((wCustomers * pCustomers) + (wSize * pSize) + (wPipeline * pPipeline), 0, 1);

            var score = Math.Clamp(100 * Math.Sqrt(performance * potential), 0, 100);
            scores[i] = score;
            var quadrant = (performance >= quadrantThreshold, potential >= quadrantThreshold) switch
            {
                (true, true) => FocusQuadrant.Strengthen,
                (false, true) => FocusQuadrant.Develop,
                (true, false) => FocusQuadrant.Maintain,
                _ => FocusQuadrant.Review,
            };

            result[i] = new PartnerFocus
            {
                CompanyId = companies[i].Id,
                Score = Math.Round(score, 1),
                Performance = Math.Round(performance, 3),
                Potential = Math.Round(potential, 3),
                Quadrant = quadrant,
                Reasons = Reasons(quadrant, k, profile, sortedRevenue, revenue[i]),
            };
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = scores[b].CompareTo(scores[a]);
            if (c != 0)
            {
                return c;
            }

            c = kpis[b].Revenue.CompareTo(kpis[a].Revenue);
            return c != 0 ? c : string.CompareOrdinal(companies[a].Id.Value, companies[b].Id.Value);
        });

        for (var rank = 0; rank < n; rank++)
        {
            var i = order[rank];
            result[i] = result[i] with { Rank = rank + 1 };
        }

        return result;
    }

    private static IReadOnlyList<FocusReason> Reasons(FocusQuadrant quadrant, PartnerKpis k, CompanyProfile profile, double[] sortedRevenue, double revenue)
    {
        var reasons = new List<FocusReason>(6)
        {
            quadrant switch
            {
                FocusQuadrant.Strengthen => new FocusReason("quadrant", "重点強化：実績・ポテンシャルともに高い", "Strengthen: high performance and high potential"),
                FocusQuadrant.Develop => new FocusReason("quadrant", "育成：ポテンシャルは高いが実績が伸びていない", "Develop: high potential, performance not yet there"),
                FocusQuadrant.Maintain => new FocusReason("quadrant", "維持：実績は高いがポテンシャルは限定的", "Maintain: strong performance, limited potential"),
                _ => new FocusReason("quadrant", "見直し：実績・ポテンシャルともに低い", "Review: low performance and low potential"),
            },
        };

        if (k.Revenue > 0)
        {
            var above = sortedRevenue.Length - UpperBound(sortedRevenue, revenue);
            var top = (int)Math.Ceiling(100.0 * (above + 1) / sortedRevenue.Length);
            reasons.Add(new FocusReason("revenue",
                $"期間売上 {Yen(k.Revenue)}（上位{top}%）",
                $"Revenue {Yen(k.Revenue)} in the period (top {top}%)"));
        }
        else
        {
            reasons.Add(new FocusReason("revenue", "期間内の売上なし", "No revenue in the period"));
        }

        reasons.Add(k.WinRate is double wr
            ? new FocusReason("winRate",
                $"受注率 {(wr * 100).ToString("0", Inv)}%（受注{k.Won}件・失注{k.Lost}件）",
                $"Win rate {(wr * 100).ToString("0", Inv)}% ({k.Won} won, {k.Lost} lost)")
            : new FocusReason("winRate", "期間内にクローズした商談なし", "No deals closed in the period"));
        reasons.Add(new FocusReason("deals", $"商談数 {k.Deals.ToString("N0", Inv)}件", $"{k.Deals.ToString("N0", Inv)} deal{(k.Deals == 1 ? string.Empty : "s")} in the period"));
        reasons.Add(profile.ExistingCustomerCount is int c
            ? new FocusReason("customerBase", $"既存顧客数 {c.ToString("N0", Inv)}社", $"{c.ToString("N0", Inv)} existing customers")
            : new FocusReason("customerBase", "既存顧客数が未記入（ポテンシャルは中央値扱い）", "Existing customers not recorded (potential taken as median)"));
        if (k.OpenPipelineAmount > 0)
        {
            reasons.Add(new FocusReason("pipeline",
                $"進行中の商談 {Yen(k.OpenPipelineAmount)}（{k.Open}件）",
                $"Open pipeline {Yen(k.OpenPipelineAmount)} ({k.Open} deal{(k.Open == 1 ? string.Empty : "s")})"));
        }

        return reasons;
    }

    private static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    // Mid-rank percentile in 0..1; nothing (0 or less) scores 0 so that "no revenue" is never "average".
    private static double Percentile(double[] sorted, double x)
    {
        if (x <= 0 || sorted.Length == 0)
        {
            return 0;
        }

        return (LowerBound(sorted, x) + UpperBound(sorted, x)) / (2.0 * sorted.Length);
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
