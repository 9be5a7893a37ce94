using Microsoft.Data.Sqlite;
using PartnerKarte.Testing.Conformance;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>The roster of our team kept in the store (migration 8): saved by id, read back in id order, kept across opens.</summary>
public sealed class TeamTests : IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Members_are_saved_by_id_updated_in_place_and_survive_reopening()
    {
        var connector = new SqliteKarteConnector(store.Options);
        (await connector.ReadTeamAsync()).Should().BeEmpty("a new store has no roster");

        (await connector.SaveTeamAsync([new TeamMember(new UserId("U-02"), "高橋 美咲", "東日本パートナー営業"), new TeamMember(new UserId("U-01"), "佐藤 健一", "東日本パートナー営業")])).Should().Be(2);
        (await connector.SaveTeamAsync([new TeamMember(new UserId("U-02"), "高橋 美咲", null, Active: false), new TeamMember(new UserId("山田"), "山田")])).Should().Be(2);
        SqliteConnection.ClearAllPools();

        var team = await new SqliteKarteConnector(store.Options).ReadTeamAsync();

        team.Should().Equal(
            new TeamMember(new UserId("U-01"), "佐藤 健一", "東日本パートナー営業"),
            new TeamMember(new UserId("U-02"), "高橋 美咲", "東日本パートナー営業", Active: false),
            new TeamMember(new UserId("山田"), "山田"));
    }

    [Fact]
    public async Task A_store_of_the_previous_version_gains_an_empty_roster()
    {
        var old = new SqliteKarteConnector(SqliteDatabase.Open(store.Options, SqliteSchema.CurrentVersion - 1), store.Options);
        (await old.UpsertKarteAsync(ConformanceData.Batch)).Should().OnlyContain(r => r.Succeeded);
        SqliteConnection.ClearAllPools();

        var migrated = new SqliteKarteConnector(store.Options);

        (await migrated.ReadTeamAsync()).Should().BeEmpty();
        (await migrated.SaveTeamAsync([new TeamMember(new UserId("U-01"), "佐藤 健一")])).Should().Be(1);
        (await migrated.ReadTeamAsync()).Should().ContainSingle().Which.Name.Should().Be("佐藤 健一");
    }
}
