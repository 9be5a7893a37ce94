using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration.Tests.RoundTrip;

public class DataverseRoundTripTests
{
    [Fact]
    public async Task Sqlite_to_dataverse_to_sqlite_comes_back_equal()
    {
        using var dir = new TempDir();
        var source = dir.Store("source.db");
        await KarteMigration.WriteAsync(source, SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 4, RepCount = 20, InteractionCount = 120, ProposalCount = 30 }));
        var (emulator, dataverse) = await Crm.StartDataverseAsync();
        await using var _ = emulator;
        using var __ = dataverse;
        var back = dir.Store("back.db");
        var state = back.CreateSyncStateStore();

        var there = await new KarteMigration(source, dataverse, state).RunAsync();
        there.Write.Failures.Should().BeEmpty();
        there.Outcome.Should().Be(SyncOutcome.Succeeded);
        var home = await new KarteMigration(dataverse, back, state).RunAsync();
        home.Outcome.Should().Be(SyncOutcome.Succeeded);

        (await Kartes.LoadAllAsync(back)).ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));
    }
}
