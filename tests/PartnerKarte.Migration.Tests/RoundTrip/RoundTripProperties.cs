using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;
using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;
using PartnerKarte.Testing;

namespace PartnerKarte.Migration.Tests.RoundTrip;

/// <summary>Issue 7, acceptance 1: kartes migrated through the stores come back equal, field by field.</summary>
public class RoundTripProperties
{
    [Fact]
    public void Sqlite_to_sqlite_round_trips_generated_kartes()
    {
        using var dir = new TempDir();
        var n = 0;
        Prop.ForAll(KarteArbitraries.KarteDataSet(), data =>
        {
            n++;
            var source = dir.Store($"s{n}.db", pageSize: 3);
            var target = dir.Store($"t{n}.db", writeBatchSize: 4);
            KarteMigration.WriteAsync(source, data).GetAwaiter().GetResult();
            new KarteMigration(source, target, target.CreateSyncStateStore()).RunAsync().GetAwaiter().GetResult()
                .Outcome.Should().Be(SyncOutcome.Succeeded);
            Kartes.LoadAllAsync(target).GetAwaiter().GetResult().ShouldEqualFieldByField(data);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }
}
