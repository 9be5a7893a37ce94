using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Sync;

/// <summary>Issue 19 figures for Dataverse, from the emulator's own request log: what a night reads and how many write calls it makes.</summary>
public sealed class DataverseNightFiguresTests
{
    [Fact]
    public async Task A_night_with_a_few_new_activities_writes_in_ceil_changed_over_batch_calls_and_reads_the_first_nights_echo()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        env.SeedReps(companies: 3, reps: 30, lastCall: ProductSync.AsOf.AddDays(-3));
        using var connector = env.CreateConnector(o => o.BatchSize = 10);
        using var sync = new ProductSync(connector);
        var first = await sync.RunAsync();
        first.Outcome.Should().Be(SyncOutcome.Succeeded, first.Error);
        first.Written.Should().Be(33);

        // A day of activity: three new calls with three contacts.
        foreach (var rep in new[] { "R-00001", "R-00002", "R-00004" })
        {
            env.Emulator.Seed("phonecall", new JsonObject
            {
                ["subject"] = "折り返しの電話",
                ["actualstart"] = ProductSync.AsOf.AddHours(12).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["pk_channel"] = (int)InteractionChannel.Call, ["pk_initiator"] = 0, ["pk_reaction"] = 1,
                ["regardingobjectid_contact_phonecall@odata.bind"] = $"/contacts({env.FindByExternalId("contact", rep)})",
            });
        }

        env.Emulator.ResetLog();
        var night = await sync.RunAsync(ProductSync.AsOf.AddDays(1));

        night.Outcome.Should().Be(SyncOutcome.Succeeded, night.Error);
        night.Written.Should().BeGreaterThan(0);
        var log = env.Emulator.RequestLog;
        log.Count(e => e.Kind is RequestKind.Write or RequestKind.Batch).Should().Be((int)((night.Written + 9) / 10), "write calls = ceil(changed / 10), the batch size");
        log.Where(e => e.Kind == RequestKind.Batch).Sum(e => e.BatchOperations).Should().Be((int)night.Written);


        // Records read. Change tracking returns every contact and account the first night wrote (33) besides the 3 new calls:
        // the sync's own enrichment writes are changes to Dataverse like any other. So the night counts 36 changes and
        // reads the kartes of all 3 accounts in full again (the emulator's log has no per-response record counts; the
        // connector's per-entity-set counts are checked against the requests the log shows).
        night.Read.Should().Be(first.Written + 3, "3 new activities + the echo of the 33 records the first night wrote");
        var deltaReads = log.Where(e => e.Kind == RequestKind.Read && e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal)).ToList();
        deltaReads.Should().HaveCount(7, "one change-tracking read per entity set, one page each");
        var fullReads = log.Where(e => e.Kind == RequestKind.Read && !e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal)).ToList();
        fullReads.Should().Contain(e => Uri.UnescapeDataString(e.PathAndQuery).Contains("/accounts?", StringComparison.Ordinal)
            && Uri.UnescapeDataString(e.PathAndQuery).Contains("'C-0000' or pk_externalid eq 'C-0001' or pk_externalid eq 'C-0002'", StringComparison.Ordinal), "every echoed account is read in full");
        // The change read selects ids only (counted apart); the contents are read once, by the karte reads.
        night.RecordsReadByObject.GetValueOrDefault("accounts (ids)").Should().Be(3, "3 echoed in the change read");
        night.RecordsReadByObject.GetValueOrDefault("accounts").Should().Be(3, "3 read in full");
        night.RecordsReadByObject.GetValueOrDefault("contacts (ids)").Should().Be(30, "30 echoed in the change read");
        night.RecordsReadByObject.GetValueOrDefault("contacts").Should().Be(30, "30 read in full");
        night.RecordsReadByObject.GetValueOrDefault("phonecalls (ids)").Should().Be(3, "3 new in the change read");
        night.RecordsReadByObject.GetValueOrDefault("phonecalls").Should().Be(33, "33 read in full with their accounts");
    }
}
