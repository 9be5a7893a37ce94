using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Benchmarks.Dataverse;

/// <summary>
/// <c>dotnet run -c Release --project tests/PartnerKarte.Benchmarks -- dataverse-writes [records] [latencyMs]</c>:
/// writes enrichment for N contacts with emulated latency, once through the connector ($batch, parallel up to the dop hint)
/// and once as one PATCH per record at the same parallelism, on the same emulator in the same run, and prints API calls and wall time.
/// A command rather than a BenchmarkDotNet class: one invocation of the per-record baseline takes minutes.
/// </summary>
public static class DataverseWriteBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var records = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var latency = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50);
        await using var emulator = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { DegreeOfParallelismHint = 4 });
        var options = new DataverseOptions
        {
            EnvironmentUrl = emulator.BaseUri,
            AuthorityHost = emulator.BaseUri,
            TenantId = emulator.Options.TenantId,
            ClientId = emulator.Options.ClientId,
            ClientSecret = emulator.Options.ClientSecret,
        };
        using var connector = new DataverseConnector(options);
        await connector.ProvisionAsync();
        var account = emulator.Seed("account", new JsonObject { ["pk_externalid"] = "C-0001", ["name"] = "株式会社ベンチマーク" });
        for (var i = 0; i < records; i++)
        {
            emulator.Seed("contact", new JsonObject
            {
                ["pk_externalid"] = $"R-{i:D5}", ["lastname"] = "山田", ["firstname"] = $"太郎{i}",
                ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
            });
        }

        await connector.ValidateMappingAsync();
        emulator.Faults.Latency = latency;

        // 1. The connector: $batch of up to 1000, change set per record, parallel up to the dop hint.
        var batchRecords = Enumerable.Range(0, records).Select(i => Record(i, 1)).ToList();
        emulator.ResetLog();
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = connector.Capabilities.MaxParallelism };
        var failed = 0;
        await Parallel.ForEachAsync(batchRecords.Chunk(connector.Capabilities.MaxBatchSize), parallel, async (chunk, ct) =>
        {
            var results = await connector.WriteEnrichmentAsync(chunk, ct);
            Interlocked.Add(ref failed, results.Count(r => !r.Succeeded));
        });
        var batchTime = clock.Elapsed;
        var batchCalls = emulator.ApiCallCount;

        // 2. Baseline: one PATCH per record, same parallelism, same emulator.
        using var http = new HttpClient { BaseAddress = emulator.ApiUri };
        using (var token = await http.PostAsync(emulator.TokenUri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = options.ClientId!, ["client_secret"] = options.ClientSecret!,
            ["scope"] = emulator.BaseUri + ".default",
        })))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>());
        }

        emulator.ResetLog();
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, records), parallel, async (i, ct) =>
        {
            var body = $"{{\"pk_trustscore\":{Record(i, 2).TrustScore!.Value.ToString(CultureInfo.InvariantCulture)}}}";
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"contacts({ODataLiteral.Key("pk_externalid", $"R-{i:D5}")})")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
            }
        });
        var singleTime = clock.Elapsed;
        var singleCalls = emulator.ApiCallCount;

        Console.WriteLine($"Dataverse enrichment writes: {records:N0} contacts, {latency.TotalMilliseconds} ms emulated latency per request, parallelism {parallel.MaxDegreeOfParallelism}, failures {failed}");
        Console.WriteLine("| method | API calls | calls per 1,000 records | wall time | records/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| connector ($batch {connector.Capabilities.MaxBatchSize}) | {batchCalls:N0} | {batchCalls * 1000.0 / records:F1} | {batchTime.TotalSeconds:F1} s | {records / batchTime.TotalSeconds:N0} |");
        Console.WriteLine($"| one PATCH per record | {singleCalls:N0} | {singleCalls * 1000.0 / records:F1} | {singleTime.TotalSeconds:F1} s | {records / singleTime.TotalSeconds:N0} |");
        Console.WriteLine($"speed-up (wall time per-record / batched): {singleTime.TotalSeconds / batchTime.TotalSeconds:F1}x");
    }

    private static EnrichmentRecord Record(int i, int generation) =>
        EnrichmentRecord.ForRep(new RepId($"R-{i:D5}"), (i * 7 + generation) % 1000 / 10.0, TrustRank.B, 0.7, 1.5, new DateOnly(2026, 3, 1), FollowUpPriority.Normal);
}
