using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Sync;

/// <summary>
/// Follow-up into the environment (opt-in) over HTTP: one open task per rep with a high or urgent alert, regarding the
/// contact and owned by its owner; the same task night after night; completed (statecode 1, statuscode 5) when the alert
/// clears; never read back as an interaction.
/// </summary>
public sealed class DataverseFollowUpTaskTests : IAsyncLifetime
{
    private const int ChoiceBase = 100000000;
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-dv-followup-").FullName;
    private DataverseTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await DataverseTestEnvironment.StartAsync();

    public async Task DisposeAsync()
    {
        await _env.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private List<System.Text.Json.Nodes.JsonObject> FollowUps() =>
        [.. _env.Emulator.Rows("task").Values.Where(t => t["pk_externalid"]?.GetValue<string>().StartsWith(FollowUpTask.KeyPrefix, StringComparison.Ordinal) == true)];

    [Fact]
    public async Task One_task_per_alert_kept_across_nights_and_completed_when_it_clears()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 31, CompanyCount = 3, RepCount = 15, InteractionCount = 200, ProposalCount = 15 });
        _env.Seed(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });
        var connector = _env.CreateConnector();
        var state = new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "state.db") });
        var sync = new EnrichmentSync(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), new EnrichmentSyncOptions { FollowUpTasks = true });
        var interactionsBefore = await CountInteractionsAsync(connector);

        (await sync.RunAsync(new SyncRunOptions { AsOf = SampleKarteOptions.DefaultAsOf })).Outcome.Should().Be(SyncOutcome.Succeeded);

        var contacts = _env.Emulator.Rows("contact");
        var alerted = contacts.Where(c => Num(c.Value["pk_followuppriority"]) - ChoiceBase >= (int)FollowUpPriority.High).ToList();
        alerted.Should().NotBeEmpty();
        var tasks = FollowUps();
        tasks.Should().HaveCount(alerted.Count);
        foreach (var (id, contact) in alerted)
        {
            var task = tasks.Should().ContainSingle(t => t["_regardingobjectid_value"]!.GetValue<string>() == id.ToString()).Subject;
            Num(task["statecode"]).Should().Be(0, "open");
            task["_ownerid_value"]!.GetValue<string>().Should().Be(contact["_ownerid_value"]!.GetValue<string>(), "the task goes to our owner of the rep");
            task["description"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        }

        (await sync.RunAsync(new SyncRunOptions { AsOf = SampleKarteOptions.DefaultAsOf.AddHours(1) })).Outcome.Should().Be(SyncOutcome.Succeeded);
        FollowUps().Should().HaveCount(alerted.Count, "another night adds no task");

        var cleared = alerted[0].Value["pk_externalid"]!.GetValue<string>();
        (await connector.WriteFollowUpTasksAsync([new FollowUpTask(new RepId(cleared), FollowUpPriority.Low, null)])).Should().Be(1);
        (await connector.WriteFollowUpTasksAsync([new FollowUpTask(new RepId(cleared), FollowUpPriority.Low, null)])).Should().Be(0);
        var closed = FollowUps().Should().ContainSingle(t => t["pk_externalid"]!.GetValue<string>() == FollowUpTask.KeyPrefix + cleared).Subject;
        Num(closed["statecode"]).Should().Be(1);
        Num(closed["statuscode"]).Should().Be(5, "Completed");
        FollowUps().Should().HaveCount(alerted.Count);
        (await CountInteractionsAsync(connector)).Should().Be(interactionsBefore, "a follow-up task is not a contact with the rep");
    }

    private static long? Num(System.Text.Json.Nodes.JsonNode? node) =>
        node is null ? null : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

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
