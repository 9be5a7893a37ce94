using System.ComponentModel.DataAnnotations;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using PartnerKarte.Testing.Conformance;

namespace PartnerKarte.Testing.Tests.InMemory;

/// <summary>What the in-memory connector does beyond the shared suite: deletions, the roster, follow-up tasks, options, a whole sync.</summary>
public sealed class InMemoryKarteConnectorTests
{
    [Fact]
    public async Task A_deletion_shows_on_the_change_feed_after_the_watermark_with_its_parents()
    {
        var connector = new InMemoryKarteConnector();
        connector.Seed(ConformanceData.Batch);
        var watermark = await LastWatermarkAsync(connector, null);

        connector.Delete(KarteRecordKind.Interaction, "I-003").Should().BeTrue();
        connector.Delete(KarteRecordKind.Interaction, "I-404").Should().BeFalse();

        var pages = await ReadAsync(connector, watermark);
        pages.SelectMany(p => p.Deletions).Should().ContainSingle()
            .Which.Should().Be(new DeletedRecord(KarteRecordKind.Interaction, "I-003") { RepId = ConformanceData.Suzuki.Value });
        connector.Snapshot().Interactions.Should().HaveCount(5);
    }

    [Fact]
    public async Task Seeding_a_data_set_with_team_members_sets_the_roster()
    {
        var connector = new InMemoryKarteConnector();
        var data = KarteGenerators.TeamKarte(7).Data;

        connector.Seed(data);

        (await connector.ReadTeamAsync()).Select(m => m.Id).Should().BeEquivalentTo(data.TeamMembers.Select(m => m.Id));
    }

    [Fact]
    public async Task Follow_up_tasks_open_once_and_close_by_key()
    {
        var connector = new InMemoryKarteConnector();
        connector.Seed(ConformanceData.Batch);
        var open = new FollowUpTask(ConformanceData.Tanaka, FollowUpPriority.Urgent, "3週間連絡なし");

        (await connector.WriteFollowUpTasksAsync([open])).Should().Be(1);
        (await connector.WriteFollowUpTasksAsync([open])).Should().Be(0, "the same open task twice changes nothing");
        (await connector.WriteFollowUpTasksAsync([open with { Priority = FollowUpPriority.Normal }])).Should().Be(1);

        connector.GetTasks(KarteRecordKind.Rep, ConformanceData.Tanaka.Value).Should().ContainSingle()
            .Which.Should().Match<InMemoryTask>(t => !t.IsOpen && t.OwnerId == ConformanceData.Manager);
    }

    [Fact]
    public void Invalid_options_fail_with_the_option_named()
    {
        var act = () => new InMemoryKarteConnector(new InMemoryKarteConnectorOptions { PageSize = 0 });

        act.Should().Throw<ValidationException>().WithMessage("*PageSize*");
    }

    [Fact]
    public async Task A_nightly_sync_writes_enrichment_once_and_a_rerun_writes_nothing()
    {
        var options = new SampleKarteOptions { CompanyCount = 3, RepCount = 20, InteractionCount = 400, ProposalCount = 40 };
        var connector = new InMemoryKarteConnector(new InMemoryKarteConnectorOptions { PageSize = 50 });
        connector.Seed(SampleKarteGenerator.Generate(options));
        var state = new InMemorySyncStateStore();
        var sync = new EnrichmentSync(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()));

        var first = await sync.RunAsync(new SyncRunOptions { AsOf = options.AsOf });
        var second = await sync.RunAsync(new SyncRunOptions { AsOf = options.AsOf });

        first.Outcome.Should().Be(SyncOutcome.Succeeded);
        first.Written.Should().Be(23, "20 reps and 3 companies");
        second.Written.Should().Be(0);
        (await state.GetRunHistoryAsync(connector.StateKey)).Should().HaveCount(2);
        (await state.GetWatermarkAsync(connector.StateKey)).Should().NotBeNull();
    }

    private static async Task<List<ChangePage>> ReadAsync(KarteConnector connector, string? watermark)
    {
        var pages = new List<ChangePage>();
        await foreach (var page in connector.ReadChangesAsync(watermark))
        {
            pages.Add(page);
        }

        return pages;
    }

    private static async Task<string?> LastWatermarkAsync(KarteConnector connector, string? watermark) =>
        (await ReadAsync(connector, watermark))[^1].NextWatermark;
}
