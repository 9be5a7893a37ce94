using PartnerKarte.Migration;

namespace PartnerKarte.Migration.Tests.Import;

public class ImportValuesTests
{
    [Theory]
    [InlineData("50,000,000", 50_000_000)]
    [InlineData("5000万円", 50_000_000)]
    [InlineData("12億3000万", 1_230_000_000)]
    [InlineData("￥1,200,000", 1_200_000)]
    [InlineData("１億", 100_000_000)]
    public void Money_understands_japanese_units(string text, double expected)
    {
        ImportValues.TryMoney(text, out var value).Should().BeTrue();
        value.Should().Be((decimal)expected);
    }

    [Theory]
    [InlineData("億")]
    [InlineData("たくさん")]
    public void Money_rejects_nonsense(string text) => ImportValues.TryMoney(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("1998", 1998)]
    [InlineData("1998年", 1998)]
    [InlineData("平成10年", 1998)]
    [InlineData("令和元年", 2019)]
    [InlineData("S50", 1975)]
    public void Years_understand_japanese_eras(string text, int expected)
    {
        ImportValues.TryYear(text, out var year).Should().BeTrue();
        year.Should().Be(expected);
    }

    [Theory]
    [InlineData("2025/4/1", 2025, 4, 1)]
    [InlineData("2025-04-01", 2025, 4, 1)]
    [InlineData("２０２５年４月１日", 2025, 4, 1)]
    [InlineData("令和7年4月1日", 2025, 4, 1)]
    [InlineData("R7.4.1", 2025, 4, 1)]
    public void Dates_are_read_in_japanese_forms(string text, int y, int m, int d)
    {
        ImportValues.TryDate(text, out var date).Should().BeTrue();
        date.Should().Be(new DateOnly(y, m, d));
    }

    [Theory]
    [InlineData("2025/2/30")]
    [InlineData("来月")]
    public void Impossible_dates_are_refused(string text) => ImportValues.TryDate(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("12", 12)]
    [InlineData("12ヶ月", 12)]
    [InlineData("6か月", 6)]
    [InlineData("1年", 12)]
    [InlineData("1年6ヶ月", 18)]
    public void Terms_are_months(string text, int expected)
    {
        ImportValues.TryTermMonths(text, out var months).Should().BeTrue();
        months.Should().Be(expected);
    }
}
