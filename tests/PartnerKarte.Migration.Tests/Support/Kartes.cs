using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration.Tests.Support;

/// <summary>Reads a whole karte back from a connector and compares two kartes field by field.</summary>
public static class Kartes
{
    public static async Task<KarteDataSet> LoadAllAsync(KarteConnector connector)
    {
        var companies = new Dictionary<CompanyId, PartnerCompany>();
        var reps = new Dictionary<RepId, PartnerRep>();
        var proposals = new Dictionary<ProposalId, Proposal>();
        var interactions = new Dictionary<InteractionId, Interaction>();
        await foreach (var page in connector.ReadChangesAsync(null))
        {
            foreach (var c in page.Companies)
            {
                companies[c.Id] = c;
            }

            foreach (var r in page.Reps)
            {
                reps[r.Id] = r;
            }

            foreach (var p in page.Proposals)
            {
                proposals[p.Id] = p;
            }

            foreach (var i in page.Interactions)
            {
                interactions[i.Id] = i;
            }
        }

        return Normalize(new KarteDataSet
        {
            Companies = [.. companies.Values],
            Reps = [.. reps.Values],
            Proposals = [.. proposals.Values],
            Interactions = [.. interactions.Values],
        });
    }

    /// <summary>Sorted by id, store-assigned timestamps cleared: what a migration must carry over unchanged.</summary>
    public static KarteDataSet Normalize(KarteDataSet data) => new()
    {
        Companies = [.. data.Companies.OrderBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => c with { ModifiedAt = null, CustomItems = Sorted(c.CustomItems) })],
        Reps = [.. data.Reps.OrderBy(r => r.Id.Value, StringComparer.Ordinal).Select(r => r with { ModifiedAt = null, CustomItems = Sorted(r.CustomItems) })],
        Proposals = [.. data.Proposals.OrderBy(p => p.Id.Value, StringComparer.Ordinal).Select(p => p with { ModifiedAt = null })],
        Interactions = [.. data.Interactions.OrderBy(i => i.Id.Value, StringComparer.Ordinal).Select(i => i with { ModifiedAt = null })],
    };

    private static SortedDictionary<string, KarteValue> Sorted(IReadOnlyDictionary<string, KarteValue> items) =>
        new(items.ToDictionary(i => i.Key, i => i.Value), StringComparer.Ordinal);

    /// <summary>Asserts equality member by member, so a failure names the record and the field that differs.</summary>
    public static void ShouldEqualFieldByField(this KarteDataSet actual, KarteDataSet expected, string because = "")
    {
        actual = Normalize(actual);
        expected = Normalize(expected);
        using var scope = new FluentAssertions.Execution.AssertionScope();
        actual.Companies.Should().BeEquivalentTo(expected.Companies, o => o.WithStrictOrdering().ComparingRecordsByMembers(), because);
        actual.Reps.Should().BeEquivalentTo(expected.Reps, o => o.WithStrictOrdering().ComparingRecordsByMembers(), because);
        actual.Proposals.Should().BeEquivalentTo(expected.Proposals, o => o.WithStrictOrdering().ComparingRecordsByMembers(), because);
        actual.Interactions.Should().BeEquivalentTo(expected.Interactions, o => o.WithStrictOrdering().ComparingRecordsByMembers(), because);
    }

    public static KarteRecordBatch ToBatch(this KarteDataSet data) => new()
    {
        Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions,
    };
}
