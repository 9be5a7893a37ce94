using FluentAssertions;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using Xunit;

namespace PartnerKarte.Testing.Conformance;

/// <summary>
/// The shared conformance suite every <see cref="KarteConnector"/> passes. A connector's test project
/// subclasses it and supplies a fresh, empty target per test plus direct access to the backing store
/// (the SQLite file, the emulator's in-memory org or environment), so reads and writes are checked
/// against the store and not only against the connector itself.
/// </summary>
/// <remarks>
/// The tests are xunit 2 <c>[Fact]</c>s: a subclass in an xunit test project runs them all. xunit creates one instance
/// per test, so a subclass may create its target in the constructor or in <c>IAsyncLifetime.InitializeAsync</c> and
/// clean up in <c>Dispose</c>/<c>DisposeAsync</c>. Checks of optional capabilities (<see cref="ConnectorCapabilities.SupportsDelta"/>,
/// <see cref="ConnectorCapabilities.SupportsKarteUpsert"/>, <see cref="ConnectorCapabilities.SupportsOperations"/>) pass
/// without checking anything when the connector does not claim the capability.
/// </remarks>
public abstract class KarteConnectorConformanceTests
{
    /// <summary>Creates a connector over a fresh, empty target (one per test).</summary>
    protected abstract Task<KarteConnector> CreateConnectorAsync();

    /// <summary>
    /// Creates or updates records directly in the backing store (not through the connector), as a CRM user
    /// would; updated records must show up in the connector's change feed after an earlier watermark.
    /// </summary>
    protected abstract Task SeedAsync(KarteConnector connector, KarteRecordBatch records);

    /// <summary>Reads the enrichment values the backing store holds for a target, or <see langword="null"/> when none were ever written.</summary>
    protected abstract Task<EnrichmentRecord?> ReadEnrichmentAsync(KarteConnector connector, EnrichmentKey key);

    /// <summary>
    /// Counts the tasks the backing store holds regarding a record, or returns <see langword="null"/> when the
    /// test project cannot count them (the duplicate-task check is then skipped).
    /// </summary>
    protected virtual Task<int?> CountTasksAsync(KarteConnector connector, KarteRecordKind recordKind, string recordId) => Task.FromResult<int?>(null);

    /// <summary>Capabilities are usable.</summary>
    [Fact]
    public async Task Capabilities_are_usable()
    {
        var connector = await CreateConnectorAsync();

        connector.Name.Should().NotBeNullOrWhiteSpace().And.Be(connector.Name.ToLowerInvariant());
        connector.StateKey.Should().NotBeNullOrWhiteSpace();
        connector.Capabilities.MaxBatchSize.Should().BeGreaterThanOrEqualTo(1);
        connector.Capabilities.MaxParallelism.Should().BeGreaterThanOrEqualTo(1);
    }

