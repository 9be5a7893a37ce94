using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration.Tests.RoundTrip;

public class SalesforceRoundTripTests
{
    [Fact]
    public async Task Sqlite_to_salesforce_to_sqlite_comes_back_equal()
    {
        using var dir = new TempDir();
        var source = dir.Store("source.db");
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 4, RepCount = 20, InteractionCount = 120, ProposalCount = 30 });
        await KarteMigration.WriteAsync(source, data);
        var (emulator, salesforce) = await Crm.StartSalesforceAsync();
        await using var _ = emulator;
        CrmUsers.Seed(emulator, CrmUsers.Of(data));
        var back = dir.Store("back.db");
        var state = back.CreateSyncStateStore();

        var there = await new KarteMigration(source, salesforce, state).RunAsync();
        there.Write.Failures.Should().BeEmpty();
        there.Outcome.Should().Be(SyncOutcome.Succeeded);
        var home = await new KarteMigration(salesforce, back, state).RunAsync();
        home.Outcome.Should().Be(SyncOutcome.Succeeded);

        (await Kartes.LoadAllAsync(back)).ShouldEqualFieldByField(await Kartes.LoadAllAsync(source));
    }
}
