using System.Text.Json;

namespace PartnerKarte.Console.Tests;

/// <summary><c>privacy erase</c> (plan, apply, again) and the retention period of <c>sync</c> on the demo data.</summary>
public sealed class PrivacyCommandTests : IDisposable
{
    private readonly ConsoleHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Erase_shows_a_plan_then_applies_it_once_and_the_next_sync_brings_nothing_back()
    {
        (await _h.RunAsync(["demo", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        const string rep = "R-00003";

        var plan = await _h.RunAsync("privacy", "erase", "--rep", rep);

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.Stdout.Should().Contain("消去の計画").And.Contain("erasure plan").And.Contain("--apply");
        (await _h.RunAsync("privacy", "export", "--rep", rep)).ExitCode.Should().Be(0, "a plan changes nothing");

        var apply = await _h.RunAsync("privacy", "erase", "--rep", rep, "--apply", "--json");

        apply.ExitCode.Should().Be(0, apply.ToString());
        using (var doc = JsonDocument.Parse(apply.Stdout))
        {
            var erasure = doc.RootElement.GetProperty("erasure");
            erasure.GetProperty("applied").GetBoolean().Should().BeTrue();
            erasure.GetProperty("tombstoneRecorded").GetBoolean().Should().BeTrue();
            erasure.GetProperty("store").GetProperty("rep").GetBoolean().Should().BeTrue();
            erasure.GetProperty("store").GetProperty("interactions").GetInt32().Should().BeGreaterThan(0);
        }

        var sync = await _h.RunAsync("sync");
        sync.ExitCode.Should().Be(0, sync.ToString());
        (await _h.RunAsync("privacy", "export", "--rep", rep)).ExitCode.Should().Be(2, "nothing of the person is held any more");

        var again = await _h.RunAsync("privacy", "erase", "--rep", rep, "--apply");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Stdout.Should().Contain("消去済み").And.Contain("already recorded");
        (await _h.RunAsync("privacy", "erase", "--rep", "R-99999")).ExitCode.Should().Be(2, "an unknown id is a typo, not an erasure");
    }

    [Fact]
    public async Task Sync_with_a_retention_period_reports_what_it_dropped_and_is_off_by_default()
    {
        (await _h.RunAsync(["demo", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var off = await _h.RunAsync("sync", "--json");
        using (var doc = JsonDocument.Parse(off.Stdout))
        {
            var found = doc.RootElement.GetProperty("report").TryGetProperty("retention", out var none);
            (found ? none.ValueKind : JsonValueKind.Null).Should().Be(JsonValueKind.Null, "retention is off by default");
        }

        _h.Environment["PARTNERKARTE_Sync__RetentionMonths"] = "3";
        var text = await _h.RunAsync("sync");
        var json = await _h.RunAsync("sync", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("保存期間で削除").And.Contain("retention dropped");
        using var report = JsonDocument.Parse(json.Stdout);
        var retention = report.RootElement.GetProperty("report").GetProperty("retention");
        retention.GetProperty("statements").GetInt32().Should().Be(0, "the previous run already dropped them");
        retention.GetProperty("inactiveBefore").GetString().Should().NotBeNullOrEmpty();
    }
}
