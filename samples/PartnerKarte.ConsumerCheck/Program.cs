// Checks the packed PartnerKarte packages from the outside: the sample kartes, scoring, a handover plan, and a nightly
// enrichment sync against the in-memory connector and state store; then that every package loads. Exits 0 when
// everything holds, 1 with the reason otherwise.
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Connectors.PostgreSql;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Handover;
using PartnerKarte.Hosting;
using PartnerKarte.Kpis;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using PartnerKarte.Testing;

var failures = new List<string>();
void Expect(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

var options = new SampleKarteOptions { CompanyCount = 6, RepCount = 40, InteractionCount = 1_500, ProposalCount = 120, TeamMemberCount = 4 };
var data = SampleKarteGenerator.Generate(options);
Console.WriteLine($"sample karte: {data.Companies.Count} companies, {data.Reps.Count} reps, {data.Interactions.Count} interactions, {data.Proposals.Count} proposals");

// Scoring.
var scores = new TrustScorer().ScoreAll(data, options.AsOf);
var rated = scores.Where(s => s.Value is not null).ToList();
Expect(scores.Count == data.Reps.Count, $"scoring: one trust score per rep ({scores.Count})");
Expect(rated.Count > 0 && rated.All(s => s.Value is >= 0 and <= 100), $"scoring: {rated.Count} reps rated, every score within 0..100");
var best = rated.MaxBy(s => s.Value);
Console.WriteLine($"     most trusted: {best?.RepId.Value} {best?.Value:F1} ({best?.Rank})");

// Handover: the first team member leaves; nothing open may stay with them.
var departing = data.TeamMembers[0].Id;
var plan = new HandoverPlanner().PlanOwnerDeparture(
    data,
    new OwnerDepartureRequest { Departing = departing, EffectiveOn = DateOnly.FromDateTime(options.AsOf.Date) },
    scores.ToDictionary(s => s.RepId));
var applied = HandoverApplier.Apply(data, plan);
Expect(plan.Operations.Count > 0, $"handover: {plan.Operations.Count} operations planned for {departing.Value}");
Expect(applied.Conflicts.Count == 0 && applied.Data.Companies.All(c => c.OwnerId != departing) && applied.Data.Reps.All(r => r.OwnerId != departing),
    "handover: the plan applies without conflicts and no company or rep is left with the departing owner");

// One nightly sync against the in-memory connector and state store, then a rerun that writes nothing.
var connector = new InMemoryKarteConnector();
connector.Seed(data);
var state = new InMemorySyncStateStore();
var sync = new EnrichmentSync(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()));
var first = await sync.RunAsync(new SyncRunOptions { AsOf = options.AsOf });
var second = await sync.RunAsync(new SyncRunOptions { AsOf = options.AsOf });
Console.WriteLine($"     sync: read {first.Read}, computed {first.Computed}, written {first.Written}, failed {first.Failed}; rerun written {second.Written}");
Expect(SyncExitCodes.FromReport(first) == SyncExitCodes.Succeeded && first.Written > 0, "sync: the first run writes enrichment and succeeds");
Expect(connector.ReadEnrichment(new EnrichmentKey(EnrichmentTarget.Rep, data.Reps[0].Id.Value)) is not null, "sync: the connector holds the written values");
Expect(second.Written == 0, "sync: a rerun with nothing changed writes nothing");

// Every other package loads and runs.
await using (var store = await SqliteKarteConnector.OpenAsync(new SqliteStoreOptions { Path = ":memory:" }))
{
    Expect((await store.CheckHealthAsync()).Problems.Count == 0, "PartnerKarte.Connectors.Sqlite: an in-memory store opens healthy");
}

Expect(typeof(PartnerKarte.Migration.KarteMatcher).IsPublic, "PartnerKarte.Migration loads");
Expect(typeof(PostgreSqlKarteConnector).IsSubclassOf(typeof(KarteConnector)), "PartnerKarte.Connectors.PostgreSql loads");
Expect(typeof(SalesforceConnector).IsSubclassOf(typeof(KarteConnector)), "PartnerKarte.Connectors.Salesforce loads");
Expect(typeof(DataverseConnector).IsSubclassOf(typeof(KarteConnector)), "PartnerKarte.Connectors.Dataverse loads");
await using (var salesforce = await SalesforceEmulator.StartAsync())
await using (var dataverse = await DataverseEmulator.StartAsync())
{
    Expect(salesforce.BaseUrl.IsLoopback && dataverse.ApiUri.IsLoopback, "PartnerKarte.Emulators: both emulators start on 127.0.0.1");
}

Console.WriteLine(failures.Count == 0 ? "consumer check: ok" : $"consumer check: {failures.Count} failed");
return failures.Count == 0 ? 0 : 1;
