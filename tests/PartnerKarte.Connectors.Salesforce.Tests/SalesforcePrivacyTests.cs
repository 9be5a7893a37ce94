using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Privacy;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>
/// Personal data requests against the emulator over HTTP: the export carries every Contact field PartnerKarte maps, an erasure
/// clears the PK_* enrichment fields (sObject Collections PATCH with null values) and keeps the Contact, and later syncs never
/// write them again.
/// </summary>
public sealed class SalesforcePrivacyTests : IAsyncLifetime
{
    private static readonly string[] EnrichmentFields = ["PK_TrustScore__c", "PK_TrustRank__c", "PK_TrustConfidence__c", "PK_TrustTrend__c", "PK_LastContactDate__c", "PK_FollowUpPriority__c"];
    private static readonly DateTimeOffset AsOf = SampleKarteOptions.DefaultAsOf;
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-sf-privacy-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static Task<SyncReport> RunAsync(KarteConnector connector, ISyncStateStore state, DateTimeOffset asOf, bool full = false) =>
        new EnrichmentSync(connector, state, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()))
            .RunAsync(new SyncRunOptions { AsOf = asOf, FullRefresh = full });

    private IReadOnlyDictionary<string, object?> Contact(RepId id) => _org.Org.Records("Contact").Single(r => (string?)r["PK_ExternalId__c"] == id.Value);

    [Fact]
    public async Task Export_holds_the_contacts_mapped_fields_and_an_erasure_clears_the_enrichment_for_good()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 27, CompanyCount = 3, RepCount = 12, InteractionCount = 150, ProposalCount = 15 });
        _org.Seed(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions });
        var connector = _org.Connector();
        var state = new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "state.db") });
        (await RunAsync(connector, state, AsOf)).Outcome.Should().Be(SyncOutcome.Succeeded);
        var person = data.Reps.OrderByDescending(r => data.Interactions.Count(i => i.RepId == r.Id)).ThenBy(r => r.Id.Value, StringComparer.Ordinal).First();
        EnrichmentFields.Should().OnlyContain(f => Contact(person.Id)[f] != null, "the sync wrote every enrichment field");

        var export = await PersonalDataExporter.ExportAsync(connector, person.Id, AsOf);
        var fields = await connector.ReadRepFieldsAsync(person.Id);

        export.Should().NotBeNull();
        export!.Rep.Email.Should().Be(person.Email);
        export.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Id).Should().BeEquivalentTo(data.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Id));
        export.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Statements).Should().BeEquivalentTo(data.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Statements));
        fields.Should().NotBeNull();
        fields!.Keys.Should().Contain(EnrichmentFields).And.Contain(["Email", "LastName", "FirstName", "Title", "PK_ExternalId__c"]);
        fields["Email"].Should().Be(person.Email);
        fields["LastName"].Should().Be(person.Name.FamilyName);
        EnrichmentFields.Should().OnlyContain(f => fields[f] != null);
        fields["PK_TrustRank__c"].Should().Be((string?)Contact(person.Id)["PK_TrustRank__c"]);

        var done = await PersonalDataEraser.EraseAsync(person.Id, state, store: null, connector, apply: true, AsOf);

        done.CrmFieldsCleared.Should().BeTrue(done.CrmError);
        done.Notes.Should().Contain(n => n.Contains("not deleted", StringComparison.Ordinal));
        EnrichmentFields.Should().OnlyContain(f => Contact(person.Id)[f] == null, "every enrichment field is cleared");
        Contact(person.Id)["Email"].Should().Be(person.Email, "the Contact itself is the CRM's and stays");

        // The Contact changes in the org later: the change feed reports it, and no run writes the person's enrichment again.
        _org.Org.Upsert("Contact", "PK_ExternalId__c", new Dictionary<string, object?> { ["PK_ExternalId__c"] = person.Id.Value, ["Title"] = "部長" });
        var night = await RunAsync(connector, state, AsOf.AddDays(1));
        var full = await RunAsync(_org.Connector(), state, AsOf.AddDays(40), full: true);

        night.Outcome.Should().Be(SyncOutcome.Succeeded, night.Error);
        night.ErasedSkipped.Should().Be(1);
        full.Outcome.Should().Be(SyncOutcome.Succeeded, full.Error);
        full.ErasedSkipped.Should().Be(1);
        EnrichmentFields.Should().OnlyContain(f => Contact(person.Id)[f] == null, "the erased rep is never enriched again");
        data.Reps.Where(r => r.Id != person.Id).Should().OnlyContain(r => Contact(r.Id)["PK_TrustRank__c"] != null, "everyone else is still enriched");

        var again = await PersonalDataEraser.EraseAsync(person.Id, state, store: null, connector, apply: true, AsOf.AddDays(41));
        again.AlreadyErased.Should().BeTrue();
        again.CrmFieldsCleared.Should().BeTrue();
    }
}
