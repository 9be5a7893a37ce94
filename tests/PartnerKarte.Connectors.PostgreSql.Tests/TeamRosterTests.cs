using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>Our own team's roster in the PostgreSQL store: saved by id, read back in id order, added up across saves.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class TeamRosterTests(PostgreSqlTestServer server)
{
    [Fact]
    public async Task Saved_members_are_read_back_and_a_later_save_updates_by_id_keeping_the_others()
    {
        var store = new PostgreSqlKarteConnector(server.DataSource, server.NewOptions());
        (await store.ReadTeamAsync()).Should().BeEmpty();

        (await store.SaveTeamAsync([new TeamMember(new UserId("U2"), "鈴木 一郎", "東日本", true), new TeamMember(new UserId("U1"), "高橋 美咲", null, true)])).Should().Be(2);
        (await store.SaveTeamAsync([new TeamMember(new UserId("U2"), "鈴木 一郎", null, false)])).Should().Be(1);

        var team = await store.ReadTeamAsync();
        team.Select(m => m.Id.Value).Should().Equal("U1", "U2");
        team[1].Should().Be(new TeamMember(new UserId("U2"), "鈴木 一郎", "東日本", false), "an empty team keeps the one stored");
    }
}
