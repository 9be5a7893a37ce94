using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>
/// Follow-up into the org (opt-in): one open Task per rep with a high or urgent alert, for the Contact's owner, with the
/// reason; the same Task night after night; Completed when the alert clears; never read back as an interaction.
/// </summary>
public sealed class SalesforceFollowUpTaskTests : IAsyncLifetime
{
    private static readonly DateTimeOffset AsOf = SampleKarteOptions.DefaultAsOf;
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-sf-followup-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<SyncReport> RunAsync(KarteConnector connector, ISyncStateStore state, bool followUp) =>
        new EnrichmentSync(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), new EnrichmentSyncOptions { FollowUpTasks = followUp })
            .RunAsync(new SyncRunOptions { AsOf = AsOf });

    private List<IReadOnlyDictionary<string, object?>> FollowUps() =>
        [.. _org.Org.Records("Task").Where(t => ((string?)t["PK_ExternalId__c"])?.StartsWith(FollowUpTask.KeyPrefix, StringComparison.Ordinal) == true)];

    [Fact]
    public async Task One_task_per_alert_for_the_owner_kept_across_nights_and_completed_when_it_clears()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 31, CompanyCount = 3, RepCount = 15, InteractionCount = 200, ProposalCount = 15 });
        _org.Seed(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });
        var connector = _org.Connector();
        var state = new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "state.db") });
        var interactionsBefore = await CountInteractionsAsync(connector);

        (await RunAsync(connector, state, followUp: true)).Outcome.Should().Be(SyncOutcome.Succeeded);

        var alerted = _org.Org.Records("Contact").Where(c => (string?)c["PK_FollowUpPriority__c"] is "High" or "Urgent").ToList();
        alerted.Should().NotBeEmpty("the sample data has reps to follow up");
        var tasks = FollowUps();
        tasks.Should().HaveCount(alerted.Count, "one task per alerted rep");
        foreach (var contact in alerted)
        {
            var task = tasks.Should().ContainSingle(t => (string?)t["WhoId"] == (string?)contact["Id"]).Subject;
            task["OwnerId"].Should().Be(contact["OwnerId"], "the task goes to our owner of the rep");
            task["Status"].Should().Be("Not Started");
            ((string?)task["Description"]).Should().NotBeNullOrWhiteSpace("the reason comes with the task");
            ((string?)task["Subject"]).Should().StartWith("要フォロー");
        }

        // Another night: the same alerts update nothing and add nothing.
        (await RunAsync(connector, state, followUp: true)).Outcome.Should().Be(SyncOutcome.Succeeded);
        FollowUps().Should().HaveCount(alerted.Count);

        // The alert of one rep clears: its task is completed, and completing it again changes nothing.
        var cleared = (string)alerted[0]["PK_ExternalId__c"]!;
        (await connector.WriteFollowUpTasksAsync([new FollowUpTask(new RepId(cleared), FollowUpPriority.Normal, null)])).Should().Be(1);
        (await connector.WriteFollowUpTasksAsync([new FollowUpTask(new RepId(cleared), FollowUpPriority.Normal, null)])).Should().Be(0);
        FollowUps().Should().ContainSingle(t => (string?)t["PK_ExternalId__c"] == FollowUpTask.KeyPrefix + cleared).Which["Status"].Should().Be("Completed");
        FollowUps().Should().HaveCount(alerted.Count, "closing never deletes or duplicates");

        (await CountInteractionsAsync(connector)).Should().Be(interactionsBefore, "a completed follow-up task is not a contact with the rep");
    }

    [Fact]
    public async Task Off_by_default_no_task_is_written()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 31, CompanyCount = 2, RepCount = 8, InteractionCount = 80, ProposalCount = 8 });
        _org.Seed(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });
        var state = new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "off.db") });

        (await RunAsync(_org.Connector(), state, followUp: false)).Outcome.Should().Be(SyncOutcome.Succeeded);

        new EnrichmentSyncOptions().FollowUpTasks.Should().BeFalse();
        FollowUps().Should().BeEmpty();
    }

    private static async Task<int> CountInteractionsAsync(KarteConnector connector)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in connector.ReadChangesAsync(null))
        {
            foreach (var i in page.Interactions)
            {
                ids.Add(i.Id.Value);
            }
        }

        return ids.Count;
    }
}
