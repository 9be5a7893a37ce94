using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Migration.Tests.Support;

/// <summary>Reads a whole karte back from a connector and compares two kartes field by field.</summary>
public static class Kartes
{
    /// <summary>The console's full read (newest version of each record wins), normalised for comparison.</summary>
    public static async Task<KarteDataSet> LoadAllAsync(KarteConnector connector) =>
        Normalize(await PartnerKarte.Console.Commands.KarteLoader.LoadAllAsync(connector, CancellationToken.None));

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
