using PartnerKarte.Console.Commands;

namespace PartnerKarte.Console.Tests;

public sealed class LabelsTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData("renewal:2027-01-07", "契約更新期限 2027-01-07（あと 31 日）")]
    [InlineData("expired:2026-11-12", "契約終了 2026-11-12（25 日経過）")]
    [InlineData("commission-review:2026-12-10", "手数料見直し期限 2026-12-10（あと 3 日）")]
    [InlineData("commission-review-overdue:2026-11-15", "手数料見直し期限切れ 2026-11-15（22 日経過）")]
    [InlineData(null, "なし")]
    public void Contract_alerts_read_as_sentences_not_codes(string? code, string sentence) =>
        Labels.ContractAlert(code, Today).Should().Be(sentence);

    [Fact]
    public async Task The_demo_summary_shows_contract_alerts_as_sentences()
    {
        using var h = new ConsoleHarness();

        var run = await h.RunAsync(["demo", .. ConsoleHarness.SmallDemo]);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().NotMatchRegex(@"(renewal|expired|commission-review(-overdue)?):\d{4}-", "codes are for the CRM field, people read sentences");
    }
}
