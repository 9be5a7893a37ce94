using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Emulators.Salesforce;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>Every SOQL literal the connector builds parses in the emulator as exactly the value it came from.</summary>
public sealed class SoqlLiteralTests
{
    private static readonly char[] Tricky = ['\'', '"', '\\', '\n', '\r', '\t', '%', '_', ' ', '(', ')', ',', '=', '日', '本', '語', 'ア', '（', '株', '\u0001', 'a', 'Z', '0'];

    private static Arbitrary<string> TrickyStrings() =>
        Gen.Elements(Tricky).ListOf().Select(chars => new string([.. chars])).ToArbitrary();

    [Fact]
    public void Any_string_literal_parses_back_to_the_same_value()
    {
        Prop.ForAll(TrickyStrings(), value =>
        {
            var query = SoqlQuery.Parse($"SELECT Id FROM Contact WHERE LastName = {Soql.Literal(value)} AND Email IN ({Soql.Literal(value)}, 'x') LIMIT 1");
            return query.Literals.Count == 3 && (string?)query.Literals[0] == value && (string?)query.Literals[1] == value && query.Limit == 1;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arbitrary_unicode_strings_cannot_escape_the_literal()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null), value =>
        {
            var query = SoqlQuery.Parse($"SELECT Id FROM Account WHERE Name = {Soql.Literal(value)} OR Name = 'b'");
            return query.Literals.Count == 2 && (string?)query.Literals[0] == value && (string?)query.Literals[1] == "b";
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Like_literals_match_the_text_literally()
    {
        Prop.ForAll(TrickyStrings(), value =>
        {
            var query = SoqlQuery.Parse($"SELECT Id FROM Contact WHERE LastName LIKE {Soql.LikeLiteral(value)}");
            return query.Literals.Count == 1 && (string?)query.Literals[0] == value;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task A_query_with_an_injection_attempt_finds_exactly_the_record_over_http()
    {
        await using var org = await SalesforceTestOrg.StartAsync();
        const string nasty = "株式会社オブライエン' OR Name != '\\\n%_";
        org.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = nasty, ["PK_ExternalId__c"] = "C-NASTY" });
        org.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "株式会社その他", ["PK_ExternalId__c"] = "C-OTHER" });
        var connector = org.Connector();

        var batches = new List<PartnerKarte.Sync.KarteRecordBatch>();
        await foreach (var batch in connector.ReadKarteAsync(new PartnerKarte.Sync.KarteSelection { CompanyIds = [new("C-NASTY"), new(nasty)] }))
        {
            batches.Add(batch);
        }

        batches.SelectMany(b => b.Companies).Should().ContainSingle().Which.Name.Should().Be(nasty);
        org.Emulator.RequestLog.Should().NotContain(e => e.StatusCode >= 400);
    }
}
