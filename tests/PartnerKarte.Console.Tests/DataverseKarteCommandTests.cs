using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Console.Tests;

/// <summary>
/// <c>karte</c> and <c>report</c> with <c>--connector dataverse</c> against the Dataverse emulator over real HTTP: the karte is
/// read from the environment (no store), reps and companies are found by name or kana, and our owner is shown by name from
/// the roster read from <c>systemuser</c>.
/// </summary>
public sealed class DataverseKarteCommandTests : IAsyncLifetime, IDisposable
{
    private readonly ConsoleHarness _harness = new();
    private DataverseEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DataverseEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string Url => _emulator.BaseUri.ToString().TrimEnd('/');

    private async Task SeedAsync()
    {
        _harness.Environment["PARTNERKARTE_Dataverse__ConnectionString"] =
            $"AuthType=ClientSecret;Url={Url};ClientId={_emulator.Options.ClientId};ClientSecret={_emulator.Options.ClientSecret};TenantId={_emulator.Options.TenantId};Authority={Url}";
        (await _harness.RunAsync("provision", "--connector", "dataverse")).ExitCode.Should().Be(0);
        var unit = _emulator.Seed("businessunit", new JsonObject { ["name"] = "アライアンス推進" });
        var user = _emulator.Seed("systemuser", new JsonObject
        {
            ["domainname"] = "nakamura@partnerkarte.example", ["lastname"] = "中村", ["firstname"] = "拓也",
            ["businessunitid@odata.bind"] = $"/businessunits({unit})",
        });
        var account = _emulator.Seed("account", new JsonObject
        {
            ["pk_externalid"] = "C-002", ["name"] = "株式会社みなと商事", ["yominame"] = "ミナトショウジ", ["ownerid@odata.bind"] = $"/systemusers({user})",
        });
        _emulator.Seed("contact", new JsonObject
        {
            ["pk_externalid"] = "R-100", ["lastname"] = "佐々木", ["firstname"] = "花子", ["yomilastname"] = "ササキ", ["yomifirstname"] = "ハナコ",
            ["jobtitle"] = "営業部長", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})", ["ownerid@odata.bind"] = $"/systemusers({user})",
        });
    }

    [Fact]
    public async Task Karte_finds_the_company_and_the_rep_by_name_and_kana_in_the_environment_with_our_owner_by_name()
    {
        await SeedAsync();

        var byName = await _harness.RunAsync("karte", "--company", "みなと", "--connector", "dataverse");
        var byKana = await _harness.RunAsync("karte", "--rep", "ささき", "--connector", "dataverse", "--json");

        byName.ExitCode.Should().Be(0, byName.ToString());
        byName.Stdout.Should().Contain("株式会社みなと商事").And.Contain("佐々木")
            .And.MatchRegex("当社担当 +(中村 拓也|拓也 中村)", "the owner is named from the environment's systemuser.fullname")
            .And.NotContain("nakamura@partnerkarte.example");
        byKana.ExitCode.Should().Be(0, byKana.ToString());
        using (var json = JsonDocument.Parse(byKana.Stdout))
        {
            json.RootElement.GetProperty("source").GetString().Should().Be("dataverse");
            json.RootElement.GetProperty("company").GetString().Should().Be("株式会社みなと商事");
            json.RootElement.GetProperty("owner").GetString().Should().Contain("中村").And.Contain("拓也").And.NotContain("@");
        }

        File.Exists(_harness.DatabasePath).Should().BeFalse("reading the CRM needs no store");
    }

    [Fact]
    public async Task Report_reads_the_environment_with_a_rep_section_and_our_owner_by_name_in_japanese_and_json()
    {
        await SeedAsync();

        var text = await _harness.RunAsync("report", "--out", "dv.html", "--connector", "dataverse");
        var json = await _harness.RunAsync("report", "--out", "dv-json.html", "--connector", "dataverse", "--owner", "中村", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("レポートを書き出しました").And.Contain("dv.html");
        json.ExitCode.Should().Be(0, json.ToString());
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            doc.RootElement.GetProperty("source").GetString().Should().Be("dataverse");
            doc.RootElement.GetProperty("companies").GetInt32().Should().Be(1);
            doc.RootElement.GetProperty("reps").GetInt32().Should().Be(1);
            doc.RootElement.GetProperty("owner").GetString().Should().Be("nakamura@partnerkarte.example", "--owner finds our user by name in the roster");
            doc.RootElement.GetProperty("ownerName").GetString().Should().Contain("中村").And.Contain("拓也");
        }

        foreach (var file in new[] { "dv.html", "dv-json.html" })
        {
            File.ReadAllText(Path.Combine(_harness.Directory, file)).Should().Contain("担当者別 (reps)").And.Contain("佐々木 花子")
                .And.Contain("株式会社みなと商事").And.MatchRegex("中村 拓也|拓也 中村").And.NotContain("nakamura@partnerkarte.example");
        }

        File.Exists(_harness.DatabasePath).Should().BeFalse("reading the CRM needs no store");
    }
}
