using System.Globalization;
using System.Runtime.InteropServices;
using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

// PartnerKpiCalculator: The one-pass aggregation of proposals into per-company accumulators.
public sealed partial class PartnerKpiCalculator
{
    /// <summary>
    /// One pass over the proposals into per-company accumulators. With <paramref name="newCompanies"/>, a company
    /// not in <paramref name="index"/> gets a new slot (arrays grow by doubling); without it, its proposals are
    /// counted as unmatched.
    /// </summary>
    private static int Aggregate(IReadOnlyList<Proposal> proposals, KpiPeriod period, Dictionary<string, int> index,
        ref Acc[] accs, ref int[] loss, List<CompanyId>? newCompanies)
    {
        var unmatched = 0;
        string? lastKey = null;
        var last = -1;
        var count = proposals.Count;
        var span = proposals switch
        {
            Proposal[] a => a.AsSpan(),
            List<Proposal> l => CollectionsMarshal.AsSpan(l),
            _ => default,
        };
        var direct = !span.IsEmpty || count == 0;
        for (var i = 0; i < count; i++)
        {
            var p = direct ? span[i] : proposals[i];
            if (p is null)
            {
                continue;
            }

            // Exports are usually grouped by company: reuse the last slot without hashing.
            var key = p.CompanyId.Value ?? string.Empty;
            int ci;
            if (ReferenceEquals(key, lastKey))
            {
                ci = last;
            }
            else
            {
                if (newCompanies is null)
                {
                    if (!index.TryGetValue(key, out ci))
                    {
                        unmatched++;
                        continue;
                    }
                }
                else
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
                    if (!exists)
                    {
                        slot = newCompanies.Count;
                        newCompanies.Add(p.CompanyId);
                        if (slot == accs.Length)
                        {
                            Array.Resize(ref accs, accs.Length * 2);
                            Array.Resize(ref loss, accs.Length * LossSlots);
                        }
                    }

                    ci = slot;
                }

                lastKey = key;
                last = ci;
            }

            Add(ref accs[ci], loss.AsSpan(ci * LossSlots, LossSlots), p, period);
        }

        return unmatched;
    }

    private static void Add(ref Acc a, Span<int> loss, Proposal p, KpiPeriod period)
    {
        a.Total++;
        var created = p.CreatedOn;
        if (created >= period.From && created <= period.To)
        {
            a.Deals++;
        }

        switch (p.Outcome)
        {
            case ProposalOutcome.Won:
            {
                var closed = p.ClosedOn ?? created;
                if (closed >= period.From && closed <= period.To)
                {
                    a.Won++;
                    a.Revenue += p.Amount;
                    if (p.GrossProfit is decimal gp)
                    {
                        a.GrossProfit += gp;
                    }
                    else
                    {
                        a.WonWithoutGrossProfit++;
                    }

                    a.CycleDays += Math.Max(0, closed.DayNumber - created.DayNumber);
                }
                else if (created <= period.To && closed > period.To)
                {
                    a.Open++;
                    a.OpenAmount += p.Amount;
                }

                break;
            }

            case ProposalOutcome.Lost:
            {
                var noReason = LacksReason(p);
                if (noReason)
                {
                    a.LostWithoutReason++;
                }

                var closed = p.ClosedOn ?? created;
                if (closed >= period.From && closed <= period.To)
                {
                    a.Lost++;
                    var cat = noReason ? 0 : (int)p.LossReason!.Category;
                    loss[(uint)cat < LossSlots ? cat : (int)LossReasonCategory.Other]++;
                }
                else if (created <= period.To && closed > period.To)
                {
                    a.Open++;
                    a.OpenAmount += p.Amount;
                }

                break;
            }

            default:
                if (created <= period.To)
                {
                    a.Open++;
                    a.OpenAmount += p.Amount;
                }

                break;
        }
    }

    private static bool LacksReason(Proposal p) =>
        p.LossReason is not { } r || (r.Category == LossReasonCategory.Unknown && string.IsNullOrWhiteSpace(r.Note));

    private static PartnerKpis ToKpis(CompanyId id, KpiPeriod period, in Acc a, ReadOnlySpan<int> loss)
    {
        IReadOnlyList<LossReasonCount> reasons = [];
        if (a.Lost > 0)
        {
            var list = new List<LossReasonCount>();
            for (var c = 0; c < LossSlots; c++)
            {
                if (loss[c] > 0)
                {
                    list.Add(new LossReasonCount((LossReasonCategory)c, loss[c], (double)loss[c] / a.Lost));
                }
            }

            list.Sort((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Category.CompareTo(y.Category));
            reasons = list;
        }

        var closed = a.Won + a.Lost;
        return new PartnerKpis
        {
            CompanyId = id,
            Period = period,
            Deals = a.Deals,
            Won = a.Won,
            Lost = a.Lost,
            Open = a.Open,
            Revenue = a.Revenue,
            GrossProfit = a.WonWithoutGrossProfit > 0 ? null : a.GrossProfit,
            OpenPipelineAmount = a.OpenAmount,
            WinRate = closed > 0 ? (double)a.Won / closed : null,
            AverageDealSize = a.Won > 0 ? a.Revenue / a.Won : null,
            AverageCycleDays = a.Won > 0 ? (double)a.CycleDays / a.Won : null,
            LossReasons = reasons,
        };
    }

    private struct Acc
    {
        public int Deals;
        public int Won;
        public int Lost;
        public int Open;
        public int Total;
        public int LostWithoutReason;
        public int WonWithoutGrossProfit;
        public long CycleDays;
        public decimal Revenue;
        public decimal GrossProfit;
        public decimal OpenAmount;
    }
}
