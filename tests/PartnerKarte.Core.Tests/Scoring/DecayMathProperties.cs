using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

public class DecayMathProperties
{
    [Fact]
    public void The_fast_exp_is_within_one_ulp_of_Math_Exp_over_the_whole_range()
    {
        // The same double or a neighbour. (The bound was 4e-16 relative, about two ulps, and the exp was up to three ulps
        // off: one run in a few dozen failed, e.g. at −609.171897. Soak: PARTNERKARTE_PROPERTY_SCALE, see PropertyRuns.)
        Prop.ForAll(
            Gen.Choose(-700_000_000, 700_000_000).Select(i => i / 1e6).ToArbitrary(),
            x =>
            {
                var expected = Math.Exp(x);
                var actual = DecayMath.Exp(x);
                return actual == expected || actual == Math.BitIncrement(expected) || actual == Math.BitDecrement(expected);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(1_000)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-12)]
    [InlineData(-0.0027)]
    [InlineData(-745.0)]
    [InlineData(710.0)]
    [InlineData(double.NegativeInfinity)]
    public void Edges_and_values_outside_the_table_range_match_Math_Exp(double x) =>
        DecayMath.Exp(x).Should().BeOneOf(Math.BitDecrement(Math.Exp(x)), Math.Exp(x), Math.BitIncrement(Math.Exp(x)));

    [Fact]
    public void NaN_stays_NaN() => double.IsNaN(DecayMath.Exp(double.NaN)).Should().BeTrue();
}
