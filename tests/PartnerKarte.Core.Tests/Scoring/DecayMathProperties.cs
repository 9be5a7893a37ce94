using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

public class DecayMathProperties
{
    [Fact]
    public void The_fast_exp_agrees_with_Math_Exp_to_a_few_ulps_over_the_whole_range()
    {
        Prop.ForAll(
            Gen.Choose(-700_000_000, 700_000_000).Select(i => i / 1e6).ToArbitrary(),
            x =>
            {
                var expected = Math.Exp(x);
                return Math.Abs(DecayMath.Exp(x) - expected) <= 4e-16 * expected;
            }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-12)]
    [InlineData(-0.0027)]
    [InlineData(-745.0)]
    [InlineData(710.0)]
    [InlineData(double.NegativeInfinity)]
    public void Edges_and_values_outside_the_table_range_match_Math_Exp(double x) =>
        DecayMath.Exp(x).Should().BeApproximately(Math.Exp(x), Math.Exp(x) * 4e-16);

    [Fact]
    public void NaN_stays_NaN() => double.IsNaN(DecayMath.Exp(double.NaN)).Should().BeTrue();
}
