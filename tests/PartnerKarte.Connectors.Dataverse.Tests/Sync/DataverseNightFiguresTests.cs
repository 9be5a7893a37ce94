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
    public async Task A_night_with_a_few_new_activities_writes_in_ceil_changed_over_batch_calls_and_does_not_read_the_echo_of_its_own_writes_again()
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
        // the sync's own enrichment writes are changes to Dataverse like any other. The change read brings accounts and
        // contacts with their karte columns; the sync finds all 33 as it last read them, so it reads no account again and
        // reads only the three reps with a new call (the emulator's log has no per-response record counts; the connector's
        // per-entity-set counts are checked against the requests the log shows).
        night.Read.Should().Be(first.Written + 3, "3 new activities + the echo of the 33 records the first night wrote");
        night.Echoes.Should().Be(33, "every record the first night wrote came back unchanged");
        var deltaReads = log.Where(e => e.Kind == RequestKind.Read && e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal)).ToList();
        deltaReads.Should().HaveCount(7, "one change-tracking read per entity set, one page each");
        var fullReads = log.Where(e => e.Kind == RequestKind.Read && !e.PathAndQuery.Contains("deltatoken", StringComparison.Ordinal)).ToList();
        fullReads.Should().NotContain(e => Uri.UnescapeDataString(e.PathAndQuery).Contains("/accounts?", StringComparison.Ordinal), "no echoed account is read again");
        night.RecordsReadByObject.GetValueOrDefault("accounts").Should().Be(3, "3 echoed in the change read, none read again");
        night.RecordsReadByObject.GetValueOrDefault("contacts").Should().Be(33, "30 echoed in the change read, and the 3 reps with a new call read by id");
        night.RecordsReadByObject.GetValueOrDefault("phonecalls (ids)").Should().Be(3, "3 new in the change read");
        night.RecordsReadByObject.GetValueOrDefault("phonecalls").Should().Be(6, "the old and the new call of each of those 3 reps");
    }
}
