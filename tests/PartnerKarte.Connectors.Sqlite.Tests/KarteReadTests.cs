using PartnerKarte.Karte;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>Reading many company kartes: batches are read ahead on a second connection and still come whole, once, in order.</summary>
public sealed class KarteReadTests : IDisposable
{
    private readonly TempStore store = new();
    private readonly SqliteKarteConnector connector;
    private readonly KarteDataSet data;

    public KarteReadTests()
    {
        connector = new SqliteKarteConnector(store.Options);
        data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 35, RepCount = 140, InteractionCount = 1_400, ProposalCount = 120 });
        connector.UpsertKarteAsync(new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions })
            .GetAwaiter().GetResult().Should().OnlyContain(r => r.Succeeded);
    }

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Many_companies_come_in_several_batches_each_with_whole_kartes_and_every_record_once()
    {
        var batches = new List<KarteRecordBatch>();
        await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { CompanyIds = [.. data.Companies.Select(c => c.Id)] }))
        {
            batches.Add(batch);
        }

        batches.Should().HaveCountGreaterThan(2);
        batches.SelectMany(b => b.Companies.Select(c => c.Id)).Should().Equal(data.Companies.Select(c => c.Id), "batches come in the order asked");
        Sorted(batches.SelectMany(b => b.Reps.Select(r => r.Id.Value))).Should().Equal(Sorted(data.Reps.Select(r => r.Id.Value)), "every rep once");
        Sorted(batches.SelectMany(b => b.Interactions.Select(i => i.Id.Value))).Should().Equal(Sorted(data.Interactions.Select(i => i.Id.Value)), "every interaction once");
        foreach (var batch in batches)
        {
            var companies = batch.Companies.Select(c => c.Id).ToHashSet();
            var reps = data.Reps.Where(r => companies.Contains(r.CompanyId)).Select(r => r.Id).ToHashSet();
            Sorted(batch.Reps.Select(r => r.Id.Value)).Should().Equal(Sorted(reps.Select(r => r.Value)), "a batch carries all reps of its companies");
            Sorted(batch.Interactions.Select(i => i.Id.Value)).Should().Equal(Sorted(data.Interactions.Where(i => reps.Contains(i.RepId)).Select(i => i.Id.Value)));
            batch.Proposals.Select(p => p.Id.Value).Should().Contain(data.Proposals.Where(p => companies.Contains(p.CompanyId)).Select(p => p.Id.Value));
        }
    }

    private static List<string> Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_caller_that_stops_after_the_first_batch_leaves_the_store_usable()
    {
        await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { CompanyIds = [.. data.Companies.Select(c => c.Id)] }))
        {
            batch.Companies.Should().NotBeEmpty();
            break;
        }

        var written = await connector.WriteEnrichmentAsync([EnrichmentRecord.ForCompany(data.Companies[0].Id, 1, 1, 100, 1000m, 100m, 50, null)]);

        written.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }
}
