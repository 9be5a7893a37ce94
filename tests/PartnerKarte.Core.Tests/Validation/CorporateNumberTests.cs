using FsCheck.Fluent;
using PartnerKarte.Core.Tests.Text;
using PartnerKarte.Validation;

namespace PartnerKarte.Core.Tests.Validation;

public class CorporateNumberTests
{
    // The first three are the worked examples of public write-ups of the rule; the others were computed by hand.
    [Theory]
    [InlineData("4011001098993")]
    [InlineData("7123456789012")]
    [InlineData("2120901007402")]
    [InlineData("7010001008844")]
    [InlineData("6180001000001")]
    [InlineData("1700150000001")]
    [InlineData("４０１１００１０９８９９３")]
    [InlineData("4-0110-0109-8993")]
    public void Known_valid_numbers_pass(string number)
    {
        CorporateNumber.IsValid(number).Should().BeTrue();
        CorporateNumber.Check(number).Should().BeNull();
    }

    [Theory]
    [InlineData("5011001098993", "corporate number check digit does not match")]
    [InlineData("7123456789013", "corporate number check digit does not match")]
    [InlineData("401100109899", "corporate number must be 13 digits")]
    [InlineData("40110010989930", "corporate number must be 13 digits")]
    [InlineData("4011001O98993", "corporate number must be 13 digits")]
    public void Wrong_numbers_fail_with_a_reason(string number, string reason) =>
        CorporateNumber.Check(number).Should().Be(reason);

    [Fact]
    public void Check_digit_matches_the_worked_example() =>
        CorporateNumber.ComputeCheckDigit("123456789012").Should().Be(7);

    [Fact]
    public void Only_the_computed_check_digit_is_valid() =>
        Props.Check(Gen.Choose(0, 9).ArrayOf(12).Select(d => string.Concat(d)), baseNumber =>
        {
            var check = CorporateNumber.ComputeCheckDigit(baseNumber);
            return check is >= 1 and <= 9 &&
                Enumerable.Range(1, 9).All(d => CorporateNumber.IsValid(d + baseNumber) == (d == check));
        });

    [Fact]
    public void Compute_rejects_a_base_that_is_not_12_digits() =>
        FluentActions.Invoking(() => CorporateNumber.ComputeCheckDigit("12345")).Should().Throw<ArgumentException>();
}
