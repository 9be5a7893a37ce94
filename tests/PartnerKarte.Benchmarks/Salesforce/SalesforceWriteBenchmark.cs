using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Benchmarks.Salesforce;

/// <summary>
/// API calls per 1,000 records written and wall time for 10,000 enrichment writes with emulated latency:
/// collections, Bulk API 2.0, and a naive one-PATCH-per-record loop, all on the same emulator in one run.
/// <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- salesforce-writes [--records 10000] [--latency-ms 50] [--naive 1000]</c>
/// </summary>
public static class SalesforceWriteBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 10_000);
        var latency = TimeSpan.FromMilliseconds(Option(args, "--latency-ms", 50));
        var naiveCount = Option(args, "--naive", 1_000);
        await using var emulator = await SalesforceEmulator.StartAsync();
        var account = emulator.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "株式会社ベンチマーク", ["PK_ExternalId__c"] = "C-BENCH" });
        var ids = new List<string>(records);
        for (var i = 0; i < records; i++)
        {
            ids.Add(emulator.Org.Insert("Contact", new Dictionary<string, object?>
            {
                ["LastName"] = "担当", ["FirstName"] = i.ToString(CultureInfo.InvariantCulture), ["AccountId"] = account, ["PK_ExternalId__c"] = $"R-{i:D5}",
            }));
        }

        emulator.Faults.Latency = latency;
        Console.WriteLine($"Salesforce write benchmark: {records:N0} contacts, {latency.TotalMilliseconds} ms latency per request, naive loop over {naiveCount:N0} records.");
        Console.WriteLine();
        Console.WriteLine("| path | records | API calls (write phase) | calls per 1,000 records | wall time | records/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");

        var collections = await ConnectorAsync(emulator, records, bulkThreshold: records + 1, variant: 1);
        Row("collections (200/call)", records, collections.Calls, collections.Elapsed);
        var bulk = await ConnectorAsync(emulator, records, bulkThreshold: Math.Min(10_000, records), variant: 2);
        Row("Bulk API 2.0 (1 job)", records, bulk.Calls, bulk.Elapsed);

        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.IssueAccessToken());
        var before = emulator.ApiCallCount;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < naiveCount; i++)
        {
            using var content = new StringContent($"{{\"PK_TrustScore__c\":{i % 100},\"PK_TrustRank__c\":\"B\"}}", Encoding.UTF8, "application/json");
            using var response = await http.PatchAsync(new Uri($"/services/data/v62.0/sobjects/Contact/{ids[i]}", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
        }

        watch.Stop();
        var naiveCalls = emulator.ApiCallCount - before;
        Row($"naive PATCH per record (measured {naiveCount:N0})", naiveCount, naiveCalls, watch.Elapsed);
        var extrapolated = watch.Elapsed * ((double)records / naiveCount);
        Console.WriteLine();
        Console.WriteLine($"naive loop extrapolated to {records:N0} records: {extrapolated.TotalSeconds:F1} s, {naiveCalls * records / naiveCount:N0} calls.");
        Console.WriteLine($"speed-up for {records:N0} records: collections x{extrapolated / collections.Elapsed:F1}, bulk x{extrapolated / bulk.Elapsed:F1}.");
        return 0;
    }

    private static async Task<(int Calls, TimeSpan Elapsed)> ConnectorAsync(SalesforceEmulator emulator, int records, int bulkThreshold, int variant)
    {
        var connector = new SalesforceConnector(new HttpClient(), new SalesforceOptions
        {
            LoginUrl = emulator.BaseUrl,
            ClientId = emulator.ClientId,
            ClientSecret = emulator.ClientSecret,
            BulkThreshold = bulkThreshold,
            BulkPollInterval = TimeSpan.FromMilliseconds(200),
        });

        // A sync reads changes before it writes; that read also teaches the connector the Salesforce Ids.
        await foreach (var _ in connector.ReadChangesAsync(null))
        {
        }

        var batch = Enumerable.Range(0, records)
            .Select(i => EnrichmentRecord.ForRep(new RepId($"R-{i:D5}"), (i + variant) % 101, TrustRank.B, 0.5, variant, new DateOnly(2026, 3, 1), FollowUpPriority.Normal))
            .ToList();
        var before = emulator.ApiCallCount;
        var watch = Stopwatch.StartNew();
        foreach (var chunk in batch.Chunk(connector.Capabilities.MaxBatchSize))
        {
            var results = await connector.WriteEnrichmentAsync(chunk);
            if (results.Any(r => !r.Succeeded))
            {
                throw new InvalidOperationException("benchmark write failed: " + results.First(r => !r.Succeeded).Message);
            }
        }

        watch.Stop();
        return (emulator.ApiCallCount - before, watch.Elapsed);
    }

    private static void Row(string name, int records, int calls, TimeSpan elapsed) =>
        Console.WriteLine($"| {name} | {records:N0} | {calls:N0} | {calls * 1000.0 / records:F1} | {elapsed.TotalSeconds:F2} s | {records / elapsed.TotalSeconds:N0} |");

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
