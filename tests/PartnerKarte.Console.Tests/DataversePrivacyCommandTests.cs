using System.Text.Json.Nodes;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Console.Tests;

/// <summary>
/// <c>privacy export</c> and <c>privacy erase</c> with <c>--connector dataverse</c> against the Dataverse emulator over real HTTP:
/// the export carries the contact's mapped columns, the erasure clears the pk_* columns, keeps the contact and says so, and the
/// next <c>sync</c> writes nothing back.
/// </summary>
public sealed class DataversePrivacyCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] RepColumns = ["pk_trustscore", "pk_trustrank", "pk_trustconfidence", "pk_trusttrend", "pk_lastcontactdate", "pk_followuppriority"];
    private readonly ConsoleHarness _harness = new();
    private DataverseEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DataverseEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string Url => _emulator.BaseUri.ToString().TrimEnd('/');

    [Fact]
    public async Task Export_and_erase_with_the_dataverse_connector_cover_the_contact_and_the_next_sync_writes_nothing_back()
    {
        _harness.Environment["PARTNERKARTE_Dataverse__ConnectionString"] =
            $"AuthType=ClientSecret;Url={Url};ClientId={_emulator.Options.ClientId};ClientSecret={_emulator.Options.ClientSecret};TenantId={_emulator.Options.TenantId};Authority={Url}";
        (await _harness.RunAsync("provision", "--connector", "dataverse")).ExitCode.Should().Be(0);
        var account = _emulator.Seed("account", new JsonObject { ["pk_externalid"] = "C-001", ["name"] = "株式会社さくら販売" });
        var contact = _emulator.Seed("contact", new JsonObject
        {
            ["pk_externalid"] = "R-001", ["lastname"] = "田中", ["firstname"] = "太郎", ["jobtitle"] = "営業部長", ["emailaddress1"] = "tanaka@sakura.example.jp",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        (await _harness.RunAsync("sync", "--connector", "dataverse")).ExitCode.Should().Be(0);
        RepColumns.Should().Contain(c => _emulator.Rows("contact")[contact][c] != null);

        var export = await _harness.RunAsync("privacy", "export", "--rep", "R-001", "--connector", "dataverse", "--json");

        export.ExitCode.Should().Be(0, export.ToString());
        var fields = JsonNode.Parse(export.Stdout)!["export"]!["crmFields"]!.AsObject();
        fields["emailaddress1"]!.GetValue<string>().Should().Be("tanaka@sakura.example.jp");
        fields["lastname"]!.GetValue<string>().Should().Be("田中");
        fields["pk_trustrank"].Should().NotBeNull("the enrichment the sync wrote is part of what is held");

        var plan = await _harness.RunAsync("privacy", "erase", "--rep", "R-001", "--connector", "dataverse");
        plan.ExitCode.Should().Be(0, plan.ToString());
        _emulator.Rows("contact")[contact]["pk_trustrank"].Should().NotBeNull("a plan changes nothing");

        var erase = await _harness.RunAsync("privacy", "erase", "--rep", "R-001", "--connector", "dataverse", "--apply");

        erase.ExitCode.Should().Be(0, erase.ToString());
        erase.Stdout.Should().Contain("削除しません").And.Contain("not deleted");
        var row = _emulator.Rows("contact")[contact];
        RepColumns.Should().OnlyContain(c => row[c] == null);
        row["emailaddress1"]!.GetValue<string>().Should().Be("tanaka@sakura.example.jp", "the CRM's own contact stays");

        var sync = await _harness.RunAsync("sync", "--connector", "dataverse", "--full-refresh", "--json");
        sync.ExitCode.Should().Be(0, sync.ToString());
        JsonNode.Parse(sync.Stdout)!["report"]!["erasedSkipped"]!.GetValue<long>().Should().Be(1);
        RepColumns.Should().OnlyContain(c => _emulator.Rows("contact")[contact][c] == null, "the erased rep is never enriched again");
    }
}
