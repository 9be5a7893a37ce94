using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Karte;
using PartnerKarte.Privacy;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Privacy;

/// <summary>
/// Personal data requests against the emulator over HTTP: the export carries every column PartnerKarte maps on the contact,
/// an erasure clears the enrichment columns (PATCH with null) and keeps the contact, and later syncs never write them again.
/// </summary>
public sealed class DataversePrivacyTests
{
    private static readonly string[] RepColumns = ["pk_trustscore", "pk_trustrank", "pk_trustconfidence", "pk_trusttrend", "pk_lastcontactdate", "pk_followuppriority"];
    private static readonly DateTimeOffset AsOf = SampleKarteOptions.DefaultAsOf;

    [Fact]
    public async Task Export_holds_the_contacts_mapped_columns_and_an_erasure_clears_the_enrichment_for_good()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { Seed = 27, CompanyCount = 3, RepCount = 12, InteractionCount = 150, ProposalCount = 15 });
        using var connector = env.CreateConnector();
        (await connector.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions }))
            .Should().OnlyContain(r => r.Succeeded);
        using var sync = new ProductSync(connector);
        (await sync.RunAsync(AsOf)).Outcome.Should().Be(SyncOutcome.Succeeded);
        var person = data.Reps.OrderByDescending(r => data.Interactions.Count(i => i.RepId == r.Id)).ThenBy(r => r.Id.Value, StringComparer.Ordinal).First();
        var row = Row(env, person.Id);
        RepColumns.Should().OnlyContain(c => row[c] != null, "the sync wrote every enrichment column");

        var export = await PersonalDataExporter.ExportAsync(connector, person.Id, AsOf);
        var fields = await connector.ReadRepFieldsAsync(person.Id);

        export.Should().NotBeNull();
        export!.Rep.Email.Should().Be(person.Email);
        export.Rep.Phone.Should().Be(person.Phone);
        export.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Id).Should().BeEquivalentTo(data.Interactions.Where(i => i.RepId == person.Id).Select(i => i.Id));
        fields.Should().NotBeNull();
        fields!.Keys.Should().Contain(RepColumns).And.Contain(["emailaddress1", "telephone1", "lastname", "firstname", "pk_kartejson"]);
        foreach (var (column, value) in fields.Where(f => f.Key != "contactid" && row.ContainsKey(f.Key)))
        {
            value.Should().Be(Text(row[column]), column + " is exported as the CRM holds it");
        }

        var plan = await PersonalDataEraser.EraseAsync(person.Id, sync.State, store: null, connector, apply: false, AsOf);
        plan.CrmContactFound.Should().BeTrue();
        RepColumns.Should().OnlyContain(c => Row(env, person.Id)[c] != null, "a plan changes nothing");

        var done = await PersonalDataEraser.EraseAsync(person.Id, sync.State, store: null, connector, apply: true, AsOf);

        done.CrmFieldsCleared.Should().BeTrue(done.CrmError);
        done.TombstoneRecorded.Should().BeTrue();
        var after = Row(env, person.Id);
        RepColumns.Should().OnlyContain(c => after[c] == null, "every enrichment column is cleared");
        Text(after["emailaddress1"]).Should().Be(person.Email, "the contact itself is the CRM's and stays");

        // The contact changes in the CRM later: the change feed reports it, and no run writes the person's enrichment again.
        env.Emulator.Update("contact", env.FindByExternalId("contact", person.Id.Value)!.Value, new JsonObject { ["jobtitle"] = "部長" });
        var night = await sync.RunAsync(AsOf.AddDays(1));
        var full = await sync.RunAsync(AsOf.AddDays(40), fullRefresh: true);

        night.Outcome.Should().Be(SyncOutcome.Succeeded, night.Error);
        night.ErasedSkipped.Should().Be(1);
        full.ErasedSkipped.Should().Be(1);
        RepColumns.Should().OnlyContain(c => Row(env, person.Id)[c] == null, "the erased rep is never enriched again");
        data.Reps.Where(r => r.Id != person.Id).Should().OnlyContain(r => Row(env, r.Id)["pk_trustrank"] != null, "everyone else is still enriched");

        var again = await PersonalDataEraser.EraseAsync(person.Id, sync.State, store: null, connector, apply: true, AsOf.AddDays(41));
        again.AlreadyErased.Should().BeTrue();
        again.CrmFieldsCleared.Should().BeTrue();
        again.TombstoneRecorded.Should().BeFalse();
    }

    private static JsonObject Row(DataverseTestEnvironment env, RepId id) => env.Emulator.Rows("contact")[env.FindByExternalId("contact", id.Value)!.Value];

    private static string? Text(JsonNode? node) => node is null ? null : node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
}
