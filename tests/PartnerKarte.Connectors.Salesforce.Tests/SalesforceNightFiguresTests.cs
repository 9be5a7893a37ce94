using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>Issue 19 figures for Salesforce, from the emulator's own request log: what a night reads and how many write calls it makes.</summary>
public sealed class SalesforceNightFiguresTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstNight = new(2026, 3, 15, 0, 0, 0, TimeSpan.FromHours(9));
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-sf-night-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<SyncReport> RunAsync(SalesforceConnector connector, DateTimeOffset asOf) =>
        new EnrichmentSync(connector, new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "state.db") }), new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()))
            .RunAsync(new SyncRunOptions { AsOf = asOf });

    private int WriteCalls() => _org.Emulator.RequestLog.Count(e => e.Kind is SalesforceApiCallKind.Write or SalesforceApiCallKind.BulkIngest);

    [Fact]
    public async Task A_night_with_a_few_new_activities_writes_in_ceil_changed_over_batch_calls_and_does_not_read_the_echo_of_its_own_writes_again()
    {
        _org.SeedContacts(600, accounts: 6, interactionEvery: 3);
        var connector = _org.Connector();
        var first = await RunAsync(connector, FirstNight);
        first.Outcome.Should().Be(SyncOutcome.Succeeded, first.Error);
        first.Written.Should().Be(606);

        // A day of activity: three new meetings with three contacts met before, of two accounts.
        var contacts = _org.Org.Records("Contact").Where(c => (string?)c["PK_ExternalId__c"] is "R-00003" or "R-00006" or "R-00012").ToList();
        foreach (var (contact, n) in contacts.Select((c, n) => (c, n)))
        {
            _org.Org.Insert("Task", new Dictionary<string, object?>
            {
                ["PK_ExternalId__c"] = $"NEW-{n}", ["Subject"] = "面談", ["WhoId"] = contact["Id"], ["Status"] = "Completed",
                ["PK_OccurredAt__c"] = FirstNight.AddHours(12), ["PK_Channel__c"] = "Meeting", ["PK_Initiator__c"] = "Rep", ["PK_Reaction__c"] = "Positive",
            });
        }

        var before = Enrichment();
        _org.Emulator.ResetCounters();
        var night = await RunAsync(_org.Connector(), FirstNight.AddDays(1));

        night.Outcome.Should().Be(SyncOutcome.Succeeded, night.Error);
        var after = Enrichment();
        var changed = after.Where(p => !Equals(before.GetValueOrDefault(p.Key), p.Value)).Select(p => p.Key).ToList();
        changed.Should().HaveCount((int)night.Written, "only records whose written values changed are written");
        changed.Select(k => k.Id).Should().Contain(["R-00003", "R-00006", "R-00012"]);

        // Write calls: one sObject collection per object type and 200 records (the connector's max batch).
        var max = connector.Capabilities.MaxBatchSize;
        foreach (var (target, type) in new[] { (EnrichmentTarget.Rep, "Contact"), (EnrichmentTarget.Company, "Account") })
        {
            var n = changed.Count(k => k.Target == target);
            _org.Emulator.RequestLog.Count(e => e.Kind == SalesforceApiCallKind.Write && e.RecordTypes.Contains(type))
                .Should().Be((n + max - 1) / max, $"ceil({n} changed {type} / {max})");
        }

        WriteCalls().Should().Be(changed.GroupBy(k => k.Target).Sum(g => (g.Count() + max - 1) / max));

        // Records read. The change read returns every Contact and Account the first night wrote: the sync's own enrichment
        // writes move SystemModstamp. It reads them with their karte fields, finds them as it last read them, and so neither
        // reads their accounts again nor recomputes them from a fresh read: the echo costs the change read only.
        ChangeRowsServed("Contact").Should().Be(600, "echo: every Contact the first night wrote comes back in the change read");
        ChangeRowsServed("Account").Should().Be(6, "echo: every Account the first night wrote comes back in the change read");
        ChangeRowsServed("Task").Should().BeGreaterThanOrEqualTo(3, "the new activities (plus rows of the watermark's own second, read again by design)");
        night.Echoes.Should().Be(606, "all of them came back unchanged");
        KarteRowsServed("Account").Should().Be(0, "no account is read in full: the echoes are recognised and the new activities patch their reps");
        KarteRowsServed("Contact").Should().Be(3, "the three reps with a new activity, read by id");
        night.Read.Should().Be(first.Written + 3, "the changes the sync counts: the 3 new activities and the 606 echoed records (rows of the watermark's second already processed are dropped)");
    }

    [Fact]
    public async Task A_real_edit_that_arrives_among_the_echoes_is_read_and_recomputed()
    {
        _org.SeedContacts(60, accounts: 3, interactionEvery: 3);
        var first = await RunAsync(_org.Connector(), FirstNight);
        first.Outcome.Should().Be(SyncOutcome.Succeeded, first.Error);

        // After the first night wrote every contact, a person moves one contact to another account.
        var contacts = _org.Org.Records("Contact").ToList();
        var moved = contacts.First(c => (string?)c["PK_ExternalId__c"] == "R-00001");
        var otherAccount = contacts.Select(c => c["AccountId"]).First(a => !Equals(a, moved["AccountId"]));
        _org.Org.Update("Contact", (string)moved["Id"]!, new Dictionary<string, object?> { ["AccountId"] = otherAccount });

        _org.Emulator.ResetCounters();
        var night = await RunAsync(_org.Connector(), FirstNight.AddDays(1));

        night.Outcome.Should().Be(SyncOutcome.Succeeded, night.Error);
        night.Echoes.Should().Be(first.Written - 1, "every written record came back; all but the moved contact unchanged");
        KarteRowsServed("Account").Should().Be(1, "the moved contact's new account is read in full");

        // The same values as a full recomputation from a fresh state at the same instant.
        var incremental = Enrichment();
        var fresh = await new EnrichmentSync(
                _org.Connector(),
                new SqliteSyncStateStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "fresh-state.db") }),
                new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()))
            .RunAsync(new SyncRunOptions { AsOf = FirstNight.AddDays(1) });
        fresh.Outcome.Should().Be(SyncOutcome.Succeeded, fresh.Error);
        Enrichment().Should().BeEquivalentTo(incremental, "the full recomputation writes the values the incremental night wrote");
    }

    private IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord> Enrichment() =>
        _org.ReadEnrichment(EnrichmentTarget.Rep).Concat(_org.ReadEnrichment(EnrichmentTarget.Company)).ToDictionary(p => p.Key, p => p.Value);

    private IEnumerable<(int Records, string Soql)> Queries() => _org.Emulator.RequestLog
        .Where(e => e.Kind == SalesforceApiCallKind.Query)
        .Select(e => (e.Records, Uri.UnescapeDataString(e.Path.Replace('+', ' '))));

    /// <summary>Records served by the change read of <paramref name="type"/> (the query after the watermark's stamp).</summary>
    private int ChangeRowsServed(string type) => Queries()
        .Where(q => q.Soql.Contains("WHERE SystemModstamp >=", StringComparison.Ordinal) && q.Soql.Contains("FROM " + type + " ", StringComparison.Ordinal))
        .Sum(q => q.Records);

    /// <summary>Records served by karte reads of <paramref name="type"/> (queries selecting the karte contents, not the change read).</summary>
    private int KarteRowsServed(string type) => Queries()
        .Where(q => q.Soql.Contains("PK_Karte__c", StringComparison.Ordinal) && !q.Soql.Contains("WHERE SystemModstamp >=", StringComparison.Ordinal)
            && q.Soql.Contains("FROM " + type + " ", StringComparison.Ordinal))
        .Sum(q => q.Records);
}
