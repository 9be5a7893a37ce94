using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>The figures a run report carries: its wall clock apart from the as-of instant, and the CRM's own request counts.</summary>
public sealed class SyncRunFiguresTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = SampleKarteOptions.DefaultAsOf;
    private readonly TempStore store = new();
    private readonly SqliteKarteConnector connector;
    private readonly SqliteSyncStateStore state;

    public SyncRunFiguresTests()
    {
        connector = new SqliteKarteConnector(store.Options);
        state = connector.CreateSyncStateStore();
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 3, RepCount = 12, InteractionCount = 120, ProposalCount = 12 });
        connector.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions })
            .GetAwaiter().GetResult().Should().OnlyContain(r => r.Succeeded);
    }

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Started_and_finished_are_the_wall_clock_and_the_as_of_instant_is_reported_apart()
    {
        var wall = new DateTimeOffset(2026, 12, 7, 1, 30, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(wall) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(250) };
        var sync = new EnrichmentSync(connector, state, Calculator(), new EnrichmentSyncOptions(), clock);

        var report = await sync.RunAsync(new SyncRunOptions { AsOf = AsOf });

        report.AsOf.Should().Be(AsOf);
        report.StartedAt.Should().Be(wall, "the run started at the wall clock, not at --as-of");
        report.FinishedAt.Should().BeAfter(report.StartedAt);
        report.Duration.Should().BePositive();
        (await state.GetRunHistoryAsync(connector.StateKey)).Single().AsOf.Should().Be(AsOf, "the history keeps the as-of instant too");
    }

    [Fact]
    public async Task Without_an_as_of_instant_the_run_evaluates_at_its_start()
    {
        var wall = new DateTimeOffset(2026, 12, 7, 1, 30, 0, TimeSpan.Zero);
        var sync = new EnrichmentSync(connector, state, Calculator(), new EnrichmentSyncOptions(), new FakeTimeProvider(wall));

        var report = await sync.RunAsync();

        report.AsOf.Should().Be(wall);
    }

    [Fact]
    public async Task A_connector_that_counts_its_requests_is_reported_by_kind_and_only_for_this_run()
    {
        var counting = new CountingConnector(connector);
        counting.Usage.CountRequest(ConnectorRequestKinds.Describe);   // before the run: not this run's
        var sync = new EnrichmentSync(counting, state, Calculator(), new EnrichmentSyncOptions { BatchSize = 5 });

        var report = await sync.RunAsync(new SyncRunOptions { AsOf = AsOf });

        report.ApiCallsByKind.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            [ConnectorRequestKinds.Query] = counting.Queries,
            [ConnectorRequestKinds.Write] = counting.Writes,
        });
        report.ApiCalls.Should().Be(counting.Queries + counting.Writes);
        report.TokenRequests.Should().Be(1);
        report.RecordsReadByObject.Should().ContainKey("karte").WhoseValue.Should().Be(counting.RecordsRead);
        counting.Writes.Should().Be(report.Batches);
    }

    [Fact]
    public async Task A_store_that_counts_no_requests_reports_the_engine_s_own_calls()
    {
        var report = await new EnrichmentSync(connector, state, Calculator()).RunAsync(new SyncRunOptions { AsOf = AsOf });

        report.ApiCallsByKind.Should().BeEmpty();
        report.ApiCalls.Should().BePositive();
    }

    [Fact]
    public async Task A_configuration_problem_in_the_middle_of_a_run_is_reported_as_one()
    {
        var broken = new FailingConnector(connector, new MappingBroken());
        var transient = new FailingConnector(connector, new PartnerKarteException("connection reset"));

        var report = await new EnrichmentSync(broken, state, Calculator()).RunAsync(new SyncRunOptions { AsOf = AsOf, FullRefresh = true });
        var other = await new EnrichmentSync(transient, state, Calculator()).RunAsync(new SyncRunOptions { AsOf = AsOf, FullRefresh = true });

        report.Outcome.Should().Be(SyncOutcome.Aborted);
        report.IsConfigurationProblem.Should().BeTrue("a field the org hides cannot be fixed by a rerun");
        report.Error.Should().Contain("PK_TrustScore__c");
        other.Outcome.Should().Be(SyncOutcome.Aborted);
        other.IsConfigurationProblem.Should().BeFalse();
    }

    private static KarteEnrichmentCalculator Calculator() => new(new TrustScorer(), new PartnerKpiCalculator());

    /// <summary>Forwards to the SQLite store and counts each call as a CRM would count a request.</summary>
    private sealed class CountingConnector(SqliteKarteConnector inner) : KarteConnector
    {
        private long queries, writes, recordsRead;
        private int tokens;

        public long Queries => Interlocked.Read(ref queries);

        public long Writes => Interlocked.Read(ref writes);

        public long RecordsRead => Interlocked.Read(ref recordsRead);

        public override string Name => "counting";

        public override string StateKey => inner.StateKey;

        public override ConnectorCapabilities Capabilities => inner.Capabilities;

        public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Token();
            await foreach (var page in inner.ReadChangesAsync(watermark, cancellationToken))
            {
                Query(page.Companies.Count + page.Reps.Count + page.Interactions.Count + page.Proposals.Count);
                yield return page;
            }
        }

        public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var batch in inner.ReadKarteAsync(selection, cancellationToken))
            {
                Query(batch.Companies.Count + batch.Reps.Count + batch.Interactions.Count + batch.Proposals.Count);
                yield return batch;
            }
        }

        public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref writes);
            Usage.CountRequest(ConnectorRequestKinds.Write);
            return inner.WriteEnrichmentAsync(records, cancellationToken);
        }

        private void Token()
        {
            if (Interlocked.Exchange(ref tokens, 1) == 0)
            {
                Usage.CountTokenRequest();
            }
        }

        private void Query(int records)
        {
            Interlocked.Increment(ref queries);
            Interlocked.Add(ref recordsRead, records);
            Usage.CountRequest(ConnectorRequestKinds.Query);
            Usage.CountRecordsRead("karte", records);
        }
    }

    private sealed class MappingBroken() : PartnerKarteException("Contact.PK_TrustScore__c is not visible to the integration user")
    {
        public override bool IsConfigurationProblem => true;
    }

    /// <summary>Reads the change feed, then fails every karte read with the given exception.</summary>
    private sealed class FailingConnector(SqliteKarteConnector inner, Exception failure) : KarteConnector
    {
        public override string Name => inner.Name;

        public override string StateKey => inner.StateKey;

        public override ConnectorCapabilities Capabilities => inner.Capabilities;

        public override IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, CancellationToken cancellationToken = default) => inner.ReadChangesAsync(watermark, cancellationToken);

        public override IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, CancellationToken cancellationToken = default) => throw failure;

        public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default) => inner.WriteEnrichmentAsync(records, cancellationToken);
    }
}
