using System.Text.Json;

namespace PartnerKarte.Console.Tests;

/// <summary><c>target</c> and <c>focus</c> on the demo data, in Japanese and with <c>--json</c>.</summary>
public sealed class StrategyCommandTests : IDisposable
{
    private readonly ConsoleHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Target_lists_reps_for_an_offer_with_reasons_and_json()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        var text = await _h.RunAsync("target", "--offer", "クラウド会計", "--tags", "インボイス制度,DX", "--top", "5");
        var json = await _h.RunAsync("target", "--offer", "クラウド会計", "--tags", "インボイス制度,DX", "--top", "5", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("提案先の候補").And.Contain("理由");
        using var doc = JsonDocument.Parse(json.Stdout);
        var matches = doc.RootElement.GetProperty("matches").EnumerateArray().ToList();
        matches.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(5);
        matches.Select(m => m.GetProperty("score").GetDouble()).Should().BeInDescendingOrder();
        matches.Should().OnlyContain(m => m.GetProperty("reasons").GetArrayLength() > 0 && m.GetProperty("rep").GetString()!.Length > 0);
        text.Stdout.Should().Contain(matches[0].GetProperty("rep").GetString()!, "names, not only ids");
    }

    [Fact]
    public async Task Target_with_bad_options_is_bad_input()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        (await _h.RunAsync("target", "--offer", " ")).ExitCode.Should().Be(2);
        (await _h.RunAsync("target", "--offer", "x", "--top", "0")).ExitCode.Should().Be(2);
        (await _h.RunAsync("target", "--offer", "x", "--min-trust", "101")).ExitCode.Should().Be(2);
        (await _h.RunAsync("target")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Focus_ranks_every_company_with_a_japanese_quadrant_and_reasons()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        var text = await _h.RunAsync("focus");
        var json = await _h.RunAsync("focus", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("重点パートナー").And.ContainAny("重点強化", "育成", "維持", "見直し");
        using var doc = JsonDocument.Parse(json.Stdout);
        var companies = doc.RootElement.GetProperty("companies").EnumerateArray().ToList();
        companies.Should().HaveCount(12, "the small demo has 12 partner companies");
        companies.Select(c => c.GetProperty("rank").GetInt32()).Should().Equal(Enumerable.Range(1, 12));
        companies.Should().OnlyContain(c => c.GetProperty("quadrant").GetProperty("ja").GetString()!.Length > 0);
    }
}