    /// <summary>Full read returns every seeded record and ends with a watermark.</summary>
    [Fact]
    public async Task Full_read_returns_every_seeded_record_and_ends_with_a_watermark()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);

        var (read, watermark) = await ReadAllAsync(connector, null);

        read.Companies.Select(c => c.Id).Distinct().Should().BeEquivalentTo(ConformanceData.Batch.Companies.Select(c => c.Id));
        read.Reps.Select(r => r.Id).Distinct().Should().BeEquivalentTo(ConformanceData.Batch.Reps.Select(r => r.Id));
        read.Proposals.Select(p => p.Id).Distinct().Should().BeEquivalentTo(ConformanceData.Batch.Proposals.Select(p => p.Id));
        read.Interactions.Select(i => i.Id).Distinct().Should().BeEquivalentTo(ConformanceData.Batch.Interactions.Select(i => i.Id));
        watermark.Should().NotBeNullOrEmpty("the last page carries the watermark for the next run");
    }

    /// <summary>Full read keeps japanese text and relationships.</summary>
    [Fact]
    public async Task Full_read_keeps_japanese_text_and_relationships()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);

        var (read, _) = await ReadAllAsync(connector, null);

        var sakura = read.Companies.Last(c => c.Id == ConformanceData.Sakura);
        sakura.Name.Should().Be("株式会社さくら販売");
        sakura.OwnerId.Should().Be(ConformanceData.Manager);
        var tanaka = read.Reps.Last(r => r.Id == ConformanceData.Tanaka);
        tanaka.CompanyId.Should().Be(ConformanceData.Sakura);
        tanaka.Name.FamilyName.Should().Be("田中");
        tanaka.Name.GivenName.Should().Be("太郎");
        tanaka.Employment.Should().ContainSingle(e => e.CompanyId == ConformanceData.Sakura && e.IsCurrent);
        var won = read.Proposals.Last(p => p.Id == new ProposalId("P-001"));
        won.CompanyId.Should().Be(ConformanceData.Sakura);
        won.RepId.Should().Be(ConformanceData.Tanaka);
        won.Outcome.Should().Be(ProposalOutcome.Won);
        won.Amount.Should().Be(1_200_000m);
        var meeting = read.Interactions.Last(i => i.Id == new InteractionId("I-001"));
        meeting.RepId.Should().Be(ConformanceData.Tanaka);
        meeting.OccurredAt.Should().Be(ConformanceData.Batch.Interactions[0].OccurredAt);
        meeting.Reaction.Should().Be(Reaction.Positive);
    }

    /// <summary>Read after the last watermark without change returns no record.</summary>
    [Fact]
    public async Task Read_after_the_last_watermark_without_change_returns_no_record()
    {
        var connector = await CreateConnectorAsync();
        if (!connector.Capabilities.SupportsDelta)
        {
            return;
        }

        await SeedAsync(connector, ConformanceData.Batch);
        var (_, watermark) = await ReadAllAsync(connector, null);

        var (again, next) = await ReadAllAsync(connector, watermark);

        again.Count.Should().Be(0);
        next.Should().NotBeNullOrEmpty("a read with nothing new still hands back a watermark");
    }

    /// <summary>Read after a watermark returns the changed interaction only.</summary>
    [Fact]
    public async Task Read_after_a_watermark_returns_the_changed_interaction_only()
    {
        var connector = await CreateConnectorAsync();
        if (!connector.Capabilities.SupportsDelta)
        {
            return;
        }

        await SeedAsync(connector, ConformanceData.Batch);
        var (_, watermark) = await ReadAllAsync(connector, null);
        var changed = ConformanceData.Batch.Interactions[2] with { Reaction = Reaction.Positive, Statements = "導入に前向き", ModifiedAt = ConformanceData.BaseTime.AddHours(1) };

        await SeedAsync(connector, new KarteRecordBatch { Interactions = [changed] });
        var (delta, _) = await ReadAllAsync(connector, watermark);

        delta.Interactions.Should().ContainSingle().Which.Should().Match<Interaction>(i => i.Id == changed.Id && i.Reaction == Reaction.Positive && i.Statements == "導入に前向き");
        delta.Companies.Should().BeEmpty();
        delta.Proposals.Should().BeEmpty();
    }

    /// <summary>Change summary of a full read names every seeded record and ends with a watermark.</summary>
    [Fact]
    public async Task Change_summary_of_a_full_read_names_every_seeded_record_and_ends_with_a_watermark()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);

        var (summary, watermark) = await SummariseAsync(connector, null);

        summary.Companies.Distinct().Should().BeEquivalentTo(ConformanceData.Batch.Companies.Select(c => c.Id));
        summary.Reps.Distinct().Should().BeEquivalentTo(ConformanceData.Batch.Reps.Select(r => new ChangedRep(r.Id, r.CompanyId)));
        summary.ProposalCompanies.Distinct().Should().BeEquivalentTo(ConformanceData.Batch.Proposals.Select(p => p.CompanyId).Distinct());
        summary.RecordReps.Distinct().Should().BeEquivalentTo(
            ConformanceData.Batch.Interactions.Select(i => i.RepId).Concat(ConformanceData.Batch.Proposals.Where(p => p.RepId is not null).Select(p => p.RepId!.Value)).Distinct());
        summary.Count.Should().BeGreaterThanOrEqualTo(ConformanceData.Batch.Count);
        watermark.Should().NotBeNullOrEmpty();
    }

    /// <summary>Change summary after a watermark names the changed interaction's rep only.</summary>
    [Fact]
    public async Task Change_summary_after_a_watermark_names_the_changed_interaction_s_rep_only()
    {
        var connector = await CreateConnectorAsync();
        if (!connector.Capabilities.SupportsDelta)
        {
            return;
        }

        await SeedAsync(connector, ConformanceData.Batch);
        var (_, watermark) = await SummariseAsync(connector, null);
        var (unchanged, same) = await SummariseAsync(connector, watermark);
        var changed = ConformanceData.Batch.Interactions[2] with { Reaction = Reaction.Positive, ModifiedAt = ConformanceData.BaseTime.AddHours(1) };

        await SeedAsync(connector, new KarteRecordBatch { Interactions = [changed] });
        var (delta, _) = await SummariseAsync(connector, same);

        unchanged.Count.Should().Be(0);
        same.Should().NotBeNullOrEmpty();
        delta.Count.Should().BeGreaterThanOrEqualTo(1);
        delta.RecordReps.Distinct().Should().Equal(changed.RepId);
        delta.Companies.Should().BeEmpty();
        delta.ProposalCompanies.Should().BeEmpty();
    }

    /// <summary>Read karte returns the selection with its context.</summary>
    [Fact]
    public async Task Read_karte_returns_the_selection_with_its_context()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);

        var read = await CollectAsync(connector.ReadKarteAsync(new KarteSelection { RepIds = [ConformanceData.Tanaka, new RepId("R-404")] }));

        read.Companies.Should().BeEmpty();
        read.Reps.Select(r => r.Id).Distinct().Should().Equal(ConformanceData.Tanaka);
        read.Proposals.Select(p => p.Id.Value).Distinct().Should().Equal("P-001");
        read.Interactions.Select(i => i.Id.Value).Distinct().Should().BeEquivalentTo(["I-001", "I-002"]);
    }

    /// <summary>Read karte of a company returns its whole karte in one batch.</summary>
    [Fact]
    public async Task Read_karte_of_a_company_returns_its_whole_karte_in_one_batch()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);

        var batches = new List<KarteRecordBatch>();
        await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { CompanyIds = [ConformanceData.Sakura, ConformanceData.Fuji, new CompanyId("C-404")] }))
        {
            batches.Add(batch);
        }

        batches.SelectMany(b => b.Companies).Select(c => c.Id).Distinct().Should().BeEquivalentTo([ConformanceData.Sakura, ConformanceData.Fuji]);
        foreach (var (company, reps, proposals, interactions) in new[]
        {
            (ConformanceData.Sakura, new[] { "R-001", "R-002" }, new[] { "P-001" }, new[] { "I-001", "I-002", "I-003", "I-004" }),
            (ConformanceData.Fuji, ["R-003"], ["P-002"], ["I-005", "I-006"]),
        })
        {
            var batch = batches.First(b => b.Companies.Any(c => c.Id == company));
            batch.Reps.Where(r => r.CompanyId == company).Select(r => r.Id.Value).Distinct().Should().BeEquivalentTo(reps);
            batch.Proposals.Where(p => p.CompanyId == company).Select(p => p.Id.Value).Distinct().Should().BeEquivalentTo(proposals);
            batch.Proposals.Should().Contain(p => p.RepId != null && reps.Contains(p.RepId.Value.Value), "the reps' proposals come along");
            batch.Interactions.Where(i => reps.Contains(i.RepId.Value)).Select(i => i.Id.Value).Distinct().Should().BeEquivalentTo(interactions);
        }
    }

    /// <summary>Written enrichment is stored field by field.</summary>
    [Fact]
    public async Task Written_enrichment_is_stored_field_by_field()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);
        var rep = RepRecord(ConformanceData.Tanaka, 72.4);
        var company = CompanyRecord(ConformanceData.Sakura, "renewal:2026-03-31");

        var results = await connector.WriteEnrichmentAsync([rep, company]);

        results.Should().HaveCount(2).And.OnlyContain(r => r.Succeeded);
        results.Select(r => r.Key).Should().BeEquivalentTo([rep.Key, company.Key]);
        (await ReadEnrichmentAsync(connector, rep.Key)).Should().BeEquivalentTo(rep, o => o.Excluding(r => r.ContentHash));
        (await ReadEnrichmentAsync(connector, rep.Key))!.ContentHash.Should().Be(rep.ContentHash);
        (await ReadEnrichmentAsync(connector, company.Key))!.ContentHash.Should().Be(company.ContentHash);
    }

    /// <summary>Writing the same enrichment twice leaves the same state.</summary>
    [Fact]
    public async Task Writing_the_same_enrichment_twice_leaves_the_same_state()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);
        var rep = RepRecord(ConformanceData.Suzuki, 55.0);

        (await connector.WriteEnrichmentAsync([rep])).Should().OnlyContain(r => r.Succeeded);
        (await connector.WriteEnrichmentAsync([rep])).Should().OnlyContain(r => r.Succeeded);

        (await ReadEnrichmentAsync(connector, rep.Key))!.ContentHash.Should().Be(rep.ContentHash);
    }

    /// <summary>A null field clears the stored value.</summary>
    [Fact]
    public async Task A_null_field_clears_the_stored_value()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);
        await connector.WriteEnrichmentAsync([RepRecord(ConformanceData.Takahashi, 81.5)]);
        var unrated = EnrichmentRecord.ForRep(ConformanceData.Takahashi, null, TrustRank.Unrated, 0.1, null, null, FollowUpPriority.Normal);

        (await connector.WriteEnrichmentAsync([unrated])).Should().OnlyContain(r => r.Succeeded);

        var stored = await ReadEnrichmentAsync(connector, unrated.Key);
        stored!.TrustScore.Should().BeNull();
        stored.TrustRank.Should().Be(TrustRank.Unrated);
        stored.ContentHash.Should().Be(unrated.ContentHash);
    }

    /// <summary>A missing target fails as a value and the rest of the batch is written.</summary>
    [Fact]
    public async Task A_missing_target_fails_as_a_value_and_the_rest_of_the_batch_is_written()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);
        var missing = RepRecord(new RepId("R-404"), 50.0);
        var present = RepRecord(ConformanceData.Tanaka, 64.0);

        var results = await connector.WriteEnrichmentAsync([missing, present]);

        results.Should().HaveCount(2);
        var failed = results.Single(r => r.Key == missing.Key);
        failed.Succeeded.Should().BeFalse();
        failed.ErrorCode.Should().NotBeNullOrEmpty();
        failed.Message.Should().NotBeNullOrEmpty();
        results.Single(r => r.Key == present.Key).Succeeded.Should().BeTrue();
        (await ReadEnrichmentAsync(connector, present.Key))!.ContentHash.Should().Be(present.ContentHash);
    }

    /// <summary>A full batch of the advertised size is accepted.</summary>
    [Fact]
    public async Task A_full_batch_of_the_advertised_size_is_accepted()
    {
        var connector = await CreateConnectorAsync();
        // Capped to keep the suite fast; distinct reps because CRMs reject duplicate ids within one call.
        var size = Math.Min(connector.Capabilities.MaxBatchSize, 200);
        var reps = Enumerable.Range(0, size)
            .Select(i => ConformanceData.Batch.Reps[0] with { Id = new RepId($"R-B{i:D4}"), Email = null, Name = new PersonName("山田", $"{i}号", "ヤマダ", null) })
            .ToList();
        await SeedAsync(connector, ConformanceData.Batch with { Reps = [.. ConformanceData.Batch.Reps, .. reps] });
        var records = reps.Select((r, i) => RepRecord(r.Id, 40 + (i % 50))).ToList();

        var results = await connector.WriteEnrichmentAsync(records);

        results.Should().HaveCount(size).And.OnlyContain(r => r.Succeeded);
        (await ReadEnrichmentAsync(connector, records[^1].Key))!.ContentHash.Should().Be(records[^1].ContentHash);
    }

    /// <summary>Upserts by external id create then update without duplicates.</summary>
    [Fact]
    public async Task Upserts_by_external_id_create_then_update_without_duplicates()
    {
        var connector = await CreateConnectorAsync();
        if (!connector.Capabilities.SupportsKarteUpsert)
        {
            return;
        }

        var first = await connector.UpsertKarteAsync(ConformanceData.Batch);
        first.Should().HaveCount(ConformanceData.Batch.Count).And.OnlyContain(r => r.Outcome == UpsertOutcome.Created);
        var renamed = ConformanceData.Batch with
        {
            Companies = [ConformanceData.Batch.Companies[0] with { Name = "株式会社さくら販売ホールディングス" }, ConformanceData.Batch.Companies[1]],
        };

        var second = await connector.UpsertKarteAsync(renamed);

        second.Should().HaveCount(renamed.Count).And.OnlyContain(r => r.Outcome == UpsertOutcome.Updated);
        var (read, _) = await ReadAllAsync(connector, null);
        read.Companies.Select(c => c.Id).Should().OnlyHaveUniqueItems().And.HaveCount(2);
        read.Reps.Should().HaveCount(3);
        read.Interactions.Should().HaveCount(6);
        read.Companies.Single(c => c.Id == ConformanceData.Sakura).Name.Should().Be("株式会社さくら販売ホールディングス");
        read.Proposals.Single(p => p.Id == new ProposalId("P-002")).RepId.Should().Be(ConformanceData.Takahashi);
    }

    /// <summary>Handover operations apply once and are idempotent.</summary>
    [Fact]
    public async Task Handover_operations_apply_once_and_are_idempotent()
    {
        var connector = await CreateConnectorAsync();
        if (!connector.Capabilities.SupportsOperations)
        {
            return;
        }

        await SeedAsync(connector, ConformanceData.Batch);
        IReadOnlyList<ConnectorOperation> operations =
        [
            ConnectorOperation.ChangeOwner("op-1", KarteRecordKind.Company, ConformanceData.Sakura.Value, ConformanceData.Successor),
            ConnectorOperation.ChangeOwner("op-2", KarteRecordKind.Rep, ConformanceData.Tanaka.Value, ConformanceData.Successor),
            ConnectorOperation.ReassignRep("op-3", KarteRecordKind.Proposal, "P-001", ConformanceData.Suzuki),
            ConnectorOperation.CreateTask("op-4", KarteRecordKind.Rep, ConformanceData.Tanaka.Value, ConformanceData.Successor, "後任者の紹介", new DateOnly(2026, 4, 15)),
        ];

        var first = await connector.ApplyOperationsAsync(operations);
        var second = await connector.ApplyOperationsAsync(operations);

        first.Should().HaveCount(4).And.OnlyContain(r => r.Status == ConnectorOperationStatus.Applied);
        second.Should().HaveCount(4).And.OnlyContain(r => r.Succeeded);
        var (read, _) = await ReadAllAsync(connector, null);
        read.Companies.Last(c => c.Id == ConformanceData.Sakura).OwnerId.Should().Be(ConformanceData.Successor);
        read.Reps.Last(r => r.Id == ConformanceData.Tanaka).OwnerId.Should().Be(ConformanceData.Successor);
        read.Proposals.Last(p => p.Id == new ProposalId("P-001")).RepId.Should().Be(ConformanceData.Suzuki);
        var tasks = await CountTasksAsync(connector, KarteRecordKind.Rep, ConformanceData.Tanaka.Value);
        if (tasks is not null)
        {
            tasks.Should().Be(1, "applying the same plan twice creates no duplicate task");
        }
    }

    /// <summary>A cancelled read stops with OperationCanceledException.</summary>
    [Fact]
    public async Task A_cancelled_read_stops_with_OperationCanceledException()
    {
        var connector = await CreateConnectorAsync();
        await SeedAsync(connector, ConformanceData.Batch);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = async () => await ReadAllAsync(connector, null, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Reads every page after <paramref name="watermark"/>; returns the records (in page order) and the last watermark.</summary>
    protected static async Task<(KarteRecordBatch Records, string? Watermark)> ReadAllAsync(KarteConnector connector, string? watermark, CancellationToken cancellationToken = default)
    {
        var companies = new List<PartnerCompany>();
        var reps = new List<PartnerRep>();
        var proposals = new List<Proposal>();
        var interactions = new List<Interaction>();
        string? last = null;
        await foreach (var page in connector.ReadChangesAsync(watermark, cancellationToken))
        {
            companies.AddRange(page.Companies);
            reps.AddRange(page.Reps);
            proposals.AddRange(page.Proposals);
            interactions.AddRange(page.Interactions);
            last = page.NextWatermark ?? last;
        }

        return (new KarteRecordBatch { Companies = companies, Reps = reps, Proposals = proposals, Interactions = interactions }, last);
    }

    /// <summary>Reads every summary page after <paramref name="watermark"/> into one; returns it and the last watermark.</summary>
    protected static async Task<(ChangeSummary Summary, string? Watermark)> SummariseAsync(KarteConnector connector, string? watermark)
    {
        var pages = new List<ChangeSummary>();
        string? last = null;
        await foreach (var page in connector.ReadChangeSummaryAsync(watermark))
        {
            pages.Add(page);
            last = page.NextWatermark ?? last;
        }

        return (new ChangeSummary
        {
            Companies = [.. pages.SelectMany(p => p.Companies)],
            Reps = [.. pages.SelectMany(p => p.Reps)],
            ProposalCompanies = [.. pages.SelectMany(p => p.ProposalCompanies)],
            RecordReps = [.. pages.SelectMany(p => p.RecordReps)],
            Deletions = [.. pages.SelectMany(p => p.Deletions)],
            Count = pages.Sum(p => p.Count),
        }, last);
    }

    /// <summary>Collects batches into one.</summary>
    protected static async Task<KarteRecordBatch> CollectAsync(IAsyncEnumerable<KarteRecordBatch> batches)
    {
        var all = new List<KarteRecordBatch>();
        await foreach (var batch in batches)
        {
            all.Add(batch);
        }

        return new KarteRecordBatch
        {
            Companies = [.. all.SelectMany(b => b.Companies)],
            Reps = [.. all.SelectMany(b => b.Reps)],
            Proposals = [.. all.SelectMany(b => b.Proposals)],
            Interactions = [.. all.SelectMany(b => b.Interactions)],
        };
    }

    /// <summary>A rep enrichment record with every field set.</summary>
    protected static EnrichmentRecord RepRecord(RepId rep, double score) =>
        EnrichmentRecord.ForRep(rep, score, score >= 70 ? TrustRank.A : TrustRank.B, 0.82, -3.5, new DateOnly(2026, 3, 28), FollowUpPriority.High);

    /// <summary>A company enrichment record with every field set.</summary>
    protected static EnrichmentRecord CompanyRecord(CompanyId company, string? alert) =>
        EnrichmentRecord.ForCompany(company, 12, 5, 62.5, 12_345_678m, 3_456_789m, 87.5, alert);
}
