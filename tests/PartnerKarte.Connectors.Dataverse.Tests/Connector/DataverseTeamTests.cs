using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

/// <summary>Our team read from the environment's users (systemuser: fullname, isdisabled, businessunitid) over HTTP.</summary>
public sealed class DataverseTeamTests : IAsyncLifetime
{
    private DataverseTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await DataverseTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Systemusers_become_the_team_with_their_business_unit()
    {
        var unit = _env.Emulator.Seed("businessunit", new JsonObject { ["name"] = "西日本パートナー営業" });
        _env.Emulator.Seed("systemuser", new JsonObject
        {
            ["domainname"] = "ito@contoso.example", ["firstname"] = "由美", ["lastname"] = "伊藤",
            ["businessunitid@odata.bind"] = $"/businessunits({unit})",
        });
        _env.Emulator.Seed("systemuser", new JsonObject
        {
            ["domainname"] = "former@contoso.example", ["firstname"] = "元", ["lastname"] = "社員", ["isdisabled"] = true,
            ["businessunitid@odata.bind"] = $"/businessunits({unit})",
        });

        var team = await _env.CreateConnector().ReadTeamAsync();

        var ito = team.Should().ContainSingle(m => m.Id == new UserId("ito@contoso.example"), "the user key (domainname) is the karte's owner id").Subject;
        ito.Name.Should().Contain("伊藤").And.Contain("由美");
        ito.Team.Should().Be("西日本パートナー営業", "the business unit is the team");
        ito.Active.Should().BeTrue();
        team.Should().ContainSingle(m => m.Id == new UserId("former@contoso.example")).Which.Active.Should().BeFalse("a disabled user is never a successor");
        team.Should().ContainSingle(m => m.Id == new UserId("partnerkarte-sync@emulator.local")).Which.Team.Should().Be("PartnerKarte Emulator", "the caller sits in the root business unit");
    }
}
