using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Migration;
using PartnerKarte.Privacy;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>
/// Personal data requests on the demo data: the export holds every item the store holds about the person, an erasure removes
/// them and no later sync brings them back, the retention period drops only what it names, and no log line carries personal data.
/// </summary>
public sealed class PrivacyTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = SampleKarteOptions.DefaultAsOf;
    private readonly TempStore file = new();
    private readonly TempStore crmFile = new();
    private readonly KarteDataSet data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 27, CompanyCount = 6, RepCount = 40, InteractionCount = 800, ProposalCount = 80 });

    public void Dispose()
    {
        file.Dispose();
        crmFile.Dispose();
    }

    private async Task<SqliteKarteConnector> SeededAsync(TempStore store)
    {
        var connector = new SqliteKarteConnector(store.Options);
        (await connector.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions }))
            .Should().OnlyContain(r => r.Succeeded);
        return connector;
    }

    private static EnrichmentSync Sync(KarteConnector connector, ISyncStateStore state, EnrichmentSyncOptions? options = null, FakeLogger<EnrichmentSync>? logger = null) =>
        new(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), options ?? new EnrichmentSyncOptions { CompaniesPerRead = 2 }, logger: logger);

    /// <summary>The rep with the most interactions that also has statements, a mention in a colleague's interaction and a proposal.</summary>
    private PartnerRep Person() => data.Reps
        .Where(r => data.Interactions.Any(i => i.OtherParticipants.Contains(r.Id)) && data.Proposals.Any(p => p.RepId == r.Id))
        .OrderByDescending(r => data.Interactions.Count(i => i.RepId == r.Id && i.Statements is { Length: > 0 }))
        .ThenBy(r => r.Id.Value, StringComparer.Ordinal)
        .First();

    [Fact]
    public async Task The_export_holds_every_interaction_proposal_and_item_the_store_holds_about_the_person()
    {
        var store = await SeededAsync(file);
        var person = Person();

        var export = await PersonalDataExporter.ExportAsync(store, person.Id, AsOf);

        export.Should().NotBeNull();
        export!.Rep.Name.Should().Be(person.Name);
        export.Rep.Email.Should().Be(person.Email);
        export.Rep.Phone.Should().Be(person.Phone);
        export.Rep.Personality.Should().Be(person.Personality);
        export.Rep.Employment.Should().HaveCount(person.Employment.Count);
        export.Rep.CustomItems.Keys.Should().BeEquivalentTo(person.CustomItems.Keys);
        export.Interactions.Select(i => i.Id).Should().BeEquivalentTo(
            data.Interactions.Where(i => i.RepId == person.Id || i.OtherParticipants.Contains(person.Id)).Select(i => i.Id));
        export.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Statements).Should().BeEquivalentTo(
            data.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Statements));
        export.Proposals.Select(p => p.Id).Should().BeEquivalentTo(data.Proposals.Where(p => p.RepId == person.Id).Select(p => p.Id));
        export.TrustScore.Should().NotBeNull();
        export.TrustExplanation.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Erasing_a_person_plans_first_then_removes_the_karte_history_and_sync_state_and_a_sync_brings_nothing_back()
    {
        var store = await SeededAsync(file);
        var state = store.CreateSyncStateStore();
        var person = Person();
        (await Sync(store, state).RunAsync(new SyncRunOptions { AsOf = AsOf })).Outcome.Should().Be(SyncOutcome.Succeeded);
        (await store.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, person.Id.Value))).Should().NotBeNull();
        var ownInteractions = data.Interactions.Count(i => i.RepId == person.Id);
        var mentions = data.Interactions.Count(i => i.RepId != person.Id && i.OtherParticipants.Contains(person.Id));
        var proposals = data.Proposals.Count(p => p.RepId == person.Id);

        var plan = await PersonalDataEraser.EraseAsync(person.Id, state, store, crm: null, apply: false, AsOf);

        plan.Applied.Should().BeFalse();
        plan.Store.Should().BeEquivalentTo(new PersonalDataHoldings
        {
            Rep = true, EmploymentEpisodes = person.Employment.Count, CustomItems = person.CustomItems.Count, Interactions = ownInteractions,
            Mentions = mentions, ProposalLinks = proposals, Enrichment = true,
        });
        (await store.CountPersonalDataAsync(person.Id)).Should().Be(plan.Store, "a plan changes nothing");

        var done = await PersonalDataEraser.EraseAsync(person.Id, state, store, crm: null, apply: true, AsOf);

        done.Applied.Should().BeTrue();
        done.Succeeded.Should().BeTrue();
        done.TombstoneRecorded.Should().BeTrue();
        done.Store.Should().Be(plan.Store);
        done.SyncStateRemoved.Should().BeGreaterThan(0, "the written hash and the mirror entries went");
        (await store.CountPersonalDataAsync(person.Id)).Any.Should().BeFalse();
        (await state.GetWrittenHashesAsync(store.StateKey, [new EnrichmentKey(EnrichmentTarget.Rep, person.Id.Value)])).Should().BeEmpty();

        var report = await Sync(store, state).RunAsync(new SyncRunOptions { AsOf = AsOf.AddDays(1) });

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Incremental.Should().BeFalse("an erasure makes the next run a full refresh");
        (await PersonalDataExporter.ExportAsync(store, person.Id, AsOf)).Should().BeNull();
        (await store.CountPersonalDataAsync(person.Id)).Any.Should().BeFalse();
        (await store.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, person.Id.Value))).Should().BeNull();
        (await MirrorTextAsync(state, store.StateKey)).Should().NotContain(person.Id.Value);
        var company = data.Proposals.First(p => p.RepId == person.Id).CompanyId;
        var kept = new List<Proposal>();
        await foreach (var batch in store.ReadKarteAsync(new KarteSelection { CompanyIds = [company] }))
        {
            kept.AddRange(batch.Proposals);
            batch.Interactions.Should().NotContain(i => i.RepId == person.Id || i.OtherParticipants.Contains(person.Id));
        }

        kept.Select(p => p.Id).Should().Contain(data.Proposals.Where(p => p.RepId == person.Id).Select(p => p.Id), "the company's proposals stay, without the person");
        kept.Should().NotContain(p => p.RepId == person.Id);

        var again = await PersonalDataEraser.EraseAsync(person.Id, state, store, crm: null, apply: true, AsOf.AddDays(2));

        again.AlreadyErased.Should().BeTrue();
        again.TombstoneRecorded.Should().BeFalse();
        again.Store!.Any.Should().BeFalse();
        again.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_crm_that_still_holds_the_person_is_cleared_and_the_sync_neither_reads_nor_writes_the_erased_rep()
    {
        // A second store stands in for the CRM: it keeps the contact and its history, as a CRM does.
        var crm = await SeededAsync(crmFile);
        var state = new SqliteSyncStateStore(file.Options);
        var person = Person();
        var key = new EnrichmentKey(EnrichmentTarget.Rep, person.Id.Value);
        (await Sync(crm, state).RunAsync(new SyncRunOptions { AsOf = AsOf })).Outcome.Should().Be(SyncOutcome.Succeeded);
        (await crm.ReadEnrichmentAsync(key))!.TrustRank.Should().NotBeNull();
        (await MirrorTextAsync(state, crm.StateKey)).Should().Contain(person.Id.Value, "the mirror kept the person before the erasure");

        var done = await PersonalDataEraser.EraseAsync(person.Id, state, store: null, crm, apply: true, AsOf);

        done.CrmContactFound.Should().BeTrue();
        done.CrmFieldsCleared.Should().BeTrue();
        done.Notes.Should().Contain(n => n.Contains("削除しません", StringComparison.Ordinal) && n.Contains("not deleted", StringComparison.Ordinal));
        var cleared = await crm.ReadEnrichmentAsync(key);
        (cleared is null || cleared with { } == new EnrichmentRecord { Target = EnrichmentTarget.Rep, Id = person.Id.Value }).Should().BeTrue("every enrichment field is empty");

        // The person's record changes in the CRM after the erasure: the change feed reports it, the sync skips it.
        (await crm.UpsertKarteAsync(new KarteRecordBatch { Reps = [person with { Title = "部長" }] })).Should().OnlyContain(r => r.Succeeded);
        var report = await Sync(crm, state).RunAsync(new SyncRunOptions { AsOf = AsOf.AddDays(1) });
        var rerun = await Sync(crm, state).RunAsync(new SyncRunOptions { AsOf = AsOf.AddDays(30), FullRefresh = true });

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.ErasedSkipped.Should().Be(1);
        rerun.ErasedSkipped.Should().Be(1);
        var after = await crm.ReadEnrichmentAsync(key);
        (after is null || after == new EnrichmentRecord { Target = EnrichmentTarget.Rep, Id = person.Id.Value }).Should().BeTrue("no enrichment is written for an erased rep");
        (await MirrorTextAsync(state, crm.StateKey)).Should().NotContain(person.Id.Value);
        (await state.GetWrittenHashesAsync(crm.StateKey, [key])).Should().BeEmpty();
        (await state.GetFailuresAsync(crm.StateKey)).Should().NotContain(f => f.Key == key);
        (await state.ReadTombstonesAsync()).Count.Should().Be(1);
    }

    [Fact]
    public async Task A_migration_from_a_crm_that_still_holds_the_person_does_not_bring_the_erased_rep_back()
    {
        // The CRM (a second store here) keeps the person; the erasure happened in the team's store after a first migration.
        var crm = await SeededAsync(crmFile);
        var store = new SqliteKarteConnector(file.Options);
        var state = store.CreateSyncStateStore();
        var person = Person();
        (await new KarteMigration(crm, store, state).RunAsync()).Outcome.Should().Be(SyncOutcome.Succeeded);
        (await store.CountPersonalDataAsync(person.Id)).Any.Should().BeTrue();
        (await PersonalDataEraser.EraseAsync(person.Id, state, store, crm: null, apply: true, AsOf)).Succeeded.Should().BeTrue();

        var again = await new KarteMigration(crm, store, state, new KarteMigrationOptions { Restart = true }).RunAsync();

        again.Outcome.Should().Be(SyncOutcome.Succeeded, again.Error);
        again.ErasedSkipped.Should().Be(1);
        again.Write.Written.Should().BeGreaterThan(0, "everyone else is migrated again");
        (await store.CountPersonalDataAsync(person.Id)).Any.Should().BeFalse("nothing of the person's karte returns");
        var company = data.Proposals.First(p => p.RepId == person.Id).CompanyId;
        await foreach (var batch in store.ReadKarteAsync(new KarteSelection { CompanyIds = [company] }))
        {
            batch.Proposals.Should().NotBeEmpty("the company's proposals are migrated, without the person");
            batch.Proposals.Should().NotContain(p => p.RepId == person.Id);
            batch.Interactions.Should().NotContain(i => i.RepId == person.Id || i.OtherParticipants.Contains(person.Id));
        }
    }

    [Fact]
    public async Task Retention_drops_statements_concerns_and_personality_of_inactive_reps_only_and_is_reported()
    {
        var store = await SeededAsync(file);
        var state = store.CreateSyncStateStore();
        const int months = 4;
        var cut = AsOf.AddMonths(-months);
        var last = data.Interactions.GroupBy(i => i.RepId).ToDictionary(g => g.Key, g => g.Max(i => i.OccurredAt));
        var inactive = data.Reps.Where(r => !last.TryGetValue(r.Id, out var at) || at < cut).Select(r => r.Id).ToHashSet();
        inactive.Should().NotBeEmpty().And.HaveCountLessThan(data.Reps.Count, "the demo data has both kinds of reps");

        var off = await Sync(store, state).RunAsync(new SyncRunOptions { AsOf = AsOf });
        off.Retention.Should().BeNull("retention is off by default");
        var report = await Sync(store, state, new EnrichmentSyncOptions { RetentionMonths = months }).RunAsync(new SyncRunOptions { AsOf = AsOf });

        report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        report.Retention.Should().BeEquivalentTo(new RetentionResult
        {
            InactiveBefore = cut,
            Statements = data.Interactions.Count(i => inactive.Contains(i.RepId) && i.Statements is not null),
            Concerns = data.Interactions.Count(i => inactive.Contains(i.RepId) && i.Concerns is not null),
            Personalities = data.Reps.Count(r => inactive.Contains(r.Id) && r.Personality != Personality.None),
            Reps = data.Reps.Count(r => inactive.Contains(r.Id) && (r.Personality != Personality.None || data.Interactions.Any(i => i.RepId == r.Id && (i.Statements ?? i.Concerns) is not null))),
        });
        report.Retention!.Statements.Should().BeGreaterThan(0);
        var held = new List<KarteRecordBatch>();
        await foreach (var batch in store.ReadKarteAsync(new KarteSelection { CompanyIds = [.. data.Companies.Select(c => c.Id)] }))
        {
            held.Add(batch);
        }

        var interactions = held.SelectMany(b => b.Interactions).DistinctBy(i => i.Id).ToDictionary(i => i.Id);
        var reps = held.SelectMany(b => b.Reps).DistinctBy(r => r.Id).ToDictionary(r => r.Id);
        foreach (var original in data.Interactions)
        {
            var now = interactions[original.Id];
            if (inactive.Contains(original.RepId))
            {
                now.Statements.Should().BeNull();
                now.Concerns.Should().BeNull();
                now.NextAction.Should().Be(original.NextAction, "only statements and concerns are dropped");
            }
            else
            {
                now.Statements.Should().Be(original.Statements);
                now.Concerns.Should().Be(original.Concerns);
            }
        }

        foreach (var rep in data.Reps)
        {
            reps[rep.Id].Personality.Should().Be(inactive.Contains(rep.Id) ? Personality.None : rep.Personality);
            reps[rep.Id].Email.Should().Be(rep.Email, "contact details are not part of the retention period");
        }

        var second = await Sync(store, state, new EnrichmentSyncOptions { RetentionMonths = months }).RunAsync(new SyncRunOptions { AsOf = AsOf });
        second.Retention!.Statements.Should().Be(0, "nothing is left to drop");
    }

    [Fact]
    public async Task No_log_line_or_run_report_of_a_sync_and_an_erasure_carries_a_name_email_phone_or_statement()
    {
        // Metrics and traces too: every tag of every PartnerKarte measurement, every activity's name and tags.
        var telemetry = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("PartnerKarte", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                telemetry.Enqueue($"{instrument.Name} {tag.Key}={tag.Value}");
            }
        });
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => telemetry.Enqueue($"{a.Source.Name} {a.DisplayName} {string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"),
        };
        ActivitySource.AddActivityListener(activities);
        var crm = await SeededAsync(crmFile);
        var state = new SqliteSyncStateStore(file.Options);
        var logger = new FakeLogger<EnrichmentSync>();
        var person = Person();
        await Sync(crm, state, logger: logger).RunAsync(new SyncRunOptions { AsOf = AsOf });
        await PersonalDataEraser.EraseAsync(person.Id, state, store: null, crm, apply: true, AsOf);
        await Sync(crm, state, new EnrichmentSyncOptions { RetentionMonths = 3 }, logger).RunAsync(new SyncRunOptions { AsOf = AsOf.AddDays(1) });
        await Sync(crm, state, logger: logger).RunAsync(new SyncRunOptions { AsOf = AsOf.AddDays(2), DryRun = true });

        var logs = logger.Collector.GetSnapshot();
        logs.Should().NotBeEmpty();
        var text = new StringBuilder();
        foreach (var entry in logs)
        {
            text.AppendLine(entry.Message).AppendLine(entry.Exception?.ToString());
            foreach (var (k, v) in entry.StructuredState ?? [])
            {
                text.Append(k).Append('=').AppendLine(v);
            }
        }

        foreach (var report in await state.GetRunHistoryAsync(crm.StateKey))
        {
            text.AppendLine(JsonSerializer.Serialize(report));
        }

        telemetry.Should().NotBeEmpty("the sync reports its counts as metrics");
        foreach (var line in telemetry)
        {
            text.AppendLine(line);
        }

        var all = text.ToString();
        var personal = data.Reps.SelectMany(r => new[] { r.Name.FamilyName + " " + r.Name.GivenName, r.Name.Kana, r.Email, r.Phone, r.Personality.Note })
            .Concat(data.Interactions.SelectMany(i => new[] { i.Statements, i.Concerns }))
            .Where(v => v is { Length: >= 4 })
            .Distinct()
            .ToList();
        personal.Should().HaveCountGreaterThan(100);
        personal.Where(v => all.Contains(v!, StringComparison.Ordinal)).Should().BeEmpty();
    }

    /// <summary>The karte mirror of a state key as text (entries are gzip-compressed), to look for an id in it.</summary>
    private static async Task<string> MirrorTextAsync(ISyncStateStore state, string stateKey)
    {
        var text = new StringBuilder();
        await foreach (var (key, value) in state.ReadStateEntriesAsync(stateKey, "karte-mirror"))
        {
            text.AppendLine(key);
            try
            {
                using var zip = new GZipStream(new MemoryStream(value), CompressionMode.Decompress);
                using var reader = new StreamReader(zip, Encoding.UTF8);
                text.AppendLine(await reader.ReadToEndAsync());
            }
            catch (InvalidDataException)
            {
                text.AppendLine(Encoding.UTF8.GetString(value));
            }
        }

        return text.ToString();
    }
}
