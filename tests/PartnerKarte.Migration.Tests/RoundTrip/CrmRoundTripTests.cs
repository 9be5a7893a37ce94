using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;
using PartnerKarte.Migration.Tests.Support;
using PartnerKarte.SampleData;
using PartnerKarte.Sync;
using PartnerKarte.Testing;

namespace PartnerKarte.Migration.Tests.RoundTrip;

/// <summary>
/// Issue 7, acceptance 1: kartes migrated sqlite → Salesforce emulator → Dataverse emulator → sqlite come back equal,
/// field by field — generated kartes (a property) and one large fixed case.
/// </summary>
public class CrmRoundTripTests
{
    private static readonly KarteMigrationOptions Full = new() { Restart = true };

    private static async Task<KarteDataSet> ThroughBothCrmsAsync(TempDir dir, KarteDataSet data, string name, CrmPair crm)
    {
        var source = dir.Store($"{name}-source.db");
        var back = dir.Store($"{name}-back.db");
        await KarteMigration.WriteAsync(source, data);
        var state = back.CreateSyncStateStore();
        foreach (var (from, to) in new (KarteConnector, KarteConnector)[] { (source, crm.Salesforce), (crm.Salesforce, crm.Dataverse), (crm.Dataverse, back) })
        {
            var report = await new KarteMigration(from, to, state, Full).RunAsync();
            report.Write.Failures.Should().BeEmpty($"{from.Name} → {to.Name} writes every record");
            report.Outcome.Should().Be(SyncOutcome.Succeeded, report.Error);
        }

        return await Kartes.LoadAllAsync(back);
    }

    [Fact]
    public async Task Generated_kartes_survive_sqlite_salesforce_dataverse_sqlite()
    {
        using var dir = new TempDir();
        await using var crm = await CrmPair.StartAsync();
        var n = 0;
        Prop.ForAll(KarteArbitraries.KarteDataSet(), data =>
        {
            n++;
            var back = ThroughBothCrmsAsync(dir, data, "p" + n, crm).GetAwaiter().GetResult();

            // The CRMs hold every earlier case too; this case's records carry its own ids.
            var ids = data.Companies.Select(c => c.Id.Value).Concat(data.Reps.Select(r => r.Id.Value))
                .Concat(data.Proposals.Select(p => p.Id.Value)).Concat(data.Interactions.Select(i => i.Id.Value)).ToHashSet();
            new KarteDataSet
            {
                Companies = [.. back.Companies.Where(c => ids.Contains(c.Id.Value))],
                Reps = [.. back.Reps.Where(r => ids.Contains(r.Id.Value))],
                Proposals = [.. back.Proposals.Where(p => ids.Contains(p.Id.Value))],
                Interactions = [.. back.Interactions.Where(i => ids.Contains(i.Id.Value))],
            }.ShouldEqualFieldByField(data);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(10));
    }

    [Fact]
    public async Task A_large_sample_karte_survives_sqlite_salesforce_dataverse_sqlite()
    {
        using var dir = new TempDir();
        await using var crm = await CrmPair.StartAsync();
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 12, RepCount = 80, InteractionCount = 1_000, ProposalCount = 150 });

        var back = await ThroughBothCrmsAsync(dir, data, "large", crm);

        back.ShouldEqualFieldByField(data);
    }

    /// <summary>Both emulators with our team members as users (owners are CRM user records there).</summary>
    private sealed class CrmPair : IAsyncDisposable
    {
        private CrmPair(Emulators.Salesforce.SalesforceEmulator sf, Emulators.Dataverse.DataverseEmulator dv, KarteConnector salesforce, Connectors.Dataverse.DataverseConnector dataverse)
        {
            SalesforceEmulator = sf;
            DataverseEmulator = dv;
            Salesforce = salesforce;
            Dataverse = dataverse;
        }

        public Emulators.Salesforce.SalesforceEmulator SalesforceEmulator { get; }

        public Emulators.Dataverse.DataverseEmulator DataverseEmulator { get; }

        public KarteConnector Salesforce { get; }

        public Connectors.Dataverse.DataverseConnector Dataverse { get; }

        public static async Task<CrmPair> StartAsync()
        {
            var (sf, salesforce) = await Crm.StartSalesforceAsync();
            var (dv, dataverse) = await Crm.StartDataverseAsync();
            var users = Enumerable.Range(1, 12).Select(i => new UserId($"U-{i:D2}"))
                .Concat(SampleKarteGenerator.Generate(new SampleKarteOptions { CompanyCount = 20, RepCount = 150, InteractionCount = 0, ProposalCount = 0 }).TeamMembers.Select(t => t.Id));
            CrmUsers.Seed(sf, users);
            CrmUsers.Seed(dv, users);
            return new CrmPair(sf, dv, salesforce, dataverse);
        }

        public async ValueTask DisposeAsync()
        {
            Dataverse.Dispose();
            await SalesforceEmulator.DisposeAsync();
            await DataverseEmulator.DisposeAsync();
        }
    }
}
