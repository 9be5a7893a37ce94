using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>Our team read from the org's users (User: Id, Name, IsActive, Department) over HTTP.</summary>
public sealed class SalesforceTeamTests : IAsyncLifetime
{
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    [Fact]
    public async Task Users_become_the_team_keyed_like_the_karte_owners()
    {
        _org.Org.Insert("User", new Dictionary<string, object?>
        {
            ["Username"] = "nakamura@partnerkarte.example", ["LastName"] = "中村", ["FirstName"] = "拓也", ["FederationIdentifier"] = "U-07",
            ["Department"] = "アライアンス推進", ["IsActive"] = true,
        });
        var plain = _org.Org.Insert("User", new Dictionary<string, object?>
        {
            ["Username"] = "former@partnerkarte.example", ["LastName"] = "退職者", ["IsActive"] = false, ["Department"] = "西日本パートナー営業",
        });

        var team = await _org.Connector().ReadTeamAsync();

        var nakamura = team.Should().ContainSingle(m => m.Id == new UserId("U-07"), "the FederationIdentifier is the karte's owner id").Subject;
        nakamura.Name.Should().Contain("中村").And.Contain("拓也");
        nakamura.Team.Should().Be("アライアンス推進");
        nakamura.Active.Should().BeTrue();
        var former = team.Should().ContainSingle(m => m.Id == new UserId(plain), "without a FederationIdentifier the User Id is the owner id").Subject;
        former.Active.Should().BeFalse("an inactive user is never a successor");
        team.Select(m => m.Id.Value).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }
}
