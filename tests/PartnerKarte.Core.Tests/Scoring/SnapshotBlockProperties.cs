using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

/// <summary>The four-reps-at-once evaluator against the one-rep reference: the same bits, whatever the sums.</summary>
public class SnapshotBlockProperties
{
    private const double T0 = 20_900.75;
    private static readonly TrustParameters Defaults = new(new TrustScoringOptions());
    private static readonly TrustParameters Custom = new(new TrustScoringOptions
    {
        PriorStrength = 2.5,
        PriorMean = 0.4,
        ReciprocityShare = 0.25,
        CadenceSaturation = 4,
        OutcomeSaturation = 2,
        Weights = new TrustWeights { Responsiveness = 0.3, Initiative = 0.1, Cadence = 0.1, Depth = 0.1, Reliability = 0.2, Sentiment = 0.1, Outcomes = 0.1 },
    });

    // Sums as states hold them (weights of a few to a few hundred events, 0 when a factor has no evidence, −1e-17 after
    // a retract's rounding), plus hostile values: huge, negative, infinite, NaN.
    private static readonly Gen<double> Value = Gen.Frequency(
        (6, Gen.Choose(0, 2_000_000).Select(i => i / 10_000.0)),
        (3, Gen.Constant(0.0)),
        (1, Gen.Elements(-1e-17, -0.0, 1e-300, 2.0, 1.0, 0.5, 1e12, -3.5, double.PositiveInfinity, double.NaN)));

    private static readonly Gen<double> Time = Gen.Frequency(
        (8, Gen.Choose(0, 800 * 24).Select(h => T0 - (h / 24.0))),
        (1, Gen.Elements(double.NegativeInfinity, double.PositiveInfinity, T0)));

    private static readonly Gen<TrustSums> SumsGen =
        from v in Gen.ArrayOf(Value, TrustSums.FieldCount - 2)
        from last in Time
        from first in Time
        from count in Gen.Frequency((4, Gen.Choose(0, 40).Select(c => (double)c)), (1, Value))
        select TrustSums.ReadFrom([.. v[..19], count, v[19], last, first]);

    [Fact]
    public void Four_reps_evaluated_together_give_the_bits_of_each_evaluated_alone()
    {
        if (!SnapshotBlock.IsAccelerated)
        {
            return; // the batch paths use the reference evaluator then
        }

        var gen = from count in Gen.Choose(1, SnapshotBlock.Width)
                  from cur in Gen.ArrayOf(SumsGen, SnapshotBlock.Width)
                  from lag in Gen.ArrayOf(SumsGen, SnapshotBlock.Width)
                  from custom in Gen.Elements(false, true)
                  select (count, cur, lag, custom);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var p = c.custom ? Custom : Defaults;
            var block = default(SnapshotBlock);
            for (var i = 0; i < c.count; i++)
            {
                block.Cur(i) = c.cur[i];
                block.Lag(i) = c.lag[i];
            }

            var results = new TrustSnapshot[c.count];
            block.Evaluate(c.count, T0, p, results);
            for (var i = 0; i < c.count; i++)
            {
                var expected = TrustEvaluator.Snapshot(c.cur[i], c.lag[i], T0, p);
                if (Describe(results[i]) != Describe(expected))
                {
                    throw new InvalidOperationException($"lane {i} of {c.count}:\n  block  {Describe(results[i])}\n  scalar {Describe(expected)}");
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(2_000)));
    }

    /// <summary>Every field, doubles as bits (so −0 and 0 differ, NaN equals NaN).</summary>
    private static string Describe(TrustSnapshot s)
    {
        static string B(double? v) => v is { } d ? (double.IsNaN(d) ? "NaN" : BitConverter.DoubleToInt64Bits(d).ToString("X16", System.Globalization.CultureInfo.InvariantCulture)) : "null";
        return $"value {B(s.Value)} rank {s.Rank} conf {B(s.Confidence)} trend {B(s.Trend)} tend {s.Tendencies} prio {s.FollowUpPriority} n {s.InteractionCount} last {B(s.LastContactTime)} " +
            $"R {B(s.Responsiveness)} I {B(s.Initiative)} C {B(s.Cadence)} D {B(s.Depth)} L {B(s.Reliability)} S {B(s.Sentiment)} O {B(s.Outcomes)}";
    }
}
