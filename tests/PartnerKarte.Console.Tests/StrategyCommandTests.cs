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

    [Fact]
    public async Task Referral_finds_paths_to_a_company_with_the_evidence_of_each_hop()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        var text = await _h.RunAsync("referral", "--to", "C-003", "--paths", "2");
        var json = await _h.RunAsync("referral", "--to", "C-003", "--paths", "2", "--from", "U-01", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("紹介経路").And.MatchRegex("当社 [^ U][^ ]* [^ ]+ → ", "our colleague is named from the roster").And.NotContain("当社 U-");
        using var doc = JsonDocument.Parse(json.Stdout);
        doc.RootElement.GetProperty("outcome").GetString().Should().Be("Found", json.ToString());
        var paths = doc.RootElement.GetProperty("paths").EnumerateArray().ToList();
        paths.Should().NotBeEmpty();
        paths.Should().OnlyContain(p => p.GetProperty("people")[0].GetProperty("id").GetString() == "U-01");
        paths.Should().OnlyContain(p => p.GetProperty("hops").EnumerateArray().All(h => h.GetProperty("evidenceJa").GetString()!.Length > 0));
        foreach (var p in paths)
        {
            var people = p.GetProperty("people").EnumerateArray().ToList();
            var firstRep = people.FindIndex(x => x.GetProperty("kind").GetString() == "Rep");
            people.Skip(firstRep).Should().OnlyContain(x => x.GetProperty("kind").GetString() == "Rep", "no partner is asked to introduce us to our own colleague");
        }
    }

    [Fact]
    public async Task Referral_to_an_unknown_id_is_bad_input()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        (await _h.RunAsync("referral", "--to", "X-1")).ExitCode.Should().Be(2);
        (await _h.RunAsync("referral", "--to", "C-003", "--paths", "0")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Strategy_lists_reps_by_trust_and_offers_for_the_new_focus()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        var text = await _h.RunAsync("strategy", "--company", "C-002", "--tags-from", "インボイス制度", "--tags-to", "生成AI,ペーパーレス");
        var json = await _h.RunAsync("strategy", "--company", "C-002", "--tags-from", "インボイス制度", "--tags-to", "生成AI,ペーパーレス", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("戦略変更").And.Contain("生成AI");
        using var doc = JsonDocument.Parse(json.Stdout);
        doc.RootElement.GetProperty("added").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo("生成AI", "ペーパーレス");
        doc.RootElement.GetProperty("removed").EnumerateArray().Select(e => e.GetString()).Should().Equal("インボイス制度");
        doc.RootElement.GetProperty("offers").EnumerateArray().Should().NotBeEmpty("the demo's proposals carry these themes");
        var trust = doc.RootElement.GetProperty("reps").EnumerateArray().Select(r => r.GetProperty("trust").ValueKind == JsonValueKind.Number ? r.GetProperty("trust").GetDouble() : -1).ToList();
        trust.Should().BeInDescendingOrder("reps are ordered by trust");
        (await _h.RunAsync("strategy", "--company", "C-999", "--tags-to", "DX")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Privacy_export_holds_every_item_the_store_holds_about_the_person()
    {
        (await _h.RunAsync(["demo", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var rep = "R-00003";

        var text = await _h.RunAsync("privacy", "export", "--rep", rep, "--out", "r3.json");
        var json = await _h.RunAsync("privacy", "export", "--rep", rep, "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("保有個人データの開示").And.Contain("接点の記録");
        using var doc = JsonDocument.Parse(json.Stdout);
        var export = doc.RootElement.GetProperty("export");
        export.GetProperty("rep").GetProperty("id").GetString().Should().Be(rep);
        export.GetProperty("rep").GetProperty("email").GetString().Should().NotBeNullOrEmpty();
        export.GetProperty("interactions").GetArrayLength().Should().BeGreaterThan(0);
        export.GetProperty("interactions").EnumerateArray().Should().OnlyContain(i =>
            i.GetProperty("repId").GetString() == rep || i.GetProperty("otherParticipants").EnumerateArray().Any(p => p.GetString() == rep));
        export.GetProperty("trustScore").GetProperty("repId").GetString().Should().Be(rep);
        export.GetProperty("trustExplanation").GetArrayLength().Should().BeGreaterThan(0);
        export.GetProperty("writtenEnrichment").GetProperty("id").GetString().Should().Be(rep, "the values the sync wrote about the person are part of what is held");
        File.Exists(Path.Combine(_h.Directory, "r3.json")).Should().BeTrue();
        (await _h.RunAsync("privacy", "export", "--rep", rep, "--out", "r3.json")).ExitCode.Should().NotBe(0, "an existing file is never overwritten");
        (await _h.RunAsync("privacy", "export", "--rep", "R-99999")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Karte_shows_custom_hearing_items_and_approach_tips()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var store = new PartnerKarte.Connectors.Sqlite.SqliteKarteConnector(new PartnerKarte.Connectors.Sqlite.SqliteStoreOptions { Path = _h.DatabasePath });
        PartnerKarte.Karte.PartnerRep? rep = null;
        await foreach (var batch in store.ReadKarteAsync(new PartnerKarte.Sync.KarteSelection { RepIds = [new PartnerKarte.Karte.RepId("R-00003")] }))
        {
            rep ??= batch.Reps.Single();
        }

        var updated = rep! with
        {
            CustomItems = new Dictionary<string, PartnerKarte.Karte.KarteValue> { ["温度感"] = PartnerKarte.Karte.KarteValue.FromText("新製品に強い関心") },
            Personality = new PartnerKarte.Karte.Personality(PartnerKarte.Karte.DiscStyle.S),
        };
        (await store.UpsertKarteAsync(new PartnerKarte.Sync.KarteRecordBatch { Reps = [updated] })).Should().OnlyContain(r => r.Succeeded);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var karte = await _h.RunAsync("karte", "--rep", "R-00003");

        karte.ExitCode.Should().Be(0, karte.ToString());
        karte.Stdout.Should().Contain("独自のヒアリング項目").And.Contain("新製品に強い関心");
        karte.Stdout.Should().Contain("接し方のヒント").And.Contain("推奨");
    }
}
